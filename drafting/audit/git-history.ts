import { execFileSync } from 'node:child_process';

/**
 * Read-only git in a code tree, with nothing from the repository's or user's config that could run code
 * (hooks, external diff, textconv, pager) or change the output; the raw bytes it printed. Null when git fails
 * (not a repository, an unknown revision).
 */
export function gitBytes(dir: string, args: string[], input?: string): Buffer | null {
  const safe = [
    'core.quotepath=off',
    'core.hooksPath=/dev/null',
    'core.fsmonitor=false',
    'core.pager=cat',
    'diff.external=',
    'log.showSignature=false',
    'diff.noprefix=false',
  ].flatMap((setting) => ['-c', setting]);
  const [command, ...rest] = args;
  const guarded = ['log', 'show', 'diff'].includes(command)
    ? [command, '--no-textconv', '--no-ext-diff', ...rest]
    : args;
  try {
    return execFileSync('git', ['-C', dir, ...safe, ...guarded], {
      maxBuffer: 256 * 1024 * 1024,
      ...(input === undefined ? { stdio: ['ignore', 'pipe', 'ignore'] } : { input, stdio: ['pipe', 'pipe', 'ignore'] }),
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_PAGER: 'cat',
        LC_ALL: 'C',
      },
    });
  } catch {
    return null;
  }
}

/** `gitBytes` as text. */
export function gitIn(dir: string, args: string[]): string | null {
  return gitBytes(dir, args)?.toString('utf8') ?? null;
}

/** Whether `dir` is inside a git work tree with at least one commit. */
export const hasHistory = (dir: string): boolean => gitIn(dir, ['rev-parse', '--verify', '-q', 'HEAD']) !== null;

// Code only: the docs naming an element do not make it part of the code's history.
export const CODE_PATHS = [
  '--',
  '.',
  ':(exclude,glob)**/*.md',
  ':(exclude,glob)**/*.mdx',
  ':(exclude,glob)**/*.markdown',
];

export interface Removal {
  commit: string;
  subject: string;
  /** The commit's code diff (unified, no colour). */
  diff: string;
}

const escapeRegex = (text: string): string => text.replace(/[.[\]()*+?{}|^$\\]/g, '\\$&');

/**
 * The most recent commit up to `rev` whose code diff changed how often one of `texts` occurs (`git log -S`, one
 * spelling or another: `--dry-run`, `dryRun`): for an element absent at `rev`, the one that removed its last
 * occurrence. Null when the code never had it.
 */
export function findRemoval(dir: string, texts: string[], rev = 'HEAD'): Removal | null {
  if (rev.startsWith('-')) return null;
  const pattern = texts.map(escapeRegex).join('|');
  const log = gitIn(dir, [
    'log',
    '-n',
    '1',
    '--format=%H%x09%s',
    '--pickaxe-regex',
    `-S${pattern}`,
    rev,
    ...CODE_PATHS,
  ]);
  const [commit, subject = ''] = (log?.trim().split('\n')[0] ?? '').split('\t');
  if (!commit) return null;
  const diff = gitIn(dir, ['show', '--format=', '--no-color', '-U3', '-M', commit, ...CODE_PATHS]) ?? '';
  return { commit, subject, diff };
}

/** The commit that deleted or moved a file, and its new path when moved (rename detection over the whole commit). */
export function findFileRemoval(
  dir: string,
  file: string,
  rev = 'HEAD',
): { commit: string; subject: string; to?: string } | null {
  if (rev.startsWith('-')) return null;
  const log = gitIn(dir, ['log', '-n', '1', '--diff-filter=D', '--format=%H%x09%s', rev, '--', file]);
  const [commit, subject = ''] = (log?.trim().split('\n')[0] ?? '').split('\t');
  if (!commit) return null;
  const status = gitIn(dir, ['show', '-M', '--name-status', '--format=', '--relative', commit]) ?? '';
  const moved = status
    .split('\n')
    .map((line) => line.split('\t'))
    .find((parts) => parts[0]?.startsWith('R') && parts[1] === file);
  return { commit, subject, ...(moved?.[2] ? { to: moved[2] } : {}) };
}
