import { isoDate } from '../../fake-github/git-objects.js';
import type { Repo } from '../../fake-github/repos.js';
import { diffTrees, gitDiffSection } from '../../fake-github/tree-diff.js';
import { repoOf, requireRevision } from '../repo-access.js';
import {
  fakeUserUuid,
  HttpError,
  jsonBody,
  malformed,
  notFound,
  ok,
  paginate,
  type Ctx,
  type FakeState,
  type PullRequest,
  type Route,
} from '../state.js';
import { repoRoute } from './repository.js';

const states = new Set(['OPEN', 'MERGED', 'DECLINED', 'SUPERSEDED']);

export function pullRequestJson(state: FakeState, repo: Repo, pr: PullRequest) {
  const side = (branch: string) => ({
    branch: { name: branch },
    commit: { type: 'commit', hash: (repo.refs.get(`refs/heads/${branch}`) ?? '').slice(0, 12) },
    repository: { type: 'repository', full_name: repo.fullName },
  });
  return {
    type: 'pullrequest',
    id: pr.id,
    title: pr.title,
    description: pr.description,
    state: pr.state,
    draft: pr.draft,
    source: side(pr.source),
    destination: side(pr.destination),
    author: { type: 'user', uuid: pr.author },
    reviewers: pr.reviewers.map((uuid) => ({ type: 'user', uuid })),
    created_on: pr.createdOn,
    updated_on: pr.updatedOn,
    links: {
      self: { href: `${state.url}/repositories/${repo.fullName}/pullrequests/${pr.id}` },
      html: { href: `https://bitbucket.org/${repo.fullName}/pull-requests/${pr.id}` },
    },
  };
}

function pullOf(ctx: Ctx, repo: Repo): PullRequest {
  const pr = ctx.state.pulls.find((p) => p.repo === repo.fullName && p.id === Number(ctx.params[2]));
  if (!pr) throw notFound(`pull request ${ctx.params[2]}`);
  return pr;
}

/** Only the filter docflow sends is understood; anything else is a request the fake cannot answer truthfully. */
function matches(query: string | null): (pr: PullRequest) => boolean {
  if (query === null) return () => true;
  const found = /^source\.branch\.name = "([^"]+)"$/.exec(query);
  if (!found) throw malformed(`the fake understands only q=source.branch.name = "…", not ${query}`);
  return (pr) => pr.source === found[1];
}

const text = (value: unknown, field: string, required = false) => {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string') throw malformed(`${field} must be a string`);
  return value;
};
const branchName = (value: unknown, field: string) =>
  text((value as { branch?: { name?: unknown } } | undefined)?.branch?.name, `${field}.branch.name`, true)!;

const uuidPattern = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;

/** `reviewers: [{uuid}]` as Bitbucket takes it: accounts by uuid, never the pull request's author. */
function reviewersOf(value: unknown, author: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw malformed('reviewers must be an array');
  return value.map((entry) => {
    const uuid = (entry as { uuid?: unknown } | null)?.uuid;
    if (typeof uuid !== 'string' || !uuidPattern.test(uuid)) throw malformed('each reviewer needs a uuid "{…}"');
    if (uuid === author) throw new HttpError(400, `${uuid} is the author and cannot be included as a reviewer.`, true);
    return uuid;
  });
}

/** `a..b`: a compared with its merge base with b, as Bitbucket shows a pull request. */
function spec(ctx: Ctx, repo: Repo) {
  const [head, base, extra] = ctx.params[2]!.split('..');
  if (!head || !base || extra !== undefined) throw malformed('the spec must be "source..destination"');
  const headSha = requireRevision(repo, head);
  const mergeBase = repo.store.mergeBase(headSha, requireRevision(repo, base));
  return diffTrees(
    repo.store,
    mergeBase ? repo.store.commit(mergeBase)!.tree : undefined,
    repo.store.commit(headSha)!.tree,
  );
}

