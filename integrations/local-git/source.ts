import picomatch from 'picomatch';
import { AppError } from '../../core/errors.js';
import type { ChangeContext, ChangedFile, CommitInfo } from '../../core/change.js';
import type { Project } from '../../core/project.js';
import type { SourceAdapter } from '../contract.js';
import { git, isGitRepository, resolveCommit } from './git.js';
import { localGitHistory } from './history.js';
import { insideRoots } from './roots.js';
import { localGitSourceSchema, type LocalGitContext, type LocalGitSource, type LocalGitTrigger } from './schemas.js';

const maxFileBytes = 200_000;
const recordSeparator = '\x1e';
const fieldSeparator = '\x1f';

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
    const counts = picomatch(globs, { dot: true });

    const files = (await changedFiles(source.repo, base, head)).filter((file) => counts(file.path));
    const diff = files.length
      ? await git(source.repo, [
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
      if (file.status !== 'deleted') file.content = await readTextFile(source.repo, head, file.path);
    }
    const commits = await commitsBetween(source.repo, base, head);
    // `git log` lists the head commit first: its author made the change as it stands.
    const author = commits[0]?.author;
    const change: ChangeContext = {
      sourceLabel: `${source.repo} ${base.slice(0, 12)}..${head.slice(0, 12)}`,
      commits,
      diff,
      files,
      ...(author ? { author } : {}),
    };
    return { change };
  },
});

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
  const size = Number((await git(repo, ['cat-file', '-s', `${revision}:${file}`])).trim());
  if (size > maxFileBytes) return undefined;
  const text = await git(repo, ['cat-file', 'blob', `${revision}:${file}`]);
  return text.includes('\0') ? undefined : text;
}
