import { isoDate } from '../git-objects.js';
import { actor, notFound, ok, paginate, unprocessable, type Ctx, route, type Route } from '../http-kit.js';
import { commitJson, fileJson, pullJson, reviewJson } from '../render.js';
import type { Pull } from '../repos.js';
import { diffTrees, gitDiffSection } from '../tree-diff.js';

interface PullBody {
  title?: string;
  head: string;
  base: string;
  body?: string;
  draft?: boolean;
  state?: 'open' | 'closed';
}

/** Files and commits of a pull request: head against its merge base with base, as GitHub shows them. */
function contents(ctx: Ctx, pull: Pull) {
  const { repo, world } = ctx;
  world.refreshPull(repo, pull);
  const base = repo.store.mergeBase(pull.baseSha, pull.headSha);
  const baseTree = base ? repo.store.commit(base)!.tree : undefined;
  return {
    changes: diffTrees(repo.store, baseTree, repo.store.commit(pull.headSha)!.tree),
    commits: repo.store.commitsBetween(base, pull.headSha),
  };
}

function render(ctx: Ctx, pull: Pull) {
  const { changes, commits } = contents(ctx, pull);
  return pullJson(ctx.world, ctx.repo, pull, ctx.state.url, changes, commits.length);
}

function findPull(ctx: Ctx): Pull {
  const pull = ctx.repo.pulls.get(Number(ctx.params.pull_number));
  if (!pull) throw notFound();
  return pull;
}

/** GitHub's orders for listing pull requests (`created` desc by default; `direction` defaults to desc). */
function pullOrder(sort: string, direction: string | undefined) {
  const key = (p: Pull) =>
    sort === 'updated' ? `${p.updatedAt}#${String(p.number).padStart(9, '0')}` : String(p.number).padStart(9, '0');
  const sign = direction === 'asc' ? 1 : -1;
  return (a: Pull, b: Pull) => sign * key(a).localeCompare(key(b));
}

const custom = (message: string) =>
  unprocessable('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message }]);
const invalidField = (field: string, code = 'invalid') =>
  unprocessable('Validation Failed', [{ resource: 'PullRequest', field, code }]);

export const pullRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/pulls', 'repo', (ctx) => {
    const { state = 'open', head, base } = ctx.query;
    const pulls = [...ctx.repo.pulls.values()]
      .filter((p) => state === 'all' || p.state === state)
      .filter(
        (p) =>
          !head ||
          `${ctx.repo.owner}:${p.head}`.toLowerCase() ===
            (head.includes(':') ? head : `${ctx.repo.owner}:${head}`).toLowerCase(),
      )
      .filter((p) => !base || p.base === base)
      .sort(pullOrder(ctx.query.sort ?? 'created', ctx.query.direction));
    const page = paginate(ctx, pulls);
    return { status: 200, headers: page.headers, body: page.items.map((p) => render(ctx, p)) };
  }),
  route('POST', '/repos/{owner}/{repo}/pulls', 'repo', (ctx) => {
    const body = ctx.body as PullBody;
    const { repo, world } = ctx;
    const head = body.head.includes(':') ? body.head.slice(body.head.indexOf(':') + 1) : body.head;
    if (body.title === undefined) throw invalidField('title', 'missing_field');
    const baseSha = repo.refs.get(`refs/heads/${body.base}`);
    const headSha = repo.refs.get(`refs/heads/${head}`);
    if (!baseSha) throw invalidField('base');
    if (!headSha) throw invalidField('head');
    if ([...repo.pulls.values()].some((p) => p.state === 'open' && p.head === head && p.base === body.base))
      throw custom(`A pull request already exists for ${repo.owner}:${head}.`);
    if (repo.store.commitsBetween(baseSha, headSha).length === 0)
      throw custom(`No commits between ${body.base} and ${head}`);
    const pull = world.addPull(repo.fullName, {
      title: body.title,
      body: body.body,
      head,
      base: body.base,
      draft: body.draft,
      user: actor(ctx.identity).login,
    });
    pull.user = actor(ctx.identity);
    return ok(render(ctx, pull), 201);
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', 'repo', (ctx) => {
    const pull = findPull(ctx);
    if (!/\.diff\b/.test(ctx.headers.accept ?? '')) return ok(render(ctx, pull));
    return {
      status: 200,
      text: contents(ctx, pull).changes.map(gitDiffSection).join(''),
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    };
  }),
  route('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', 'repo', (ctx) => {
    const pull = findPull(ctx);
    const body = ctx.body as Partial<PullBody>;
    if (body.base !== undefined && !ctx.repo.refs.has(`refs/heads/${body.base}`)) throw invalidField('base');
    if (body.title !== undefined) pull.title = body.title;
    if (body.body !== undefined) pull.body = body.body;
    if (body.base !== undefined) pull.base = body.base;
    if (body.state !== undefined && body.state !== pull.state) {
      ctx.world.refreshPull(ctx.repo, pull);
      pull.state = body.state;
      pull.closedAt = body.state === 'closed' ? isoDate(new Date()) : null;
    }
    pull.updatedAt = isoDate(new Date());
    return ok(render(ctx, pull));
  }),
  route('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', 'repo', (ctx) => {
    const pull = findPull(ctx);
    const body = ctx.body as { reviewers?: string[]; team_reviewers?: string[] };
    const reviewers = body.reviewers ?? [];
    const teams = body.team_reviewers ?? [];
    if (reviewers.some((login) => login.toLowerCase() === pull.user.login.toLowerCase()))
      throw custom('Review cannot be requested from pull request author.');
    for (const login of reviewers) if (!pull.requestedReviewers.includes(login)) pull.requestedReviewers.push(login);
    for (const slug of teams) if (!pull.requestedTeams.includes(slug)) pull.requestedTeams.push(slug);
    // GitHub answers with the pull request (its "simple" shape, which the full one satisfies).
    return ok(render(ctx, pull), 201);
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', 'repo', (ctx) => {
    const pull = findPull(ctx);
    const page = paginate(ctx, pull.reviews);
    return {
      status: 200,
      headers: page.headers,
      body: page.items.map((r) => reviewJson(ctx.repo, pull.number, r, ctx.state.url)),
    };
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files', 'repo', (ctx) => {
    const pull = findPull(ctx);
    const page = paginate(ctx, contents(ctx, pull).changes);
    return {
      status: 200,
      headers: page.headers,
      body: page.items.map((f) => fileJson(ctx.repo, f, pull.headSha, ctx.state.url)),
    };
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/commits', 'repo', (ctx) => {
    const page = paginate(ctx, contents(ctx, findPull(ctx)).commits);
    return {
      status: 200,
      headers: page.headers,
      body: page.items.map((sha) => commitJson(ctx.repo, sha, ctx.state.url)),
    };
  }),
];
