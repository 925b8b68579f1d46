import { isoDate, type Leaf, type Person } from '../git-objects.js';
import { actor, base64, notFound, ok, unprocessable, type Ctx, route, type Route } from '../http-kit.js';
import { gitCommitJson } from '../render.js';

interface TreeItem {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha?: string | null;
  content?: string;
}

const refJson = (ctx: Ctx, ref: string, sha: string) => ({
  ref,
  node_id: Buffer.from(`Ref:${ref}`).toString('base64'),
  url: `${ctx.state.url}/repos/${ctx.repo.fullName}/git/${ref}`,
  object: { type: 'commit', sha, url: `${ctx.state.url}/repos/${ctx.repo.fullName}/git/commits/${sha}` },
});

function applyTreeItem(ctx: Ctx, files: Map<string, Leaf>, item: TreeItem) {
  const { store } = ctx.repo;
  for (const path of [...files.keys()]) if (path === item.path || path.startsWith(`${item.path}/`)) files.delete(path);
  if (item.sha === null) return;
  const dirs = item.path.split('/');
  for (let i = 1; i < dirs.length; i++) files.delete(dirs.slice(0, i).join('/'));
  if (item.content !== undefined)
    return void files.set(item.path, {
      mode: item.mode,
      type: 'blob',
      sha: store.writeBlob(Buffer.from(item.content)),
    });
  if (item.sha === undefined) throw unprocessable('Must supply either tree.sha or tree.content');
  if (item.type === 'tree') {
    if (!store.tree(item.sha)) throw unprocessable(`tree.sha ${item.sha} is not a valid tree`);
    for (const [path, leaf] of store.flatten(item.sha)) files.set(`${item.path}/${path}`, leaf);
  } else {
    if (item.type === 'blob' && !store.blob(item.sha)) throw unprocessable(`tree.sha ${item.sha} is not a valid blob`);
    files.set(item.path, { mode: item.mode, type: item.type, sha: item.sha });
  }
}

function person(ctx: Ctx, given: Partial<Person> | undefined, fallback?: Person): Person {
  const login = actor(ctx.identity).login;
  const base = fallback ?? { name: login, email: `${login}@users.noreply.github.com`, date: isoDate(new Date()) };
  return { name: given?.name ?? base.name, email: given?.email ?? base.email, date: given?.date ?? base.date };
}

