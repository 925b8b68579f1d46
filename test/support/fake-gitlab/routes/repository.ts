import { isoDate } from '../../fake-github/git-objects.js';
import type { Repo } from '../../fake-github/repos.js';
import { diffTrees } from '../../fake-github/tree-diff.js';
import {
  HttpError,
  malformed,
  notFound,
  ok,
  paginate,
  projectOf,
  requireRevision,
  type Ctx,
  type FakeState,
  type Reply,
  type Route,
} from '../state.js';
import { projectRoute } from './route.js';

export const webOrigin = (state: FakeState) => new URL(state.url).origin;

export function projectJson(state: FakeState, repo: Repo) {
  return {
    id: state.projectIds.get(repo.fullName.toLowerCase()),
    name: repo.name,
    path: repo.name,
    path_with_namespace: repo.fullName,
    default_branch: repo.defaultBranch,
    web_url: `${webOrigin(state)}/${repo.fullName}`,
  };
}

export function commitJson(state: FakeState, repo: Repo, sha: string) {
  const commit = repo.store.commit(sha)!;
  return {
    id: sha,
    short_id: sha.slice(0, 8),
    title: commit.message.split('\n')[0],
    message: commit.message,
    author_name: commit.author.name,
    author_email: commit.author.email,
    authored_date: isoDate(commit.author.date),
    committer_name: commit.committer.name,
    committer_email: commit.committer.email,
    committed_date: isoDate(commit.committer.date),
    created_at: isoDate(commit.committer.date),
    parent_ids: commit.parents,
    web_url: `${webOrigin(state)}/${repo.fullName}/-/commit/${sha}`,
  };
}

const booleanParam = (ctx: Ctx, name: string) => {
  const value = ctx.query.get(name);
  if (value === null) return undefined;
  if (value !== 'true' && value !== 'false') throw malformed(`${name} must be true or false`);
  return value === 'true';
};

