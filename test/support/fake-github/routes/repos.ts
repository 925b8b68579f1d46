import type { ObjectStore, TreeEntry } from '../git-objects.js';
import { HttpError, base64, notFound, ok, type Ctx, route, type Route } from '../http-kit.js';
import { commitJson, repoJson } from '../render.js';
import { diffTrees } from '../tree-diff.js';

function lookup(store: ObjectStore, treeSha: string, path: string): TreeEntry | undefined {
  let entry: TreeEntry | undefined = { name: '', mode: '040000', type: 'tree', sha: treeSha };
  for (const name of path.split('/').filter(Boolean))
    entry = entry?.type === 'tree' ? store.tree(entry.sha)?.find((e) => e.name === name) : undefined;
  return entry;
}

function contentJson(ctx: Ctx, path: string, entry: TreeEntry, ref: string, withContent: boolean) {
  const { repo, state } = ctx;
  const type = entry.type === 'tree' ? 'dir' : entry.type === 'commit' ? 'submodule' : 'file';
  const data = entry.type === 'blob' ? repo.store.blob(entry.sha)! : undefined;
  const url = `${state.url}/repos/${repo.fullName}/contents/${encodeURI(path)}?ref=${encodeURIComponent(ref)}`;
  const git = `${state.url}/repos/${repo.fullName}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`;
  const html = `https://github.com/${repo.fullName}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${encodeURI(path)}`;
  return {
    type,
    name: path.split('/').pop()!,
    path,
    sha: entry.sha,
    size: data?.length ?? 0,
    url,
    git_url: git,
    html_url: html,
    download_url: data ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${encodeURI(path)}` : null,
    ...(withContent && data && { content: base64(data), encoding: 'base64' }),
    _links: { self: url, git, html },
  };
}

export const repoRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}', 'repo', (ctx) => ok(repoJson(ctx.repo, ctx.state.url))),
  route('GET', '/repos/{owner}/{repo}/contents/{path}', 'repo', (ctx) => {
    const ref = ctx.query.ref ?? ctx.repo.defaultBranch;
    const sha = ctx.world.resolve(ctx.repo, ref);
    if (!sha) throw new HttpError(404, `No commit found for the ref ${ref}`);
    const path = ctx.params.path.replace(/^\/+|\/+$/g, '');
    const entry = lookup(ctx.repo.store, ctx.repo.store.commit(sha)!.tree, path);
    if (!entry) throw notFound();
    if (entry.type === 'tree') {
      const children = ctx.repo.store.tree(entry.sha)!;
      return ok(
        children.map((child) => contentJson(ctx, path ? `${path}/${child.name}` : child.name, child, ref, false)),
      );
    }
    if (entry.type === 'blob' && /\.raw\b/.test(ctx.headers.accept ?? ''))
      return {
        status: 200,
        text: ctx.repo.store.blob(entry.sha)!.toString('utf8'),
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      };
    return ok(contentJson(ctx, path, entry, ref, true));
  }),
  route('GET', '/repos/{owner}/{repo}/commits/{ref}', 'repo', (ctx) => {
    const { repo } = ctx;
    const sha = ctx.world.resolve(repo, ctx.params.ref);
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${ctx.params.ref}`);
    const commit = repo.store.commit(sha)!;
    const parentTree = commit.parents[0] ? repo.store.commit(commit.parents[0])!.tree : undefined;
    return ok(commitJson(repo, sha, ctx.state.url, diffTrees(repo.store, parentTree, commit.tree)));
  }),
];