export const gitDataRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/git/ref/{ref}', 'repo', (ctx) => {
    const ref = `refs/${ctx.params.ref}`;
    const sha = ctx.repo.refs.get(ref);
    if (!sha) throw notFound();
    return ok(refJson(ctx, ref, sha));
  }),
  route('POST', '/repos/{owner}/{repo}/git/refs', 'repo', (ctx) => {
    const { ref, sha } = ctx.body as { ref: string; sha: string };
    if (!/^refs\/[^/]+\/./.test(ref) || ref.endsWith('/') || ref.includes('..'))
      throw unprocessable('Reference name is invalid');
    if (ctx.repo.refs.has(ref)) throw unprocessable('Reference already exists');
    if (!ctx.repo.store.commit(sha)) throw unprocessable('Object does not exist');
    ctx.repo.refs.set(ref, sha);
    return ok(refJson(ctx, ref, sha), 201);
  }),
  route('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}', 'repo', (ctx) => {
    const { sha, force } = ctx.body as { sha: string; force?: boolean };
    const ref = `refs/${ctx.params.ref.replace(/^refs\//, '')}`;
    const current = ctx.repo.refs.get(ref);
    if (!current) throw unprocessable('Reference does not exist');
    if (!ctx.repo.store.commit(sha)) throw unprocessable('Object does not exist');
    if (!force && !ctx.repo.store.ancestors(sha).has(current)) throw unprocessable('Update is not a fast forward');
    ctx.repo.refs.set(ref, sha);
    return ok(refJson(ctx, ref, sha));
  }),
  route('DELETE', '/repos/{owner}/{repo}/git/refs/{ref}', 'repo', (ctx) => {
    const ref = `refs/${ctx.params.ref.replace(/^refs\//, '')}`;
    if (!ctx.repo.refs.has(ref)) throw unprocessable('Reference does not exist');
    ctx.repo.refs.delete(ref);
    return { status: 204 };
  }),
  route('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}', 'repo', (ctx) => {
    if (!ctx.repo.store.commit(ctx.params.commit_sha)) throw notFound();
    return ok(gitCommitJson(ctx.repo, ctx.params.commit_sha, ctx.state.url));
  }),
  route('POST', '/repos/{owner}/{repo}/git/commits', 'repo', (ctx) => {
    const body = ctx.body as {
      message: string;
      tree: string;
      parents?: string[];
      author?: Partial<Person>;
      committer?: Partial<Person>;
    };
    const { store } = ctx.repo;
    if (!store.tree(body.tree)) throw unprocessable('Tree SHA does not exist');
    const parents = body.parents ?? [];
    if (parents.some((p) => !store.commit(p)))
      throw unprocessable('Parent SHA does not exist or is not a commit object');
    const author = person(ctx, body.author);
    const sha = store.writeCommit({
      tree: body.tree,
      parents,
      message: body.message,
      author,
      committer: person(ctx, body.committer, body.committer ? undefined : author),
    });
    return ok(gitCommitJson(ctx.repo, sha, ctx.state.url), 201);
  }),
  route('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 'repo', (ctx) => {
    const { store } = ctx.repo;
    const commit = ctx.world.resolve(ctx.repo, ctx.params.tree_sha);
    const sha = commit ? store.commit(commit)!.tree : ctx.params.tree_sha;
    if (!store.tree(sha)) throw notFound();
    const api = `${ctx.state.url}/repos/${ctx.repo.fullName}/git`;
    const tree = store.walk(sha, ctx.query.recursive !== undefined).map((e) => ({
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.type === 'blob'
        ? { size: store.blob(e.sha)!.length, url: `${api}/blobs/${e.sha}` }
        : e.type === 'tree'
          ? { url: `${api}/trees/${e.sha}` }
          : {}),
    }));
    return ok({ sha, url: `${api}/trees/${sha}`, tree, truncated: false });
  }),
  route('POST', '/repos/{owner}/{repo}/git/trees', 'repo', (ctx) => {
    const body = ctx.body as { base_tree?: string; tree: TreeItem[] };
    const { store } = ctx.repo;
    if (body.base_tree !== undefined && !store.tree(body.base_tree))
      throw unprocessable('base_tree is not a valid tree oid');
    const files = store.flatten(body.base_tree);
    for (const item of body.tree) applyTreeItem(ctx, files, item);
    const sha = store.buildTree(files);
    const api = `${ctx.state.url}/repos/${ctx.repo.fullName}/git`;
    const tree = store
      .walk(sha, false)
      .map((e) => ({ path: e.path, mode: e.mode, type: e.type, sha: e.sha, url: `${api}/${e.type}s/${e.sha}` }));
    return ok({ sha, url: `${api}/trees/${sha}`, tree, truncated: false }, 201);
  }),
  route('GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}', 'repo', (ctx) => {
    const data = ctx.repo.store.blob(ctx.params.file_sha);
    if (!data) throw notFound();
    const sha = ctx.params.file_sha;
    return ok({
      sha,
      node_id: Buffer.from(`Blob:${sha}`).toString('base64'),
      size: data.length,
      url: `${ctx.state.url}/repos/${ctx.repo.fullName}/git/blobs/${sha}`,
      content: base64(data),
      encoding: 'base64',
    });
  }),
  route('POST', '/repos/{owner}/{repo}/git/blobs', 'repo', (ctx) => {
    const { content, encoding = 'utf-8' } = ctx.body as { content: string; encoding?: string };
    if (encoding !== 'utf-8' && encoding !== 'base64') throw unprocessable(`encoding must be 'utf-8' or 'base64'`);
    const sha = ctx.repo.store.writeBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
    return ok({ sha, url: `${ctx.state.url}/repos/${ctx.repo.fullName}/git/blobs/${sha}` }, 201);
  }),
];
