import picomatch from 'picomatch';
import { AppError } from '../../core/errors.js';
import type { ChangeContext, ChangedFile, CommitInfo } from '../../core/change.js';
import type { Project } from '../../core/project.js';
import type { SourceAdapter } from '../contract.js';
import { ImmutableCache } from '../kit/immutable-cache.js';
import { git } from './git.js';
import { isGitRepository, readBlob, resolveCommit } from './objects.js';
import { localGitHistory } from './history.js';
import { insideRoots } from './roots.js';
import { localGitSourceSchema, type LocalGitContext, type LocalGitSource, type LocalGitTrigger } from './schemas.js';

const maxFileBytes = 200_000;
const recordSeparator = '\x1e';
const fieldSeparator = '\x1f';

/** Gathered changes by repository, pinned commit ids and path filter: a run that gathers again reads nothing twice. */
const gathered = new ImmutableCache<ChangeContext>(
  64 * 1024 * 1024,
  (change) => change.diff.length * 2 + change.files.reduce((bytes, f) => bytes + (f.content?.length ?? 0) * 2 + 256, 0),
);

const contextsOf = (project: Project) => project.context.filter((c): c is LocalGitContext => c.type === 'local-git');

/** The source must be a context of the project, inside the allowed roots; revisions are pinned to commit ids. */
async function validateSource(source: LocalGitSource, project: Project, roots: string[]): Promise<LocalGitSource> {
  if (!contextsOf(project).some((context) => context.repo === source.repo)) {
    throw new AppError('invalid_source', `repository ${source.repo} is not a local-git context of this project`, [
      { path: 'source.repo', message: 'add it to the project\'s "context" list first' },
    ]);
  }
  await insideRoots(source.repo, roots, 'source.repo', 'invalid_source');
  if (!(await isGitRepository(source.repo))) {
    throw new AppError('invalid_source', `${source.repo} is not a git repository`, [
      { path: 'source.repo', message: 'not a git repository' },
    ]);
  }
  const pinned = { ...source };
  for (const field of ['base', 'head'] as const) {
    const commit = await resolveCommit(source.repo, source[field]);
    if (!commit) {
      throw new AppError('invalid_source', `revision "${source[field]}" does not name a commit in ${source.repo}`, [
        { path: `source.${field}`, message: 'unknown revision' },
      ]);
    }
    pinned[field] = commit;
  }
  return pinned;
}

/** Commits of repositories on this machine, inside the operator's roots. */
export const createLocalGitSource = (roots: string[]): SourceAdapter<LocalGitSource> => ({
  sourceSchema: localGitSourceSchema,

  describeSource: (source) => `${source.repo} ${source.base}..${source.head}`,

  async validateContext(context) {
    const { repo } = context as LocalGitContext;
    await insideRoots(repo, roots, 'repo', 'invalid_request');
    if (!(await isGitRepository(repo))) {
      throw new AppError('invalid_request', `${repo} is not a git repository`, [
        { path: 'repo', message: 'not a git repository' },
      ]);
    }
  },

  validateSource: (source, project) => validateSource(source, project, roots),

  history: (trigger, project, window) => localGitHistory(trigger as LocalGitTrigger, project, window, roots),

  async gatherContext(source, project) {
    const { base, head } = await validateSource(source, project, roots);
    const globs = contextsOf(project)
      .filter((c) => c.repo === source.repo)
      .flatMap((c) => c.paths ?? ['**']);
    const key = JSON.stringify([source.repo, base, head, globs]);
    // A copy: the caller may change what it is given, the cache keeps the original.
    return { change: structuredClone(await gathered.get(key, () => readChange(source.repo, base, head, globs))) };
  },
});

async function readChange(repo: string, base: string, head: string, globs: string[]): Promise<ChangeContext> {
  const counts = picomatch(globs, { dot: true });
  const files = (await changedFiles(repo, base, head)).filter((file) => counts(file.path));
  const diff = files.length
    ? await git(repo, [
        'diff',
        '--no-color',
        '--no-ext-diff',
        '-M',
        '-U3',
        base,
        head,
        '--',
        ...files.map((f) => f.path),
      ])
    : '';
  for (const file of files) {
    if (file.status !== 'deleted') file.content = await readTextFile(repo, head, file.path);
  }
  const commits = await commitsBetween(repo, base, head);
  // `git log` lists the head commit first: its author made the change as it stands.
  const author = commits[0]?.author;
  return {
    sourceLabel: `${repo} ${base.slice(0, 12)}..${head.slice(0, 12)}`,
    commits,
    diff,
    files,
    ...(author ? { author } : {}),
  };
}

async function changedFiles(repo: string, base: string, head: string): Promise<ChangedFile[]> {
  const out = await git(repo, ['diff', '--name-status', '-z', '-M', base, head]);
  const fields = out.split('\0').filter(Boolean);
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length;) {
    const status = fields[i++]!;
    if (status.startsWith('R')) {
      files.push({ status: 'renamed', previousPath: fields[i++], path: fields[i++]! });
    } else {
      const kind = status === 'A' ? 'added' : status === 'D' ? 'deleted' : 'modified';
      files.push({ status: kind, path: fields[i++]! });
    }
  }
  return files;
}

async function commitsBetween(repo: string, base: string, head: string): Promise<CommitInfo[]> {
  const format = ['%H', '%an', '%B'].join(fieldSeparator) + recordSeparator;
  const out = await git(repo, ['log', '--no-color', `--format=${format}`, `${base}..${head}`]);
  return out
    .split(recordSeparator)
    .map((record) => record.replace(/^\n/, ''))
    .filter(Boolean)
    .map((record) => {
      const [sha, author, message] = record.split(fieldSeparator);
      return { sha: sha!, author, message: (message ?? '').trim() };
    });
}

async function readTextFile(repo: string, revision: string, file: string): Promise<string | undefined> {
  const bytes = await readBlob(repo, revision, file);
  if (!bytes || bytes.length > maxFileBytes || bytes.includes(0)) return undefined;
  return bytes.toString('utf8');
}
