import { execFile } from 'node:child_process';

export interface GitOptions {
  input?: string;
  env?: Record<string, string>;
}

export class GitCommandError extends Error {
  override name = 'GitCommandError';
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0]} failed (exit ${exitCode}): ${stderr.trim().split('\n')[0] ?? ''}`);
  }
}

/**
 * Settings that override anything a repository's own `.git/config` says which could run a program
 * (hooks — update-ref runs reference-transaction hooks —, fsmonitor, external diff, textconv, pagers,
 * signing) or change git's output. A repository is data here, never code.
 */
export const safeConfig = [
  'core.quotepath=off',
  'diff.noprefix=false',
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.pager=cat',
  'core.editor=true',
  'core.sshCommand=false',
  'diff.external=',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'log.showSignature=false',
  'protocol.allow=never',
].flatMap((setting) => ['-c', setting]);

/** The environment every git process gets: no prompts, no system or user config, no pager, stable output. */
export const safeEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_PAGER: 'cat',
  GIT_EXTERNAL_DIFF: '',
  LC_ALL: 'C',
});

/** Runs git in `repo` without a pager, prompts, or repository or user config that could run code or change its output. */
export function git(repo: string, args: string[], options: GitOptions = {}): Promise<string> {
  const [command, ...rest] = args;
  // Diffs and logs never run a repository's textconv or external diff drivers.
  const guarded = command === 'diff' || command === 'log' ? [command, '--no-textconv', '--no-ext-diff', ...rest] : args;
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['-C', repo, ...safeConfig, ...guarded],
      { maxBuffer: 256 * 1024 * 1024, env: { ...safeEnv(), ...options.env } },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === 'number' ? error.code : null;
          reject(new GitCommandError(args, code, stderr || error.message));
        } else {
          resolve(stdout);
        }
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
