import { createHash } from 'node:crypto';
import type { FileChange } from './tree-diff.js';
import type { Comment, Pull, Repo, Review, User, World } from './repos.js';

/** JSON shapes of GitHub's REST responses, with the fields clients read. */
const HTML = 'https://github.com';
const nodeId = (kind: string, id: number | string) => Buffer.from(`${kind}:${id}`).toString('base64');
const userId = (login: string) => createHash('sha1').update(login).digest().readUInt32BE(0) % 10_000_000;

export function userJson(user: User, api: string) {
  const url = `${api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: userId(user.login),
    node_id: nodeId('User', user.login),
    avatar_url: `https://avatars.githubusercontent.com/u/${userId(user.login)}`,
    gravatar_id: '',
    url,
    html_url: user.login.endsWith('[bot]') ? `${HTML}/apps/${user.login.slice(0, -5)}` : `${HTML}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    site_admin: false,
  };
}

const REPO_URLS = Object.entries({
  archive: '/{archive_format}{/ref}',
  assignees: '/assignees{/user}',
  blobs: '/git/blobs{/sha}',
  branches: '/branches{/branch}',
  collaborators: '/collaborators{/collaborator}',
  comments: '/comments{/number}',
  commits: '/commits{/sha}',
  compare: '/compare/{base}...{head}',
  contents: '/contents/{+path}',
  contributors: '/contributors',
  deployments: '/deployments',
  downloads: '/downloads',
  events: '/events',
  forks: '/forks',
  git_commits: '/git/commits{/sha}',
  git_refs: '/git/refs{/sha}',
  git_tags: '/git/tags{/sha}',
  hooks: '/hooks',
  issue_comment: '/issues/comments{/number}',
  issue_events: '/issues/events{/number}',
  issues: '/issues{/number}',
  keys: '/keys{/key_id}',
  labels: '/labels{/name}',
  languages: '/languages',
  merges: '/merges',
  milestones: '/milestones{/number}',
  notifications: '/notifications{?since,all,participating}',
  pulls: '/pulls{/number}',
  releases: '/releases{/id}',
  stargazers: '/stargazers',
  statuses: '/statuses/{sha}',
  subscribers: '/subscribers',
  subscription: '/subscription',
  tags: '/tags',
  teams: '/teams',
  trees: '/git/trees{/sha}',
});

export function repoJson(repo: Repo, api: string) {
  const url = `${api}/repos/${repo.fullName}`;
  const html = `${HTML}/${repo.fullName}`;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userJson({ login: repo.owner, type: 'Organization' }, api),
    html_url: html,
    description: null,
    fork: false,
    url,
    ...Object.fromEntries(REPO_URLS.map(([name, path]) => [`${name}_url`, url + path])),
    git_url: `git://github.com/${repo.fullName}.git`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: null,
    size: 1,
    default_branch: repo.defaultBranch,
    topics: repo.topics,
    visibility: repo.private ? 'private' : 'public',
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    open_issues: 0,
    open_issues_count: 0,
    network_count: 0,
    subscribers_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: false,
    has_discussions: false,
    is_template: false,
    archived: false,
    disabled: false,
    license: null,
    allow_forking: true,
    web_commit_signoff_required: false,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    pushed_at: repo.createdAt,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  };
}

const personJson = (p: { name: string; email: string; date: string }) => ({
  name: p.name,
  email: p.email,
  date: p.date,
});
const verification = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

export function gitCommitJson(repo: Repo, sha: string, api: string) {
  const c = repo.store.commit(sha)!;
  const url = `${api}/repos/${repo.fullName}/git/commits/${sha}`;
  return {
    sha,
    node_id: nodeId('Commit', sha),
    url,
    html_url: `${HTML}/${repo.fullName}/commit/${sha}`,
    author: personJson(c.author),
    committer: personJson(c.committer),
    message: c.message,
    tree: { sha: c.tree, url: `${api}/repos/${repo.fullName}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/repos/${repo.fullName}/git/commits/${p}`,
      html_url: `${HTML}/${repo.fullName}/commit/${p}`,
    })),
    verification,
  };
}

/** A commit as the commits and compare endpoints show it (files only when given). */
export function commitJson(repo: Repo, sha: string, api: string, files?: FileChange[]) {
  const git = gitCommitJson(repo, sha, api);
  const url = `${api}/repos/${repo.fullName}/commits/${sha}`;
  const stats = files && {
    additions: sum(files, 'additions'),
    deletions: sum(files, 'deletions'),
    total: sum(files, 'additions') + sum(files, 'deletions'),
  };
  return {
    sha,
    node_id: git.node_id,
    url,
    html_url: git.html_url,
    comments_url: `${url}/comments`,
    commit: {
      url: git.url,
      author: git.author,
      committer: git.committer,
      message: git.message,
      tree: git.tree,
      comment_count: 0,
      verification,
    },
    author: null,
    committer: null,
    parents: git.parents.map((p) => ({
      sha: p.sha,
      url: `${api}/repos/${repo.fullName}/commits/${p.sha}`,
      html_url: p.html_url,
    })),
    ...(files && { stats, files: files.map((f) => fileJson(repo, f, sha, api)) }),
  };
}