export const pullRequestRoutes: Route[] = [
  repoRoute('GET', '/pullrequests', (ctx) => {
    const repo = repoOf(ctx);
    const wanted = ctx.query.getAll('state');
    for (const s of wanted) if (!states.has(s)) throw malformed(`unknown state ${s}`);
    const filter = matches(ctx.query.get('q'));
    const chosen = ctx.state.pulls.filter(
      (p) => p.repo === repo.fullName && (wanted.length ? wanted : ['OPEN']).includes(p.state) && filter(p),
    );
    return paginate(
      ctx,
      chosen.map((p) => pullRequestJson(ctx.state, repo, p)),
    );
  }),
  repoRoute('POST', '/pullrequests', (ctx) => {
    const repo = repoOf(ctx);
    const body = jsonBody(ctx);
    const title = text(body.title, 'title', true)!;
    const source = branchName(body.source, 'source');
    const destination =
      body.destination === undefined ? repo.defaultBranch : branchName(body.destination, 'destination');
    for (const branch of [source, destination])
      if (!repo.refs.has(`refs/heads/${branch}`)) throw new HttpError(400, `branch ${branch} does not exist`, true);
    if (ctx.state.pulls.some((p) => p.repo === repo.fullName && p.source === source && p.state === 'OPEN'))
      throw new HttpError(400, `there is already an open pull request from ${source}`, true);
    const now = isoDate(new Date());
    const pr: PullRequest = {
      id: Math.max(0, ...ctx.state.pulls.filter((p) => p.repo === repo.fullName).map((p) => p.id)) + 1,
      repo: repo.fullName,
      title,
      description: text(body.description, 'description') ?? '',
      source,
      destination,
      draft: body.draft === true,
      state: 'OPEN',
      author: fakeUserUuid,
      reviewers: reviewersOf(body.reviewers, fakeUserUuid) ?? [],
      createdOn: now,
      updatedOn: now,
    };
    ctx.state.pulls.push(pr);
    return ok(pullRequestJson(ctx.state, repo, pr), 201);
  }),
  repoRoute('GET', '/pullrequests/(\\d+)', (ctx) => {
    const repo = repoOf(ctx);
    return ok(pullRequestJson(ctx.state, repo, pullOf(ctx, repo)));
  }),
  repoRoute('PUT', '/pullrequests/(\\d+)', (ctx) => {
    const repo = repoOf(ctx);
    const pr = pullOf(ctx, repo);
    const body = jsonBody(ctx);
    pr.title = text(body.title, 'title') ?? pr.title;
    pr.description = text(body.description, 'description') ?? pr.description;
    pr.reviewers = reviewersOf(body.reviewers, pr.author) ?? pr.reviewers;
    pr.updatedOn = isoDate(new Date());
    return ok(pullRequestJson(ctx.state, repo, pr));
  }),
  repoRoute('POST', '/pullrequests/(\\d+)/decline', (ctx) => {
    const repo = repoOf(ctx);
    const pr = pullOf(ctx, repo);
    if (pr.state !== 'OPEN') throw new HttpError(400, `pull request ${pr.id} is not open`, true);
    pr.state = 'DECLINED';
    pr.updatedOn = isoDate(new Date());
    return ok(pullRequestJson(ctx.state, repo, pr));
  }),
  repoRoute('GET', '/pullrequests/(\\d+)/comments', (ctx) => {
    const repo = repoOf(ctx);
    const pr = pullOf(ctx, repo);
    const mine = ctx.state.comments.filter((c) => c.repo === repo.fullName && c.pullRequestId === pr.id);
    return paginate(
      ctx,
      mine.map((c) => ({ type: 'pullrequest_comment', id: c.id, deleted: false, content: { raw: c.raw } })),
    );
  }),
  repoRoute('POST', '/pullrequests/(\\d+)/comments', (ctx) => {
    const repo = repoOf(ctx);
    const pr = pullOf(ctx, repo);
    const raw = text((jsonBody(ctx).content as { raw?: unknown } | undefined)?.raw, 'content.raw', true)!;
    const comment = { id: ++ctx.state.nextId, repo: repo.fullName, pullRequestId: pr.id, raw };
    ctx.state.comments.push(comment);
    return ok({ type: 'pullrequest_comment', id: comment.id, deleted: false, content: { raw } }, 201);
  }),
  repoRoute('PUT', '/pullrequests/(\\d+)/comments/(\\d+)', (ctx) => {
    const repo = repoOf(ctx);
    const pr = pullOf(ctx, repo);
    const comment = ctx.state.comments.find((c) => c.pullRequestId === pr.id && c.id === Number(ctx.params[3]));
    if (!comment) throw notFound(`comment ${ctx.params[3]}`);
    comment.raw = text((jsonBody(ctx).content as { raw?: unknown } | undefined)?.raw, 'content.raw', true)!;
    return ok({ type: 'pullrequest_comment', id: comment.id, deleted: false, content: { raw: comment.raw } });
  }),
  repoRoute('GET', '/diff/([^/]+)', (ctx) => ({
    status: 200,
    text: spec(ctx, repoOf(ctx)).map(gitDiffSection).join(''),
  })),
  repoRoute('GET', '/diffstat/([^/]+)', (ctx) =>
    paginate(
      ctx,
      spec(ctx, repoOf(ctx)).map((c) => ({
        type: 'diffstat',
        status: c.status,
        lines_added: c.additions,
        lines_removed: c.deletions,
        old: c.oldLeaf ? { path: c.previousFilename ?? c.filename, type: 'commit_file' } : null,
        new: c.newLeaf ? { path: c.filename, type: 'commit_file' } : null,
      })),
    ),
  ),
];
