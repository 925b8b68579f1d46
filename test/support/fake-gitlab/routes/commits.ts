import { isoDate } from '../../fake-github/git-objects.js';
import { HttpError, jsonBody, malformed, projectOf, resolveRevision, type Route } from '../state.js';
import { commitJson } from './repository.js';
import { projectRoute } from './route.js';

const actionKinds = new Set(['create', 'delete', 'move', 'update', 'chmod']);

const badPath = (path: string) =>
  path === '' || path.startsWith('/') || path.split('/').some((s) => s === '' || s === '.' || s === '..');

/**
 * `POST /repository/commits`: one commit of `actions` on `branch`. A new branch needs `start_branch` or
 * `start_sha`; an existing one refuses them unless `force` (which rebuilds the branch on the start).
 * Actions are checked against the tree they apply to, as GitLab does.
 */
export const postCommitRoute: Route = projectRoute('POST', '/repository/commits', (ctx) => {
  const repo = projectOf(ctx);
  const body = jsonBody(ctx);
  const known = new Set([
    'branch',
    'commit_message',
    'actions',
    'start_branch',
    'start_sha',
    'start_project',
    'author_email',
    'author_name',
    'stats',
    'force',
  ]);
  for (const key of Object.keys(body)) if (!known.has(key)) throw malformed(`unknown parameter ${key}`);
  const { branch, commit_message: message, actions, start_branch: startBranch, start_sha: startSha, force } = body;
  if (typeof branch !== 'string' || !branch) throw malformed('branch is missing');
  if (typeof message !== 'string' || !message) throw malformed('commit_message is missing');
  if (!Array.isArray(actions) || actions.length === 0) throw malformed('actions is missing or empty');
  if (startBranch !== undefined && startSha !== undefined)
    throw malformed('start_branch, start_sha are mutually exclusive');
  if (force !== undefined && typeof force !== 'boolean') throw malformed('force is invalid');
  if (body.start_project !== undefined) throw malformed('the fake does not commit across projects');

  const tip = repo.refs.get(`refs/heads/${branch}`);
  let start: string | undefined;
  if (typeof startSha === 'string') {
    if (!/^[0-9a-f]{40}$/.test(startSha) || !repo.store.commit(startSha))
      throw malformed(`Invalid start sha ${startSha}`);
    start = startSha;
  } else if (typeof startBranch === 'string') {
    start = resolveRevision(repo, startBranch);
    if (!start || !repo.refs.has(`refs/heads/${startBranch}`))
      throw malformed(`Invalid reference name: ${startBranch}`);
  } else if (startSha !== undefined || startBranch !== undefined)
    throw malformed('start_sha / start_branch is invalid');
  // A race, not a mistake: someone created the branch since the client looked.
  if (tip && start && force !== true)
    throw new HttpError(
      400,
      `A branch called '${branch}' already exists. Switch to that branch in order to make changes`,
    );
  if (!tip && !start)
    throw malformed(`You can only create or edit files when you are on a branch (${branch} does not exist)`);
  const parent = start ?? tip!;

  const store = repo.store;
  const files = store.flatten(store.commit(parent)!.tree);
  for (const [index, raw] of actions.entries()) {
    const action = raw as Record<string, unknown>;
    const where = `actions[${index}]`;
    if (typeof action !== 'object' || action === null) throw malformed(`${where} is not an object`);
    const kind = action.action;
    const path = action.file_path;
    if (typeof kind !== 'string' || !actionKinds.has(kind))
      throw malformed(`${where}[action] does not have a valid value`);
    if (typeof path !== 'string' || badPath(path)) throw malformed(`${where}[file_path] is missing or invalid`);
    const encoding = action.encoding ?? 'text';
    if (encoding !== 'text' && encoding !== 'base64') throw malformed(`${where}[encoding] does not have a valid value`);
    if (kind === 'move' || kind === 'chmod') throw malformed(`the fake does not ${kind}`);
    const exists = files.has(path);
    if (kind === 'delete') {
      if (!exists) throw malformed(`A file with this name doesn't exist: ${path}`);
      files.delete(path);
      continue;
    }
    if (typeof action.content !== 'string') throw malformed(`${where}[content] is missing`);
    if (kind === 'create' && exists) throw malformed(`A file with this name already exists: ${path}`);
    if (kind === 'update' && !exists) throw malformed(`A file with this name doesn't exist: ${path}`);
    const bytes = encoding === 'base64' ? Buffer.from(action.content, 'base64') : Buffer.from(action.content);
    files.set(path, { mode: '100644', type: 'blob', sha: store.writeBlob(bytes) });
  }
  const person = {
    name: typeof body.author_name === 'string' ? body.author_name : 'Docflow Bot',
    email: typeof body.author_email === 'string' ? body.author_email : 'docflow-bot@example.com',
    date: isoDate(new Date()),
  };
  const sha = store.writeCommit({
    tree: store.buildTree(files),
    parents: [parent],
    author: person,
    committer: person,
    message,
  });
  repo.refs.set(`refs/heads/${branch}`, sha);
  return { status: 201, body: commitJson(ctx.state, repo, sha) };
});