/** `GET /repository/tree`: offset pagination, or keyset (`pagination=keyset`, `page_token`, a `Link` to the next page). */
function tree(ctx: Ctx): Reply {
  const repo = projectOf(ctx);
  const sha = requireRevision(repo, ctx.query.get('ref') ?? repo.defaultBranch, 'Tree');
  const recursive = booleanParam(ctx, 'recursive') ?? false;
  const path = (ctx.query.get('path') ?? '').replace(/\/$/, '');
  const all = repo.store.walk(repo.store.commit(sha)!.tree, true);
  const prefix = path ? `${path}/` : '';
  if (path && !all.some((e) => e.path === path && e.type === 'tree')) throw notFound('Tree');
  const entries = all
    .filter((e) => e.path.startsWith(prefix) && (recursive || !e.path.slice(prefix.length).includes('/')))
    .map((e) => ({
      id: e.sha,
      name: e.path.split('/').pop()!,
      type: e.type,
      path: e.path,
      mode: e.mode,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const pagination = ctx.query.get('pagination');
  if (pagination === null) return paginate(ctx, entries);
  if (pagination !== 'keyset') throw malformed('pagination must be keyset');
  const perPage = Number(ctx.query.get('per_page') ?? 20);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw malformed('per_page must be 1 to 100');
  const token = ctx.query.get('page_token');
  let after: string | undefined;
  try {
    after =
      token === null ? undefined : (JSON.parse(Buffer.from(token, 'base64').toString('utf8')).file_name as string);
  } catch {
    throw malformed('page_token is not a token this tree gave');
  }
  const start = token === null ? 0 : entries.findIndex((e) => e.path === after) + 1;
  if (token !== null && start === 0) throw malformed('page_token names no entry of this tree');
  const page = entries.slice(start, start + perPage);
  const headers: Record<string, string> = {};
  if (start + perPage < entries.length) {
    const next = new URLSearchParams(ctx.query);
    // As GitLab's own links: an opaque token, and `page=1` alongside it.
    next.set('page', '1');
    next.set('page_token', Buffer.from(JSON.stringify({ file_name: page.at(-1)!.path })).toString('base64'));
    headers.link = `<${ctx.state.url}${ctx.path.slice('/api/v4'.length)}?${next}>; rel="next"`;
  }
  return { status: 200, body: page, headers };
}

/** `GET /repository/compare?from&to`: from their merge base unless `straight=true`. */
function compare(ctx: Ctx): Reply {
  const repo = projectOf(ctx);
  const from = ctx.query.get('from');
  const to = ctx.query.get('to');
  if (!from || !to) throw malformed('from and to are required');
  const fromSha = requireRevision(repo, from, 'Ref');
  const toSha = requireRevision(repo, to, 'Ref');
  const straight = booleanParam(ctx, 'straight') ?? false;
  const base = straight ? fromSha : repo.store.mergeBase(fromSha, toSha);
  const changes = diffTrees(
    repo.store,
    base ? repo.store.commit(base)!.tree : undefined,
    repo.store.commit(toSha)!.tree,
  );
  const commits = repo.store.commitsBetween(fromSha, toSha);
  return ok({
    commit: commits.length ? commitJson(ctx.state, repo, commits.at(-1)!) : null,
    commits: commits.map((sha) => commitJson(ctx.state, repo, sha)),
    diffs: changes.map((c) => ({
      old_path: c.previousFilename ?? c.filename,
      new_path: c.filename,
      a_mode: c.oldLeaf?.mode ?? '0',
      b_mode: c.newLeaf?.mode ?? '0',
      new_file: c.status === 'added',
      renamed_file: c.status === 'renamed',
      deleted_file: c.status === 'removed',
      generated_file: false,
      diff: c.patch ? `${c.patch}\n` : '',
    })),
    compare_timeout: false,
    compare_same_ref: fromSha === toSha,
    web_url: `${webOrigin(ctx.state)}/${repo.fullName}/-/compare/${fromSha}...${toSha}`,
  });
}

export const repositoryRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/v4\/user$/,
    handle: (ctx) => {
      const user = ctx.state.users.find((u) => u.id === ctx.userId)!;
      return ok({ id: user.id, username: user.username, name: user.name, state: 'active' });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v4\/users$/,
    handle: (ctx) => {
      const username = ctx.query.get('username');
      if (username === null) throw malformed('the fake lists users by username only');
      const found = ctx.state.users.filter((u) => u.username.toLowerCase() === username.toLowerCase());
      return paginate(
        ctx,
        found.map((u) => ({ id: u.id, username: u.username, name: u.name, state: 'active' })),
      );
    },
  },
  projectRoute('GET', '', (ctx) => ok(projectJson(ctx.state, projectOf(ctx)))),
  projectRoute('GET', '/repository/branches/([^/]+)', (ctx) => {
    const repo = projectOf(ctx);
    const sha = repo.refs.get(`refs/heads/${ctx.params[1]}`);
    if (!sha) throw notFound('Branch');
    return ok({
      name: ctx.params[1],
      commit: commitJson(ctx.state, repo, sha),
      merged: false,
      protected: ctx.params[1] === repo.defaultBranch,
      default: ctx.params[1] === repo.defaultBranch,
      web_url: `${webOrigin(ctx.state)}/${repo.fullName}/-/tree/${ctx.params[1]}`,
    });
  }),
  projectRoute('DELETE', '/repository/branches/([^/]+)', (ctx) => {
    const repo = projectOf(ctx);
    const ref = `refs/heads/${ctx.params[1]}`;
    if (!repo.refs.has(ref)) throw notFound('Branch');
    // The default branch is protected here, and GitLab refuses to delete a protected branch through this endpoint.
    if (ctx.params[1] === repo.defaultBranch) throw new HttpError(403, '403 Forbidden');
    repo.refs.delete(ref);
    return { status: 204, body: undefined };
  }),
  projectRoute('GET', '/repository/commits/([^/]+)', (ctx) => {
    const repo = projectOf(ctx);
    return ok(commitJson(ctx.state, repo, requireRevision(repo, ctx.params[1]!)));
  }),
  projectRoute('GET', '/repository/compare', compare),
  projectRoute('GET', '/repository/tree', tree),
  projectRoute('GET', '/repository/files/([^/]+)/raw', (ctx) => {
    const repo = projectOf(ctx);
    const path = ctx.params[1]!;
    if (path.startsWith('/') || path.split('/').some((s) => s === '' || s === '..'))
      throw malformed(`bad file path ${path}`);
    const sha = requireRevision(repo, ctx.query.get('ref') ?? repo.defaultBranch, 'File');
    const leaf = repo.store.flatten(repo.store.commit(sha)!.tree).get(path);
    if (!leaf) throw notFound('File');
    return { status: 200, text: repo.store.blob(leaf.sha)!.toString('utf8') };
  }),
];