const sum = (files: FileChange[], key: 'additions' | 'deletions') => files.reduce((n, f) => n + f[key], 0);

export function fileJson(repo: Repo, f: FileChange, ref: string, api: string) {
  const path = encodeURI(f.filename);
  return {
    sha: (f.newLeaf ?? f.oldLeaf)!.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `${HTML}/${repo.fullName}/blob/${ref}/${path}`,
    raw_url: `${HTML}/${repo.fullName}/raw/${ref}/${path}`,
    contents_url: `${api}/repos/${repo.fullName}/contents/${path}?ref=${ref}`,
    ...(f.patch !== undefined && { patch: f.patch }),
    ...(f.previousFilename && { previous_filename: f.previousFilename }),
  };
}

export function teamJson(org: string, slug: string, api: string) {
  const url = `${api}/orgs/${org}/teams/${slug}`;
  return {
    id: userId(`${org}/${slug}`),
    node_id: nodeId('Team', `${org}/${slug}`),
    url,
    members_url: `${url}/members{/member}`,
    name: slug,
    slug,
    description: null,
    permission: 'pull',
    html_url: `${HTML}/orgs/${org}/teams/${slug}`,
    repositories_url: `${url}/repos`,
    parent: null,
    type: 'organization',
  };
}

export function pullJson(world: World, repo: Repo, pull: Pull, api: string, changes: FileChange[], commits: number) {
  world.refreshPull(repo, pull);
  const url = `${api}/repos/${repo.fullName}/pulls/${pull.number}`;
  const html = `${HTML}/${repo.fullName}/pull/${pull.number}`;
  const side = (ref: string, sha: string) => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: userJson({ login: repo.owner, type: 'Organization' }, api),
    repo: repoJson(repo, api),
  });
  return {
    url,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/repos/${repo.fullName}/issues/${pull.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/repos/${repo.fullName}/pulls/comments{/number}`,
    comments_url: `${api}/repos/${repo.fullName}/issues/${pull.number}/comments`,
    statuses_url: `${api}/repos/${repo.fullName}/statuses/${pull.headSha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(pull.user, api),
    body: pull.body,
    labels: pull.labels.map((name, i) => ({
      id: i + 1,
      node_id: nodeId('Label', name),
      url: `${api}/repos/${repo.fullName}/labels/${encodeURIComponent(name)}`,
      name,
      color: 'ededed',
      default: false,
      description: null,
    })),
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.merged ? pull.closedAt : null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: pull.requestedReviewers.map((login) => userJson({ login, type: 'User' }, api)),
    requested_teams: pull.requestedTeams.map((slug) => teamJson(repo.owner, slug, api)),
    head: side(pull.head, pull.headSha),
    base: side(pull.base, pull.baseSha),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: `${api}/repos/${repo.fullName}/issues/${pull.number}` },
      comments: { href: `${api}/repos/${repo.fullName}/issues/${pull.number}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${api}/repos/${repo.fullName}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${api}/repos/${repo.fullName}/statuses/${pull.headSha}` },
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: null,
    mergeable_state: 'clean',
    merged_by: null,
    comments: repo.comments.filter((c) => c.issueNumber === pull.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits,
    additions: sum(changes, 'additions'),
    deletions: sum(changes, 'deletions'),
    changed_files: changes.length,
  };
}

export function reviewJson(repo: Repo, pullNumber: number, r: Review, api: string) {
  const html = `${HTML}/${repo.fullName}/pull/${pullNumber}#pullrequestreview-${r.id}`;
  const pull = `${api}/repos/${repo.fullName}/pulls/${pullNumber}`;
  return {
    id: r.id,
    node_id: nodeId('PullRequestReview', r.id),
    user: userJson(r.user, api),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: pull,
    _links: { html: { href: html }, pull_request: { href: pull } },
    submitted_at: r.submittedAt,
    commit_id: r.commitId,
    author_association: 'MEMBER',
  };
}

export function commentJson(repo: Repo, c: Comment, api: string) {
  return {
    id: c.id,
    node_id: nodeId('IssueComment', c.id),
    url: `${api}/repos/${repo.fullName}/issues/comments/${c.id}`,
    html_url: `${HTML}/${repo.fullName}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body,
    user: userJson(c.user, api),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${api}/repos/${repo.fullName}/issues/${c.issueNumber}`,
    author_association: 'CONTRIBUTOR',
  };
}
