import { isoDate } from '../../fake-github/git-objects.js';
import type { Repo } from '../../fake-github/repos.js';
import { repoOf, requireRevision } from '../repo-access.js';
import { notFound, ok, paginate, malformed, type Ctx, type Route } from '../state.js';

const repoPrefix = String.raw`^/2\.0/repositories/([\w.-]+)/([\w.-]+)`;
export const repoRoute = (method: string, rest: string, handle: Route['handle']): Route => ({
  method,
  pattern: new RegExp(`${repoPrefix}${rest}$`),
  handle,
});

export function commitJson(repo: Repo, sha: string) {
  const commit = repo.store.commit(sha)!;
  return {
    type: 'commit',
    hash: sha,
    message: commit.message,
    date: isoDate(commit.author.date),
    author: { type: 'author', raw: `${commit.author.name} <${commit.author.email}>` },
    parents: commit.parents.map((hash) => ({ type: 'commit', hash })),
  };
}

/** Newest first, as Bitbucket lists them. */
function commitsFrom(repo: Repo, head: string, exclude: string[]): string[] {
  const hidden = new Set(exclude.flatMap((sha) => [...repo.store.ancestors(sha)]));
  const order = repo.store.commitsBetween(undefined, head).filter((sha) => !hidden.has(sha));
  return order.reverse();
}

function source(ctx: Ctx) {
  const repo = repoOf(ctx);
  const sha = requireRevision(repo, ctx.params[2]!);
  const path = (ctx.params[3] ?? '').replace(/\/$/, '');
  const files = repo.store.flatten(repo.store.commit(sha)!.tree);
  const leaf = files.get(path);
  if (leaf) return { status: 200, text: repo.store.blob(leaf.sha)!.toString('utf8') };
  const prefix = path ? `${path}/` : '';
  const children = new Map<string, { type: string; path: string }>();
  for (const file of files.keys()) {
    if (!file.startsWith(prefix)) continue;
    const [first, ...rest] = file.slice(prefix.length).split('/');
    const child = prefix + first;
    children.set(child, { type: rest.length ? 'commit_directory' : 'commit_file', path: child });
  }
  if (children.size === 0) throw notFound(`${path} at ${ctx.params[2]}`);
  return paginate(
    ctx,
    [...children.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
  );
}

export const repositoryRoutes: Route[] = [
  { method: 'GET', pattern: /^\/2\.0\/user$/, handle: () => ok({ type: 'user', display_name: 'Docflow Test' }) },
  repoRoute('GET', '', (ctx) => {
    const repo = repoOf(ctx);
    return ok({
      type: 'repository',
      full_name: repo.fullName,
      mainbranch: { type: 'branch', name: repo.defaultBranch },
    });
  }),
  repoRoute('GET', '/refs/branches/(.+)', (ctx) => {
    const repo = repoOf(ctx);
    const sha = repo.refs.get(`refs/heads/${ctx.params[2]}`);
    if (!sha) throw notFound(`branch ${ctx.params[2]}`);
    return ok({ type: 'branch', name: ctx.params[2], target: commitJson(repo, sha) });
  }),
  repoRoute('DELETE', '/refs/branches/(.+)', (ctx) => {
    const repo = repoOf(ctx);
    const ref = `refs/heads/${ctx.params[2]}`;
    if (!repo.refs.has(ref)) throw notFound(`branch ${ctx.params[2]}`);
    if (ctx.params[2] === repo.defaultBranch) throw malformed('the main branch cannot be deleted');
    repo.refs.delete(ref);
    return { status: 204, body: undefined };
  }),
  repoRoute('GET', '/commit/([^/]+)', (ctx) => {
    const repo = repoOf(ctx);
    return ok(commitJson(repo, requireRevision(repo, ctx.params[2]!)));
  }),
  repoRoute('GET', '/commits/([^/]+)', (ctx) => {
    const repo = repoOf(ctx);
    const head = requireRevision(repo, ctx.params[2]!);
    const exclude = ctx.query.getAll('exclude').map((rev) => requireRevision(repo, rev));
    return paginate(
      ctx,
      commitsFrom(repo, head, exclude).map((sha) => commitJson(repo, sha)),
    );
  }),
  repoRoute('GET', '/src/([^/]+)/?(.*)', (ctx) => {
    if (ctx.query.has('format')) throw malformed('format is not supported by the fake');
    return source(ctx);
  }),
];
