import { isoDate } from '../../fake-github/git-objects.js';
import { repoOf, requireRevision } from '../repo-access.js';
import { HttpError, malformed, type Route } from '../state.js';
import { repoRoute } from './repository.js';

const controlFields = new Set(['message', 'branch', 'parents', 'author', 'files']);

/** `POST /src`: a multipart form of path=content fields (and `files` to delete) becomes one commit on `branch`. */
export const postSrcRoute: Route = repoRoute('POST', '/src', async (ctx) => {
  const repo = repoOf(ctx);
  const type = ctx.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data') && !type.startsWith('application/x-www-form-urlencoded'))
    throw malformed('POST /src takes multipart/form-data or a urlencoded form');
  const form = await new Response(new Uint8Array(ctx.raw), { headers: { 'content-type': type } })
    .formData()
    .catch(() => undefined);
  if (!form) throw malformed('the form cannot be parsed');
  const text = (name: string) => {
    const values = form.getAll(name);
    if (values.length > 1) throw malformed(`${name} is given more than once`);
    const value = values[0];
    return typeof value === 'string' ? value : undefined;
  };
  const branch = text('branch');
  const author = text('author');
  if (author !== undefined && !/^[^<>]+ <[^<>@\s]+@[^<>\s]+>$/.test(author))
    throw malformed('author must be "Name <email>"');
  const parents = (text('parents') ?? '').split(',').filter(Boolean);
  const changes: Record<string, string | null> = {};
  for (const path of form.getAll('files')) if (typeof path === 'string') changes[path.replace(/^\//, '')] = null;
  for (const [name, value] of form.entries()) {
    if (controlFields.has(name)) continue;
    const path = name.replace(/^\//, '');
    if (!path || path.split('/').some((s) => s === '' || s === '.' || s === '..')) throw malformed(`bad path ${name}`);
    changes[path] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer()).toString('utf8');
  }
  if (Object.keys(changes).length === 0) throw malformed('no file to commit');

  const target = branch ?? repo.defaultBranch;
  const tip = repo.refs.get(`refs/heads/${target}`);
  const parent = parents.length
    ? requireRevision(repo, parents[0]!)
    : (tip ?? repo.refs.get(`refs/heads/${repo.defaultBranch}`)!);
  if (tip && parents.length && parent !== tip)
    throw new HttpError(409, `the tip of ${target} is not ${parents[0]}: someone committed first`);
  const store = repo.store;
  const tree = store.flatten(store.commit(parent)!.tree);
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) tree.delete(path);
    else tree.set(path, { mode: '100644', type: 'blob', sha: store.writeBlob(Buffer.from(content)) });
  }
  const [name, email] = (author ?? 'Docflow Test <test@example.com>').match(/^(.+) <(.+)>$/)!.slice(1) as [
    string,
    string,
  ];
  const person = { name, email, date: isoDate(new Date()) };
  const sha = store.writeCommit({
    tree: store.buildTree(tree),
    parents: [parent],
    author: person,
    committer: person,
    message: text('message') ?? 'Edited online with Bitbucket',
  });
  repo.refs.set(`refs/heads/${target}`, sha);
  return { status: 201, headers: { location: `${ctx.state.url}/repositories/${repo.fullName}/commit/${sha}` } };
});
