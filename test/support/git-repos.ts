import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const identity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function sh(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { env: { ...process.env, ...identity }, encoding: 'utf8' }).trim();
}

export function tempDir(prefix = 'docflow-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Creates a repository on `main` with the given files committed. */
export function initRepo(files: Record<string, string>, message = 'initial'): string {
  const repo = tempDir();
  sh(repo, 'init', '-q', '-b', 'main');
  commitFiles(repo, files, message);
  return repo;
}

/** Writes files (null deletes) into the working tree and commits them; returns the commit id. */
export function commitFiles(repo: string, files: Record<string, string | null>, message: string): string {
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(repo, file);
    if (text === null) fs.rmSync(full);
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
    }
  }
  sh(repo, 'add', '-A');
  sh(repo, 'commit', '-q', '-m', message);
  return sh(repo, 'rev-parse', 'HEAD');
}

/** A CLI whose change adds a `--timeout` flag next to the documented `--port`: the flag fixtures' code. */
export const flagChangeCli = {
  cliBefore: [
    "import { Command } from 'commander';",
    '',
    'export const program = new Command()',
    "  .option('--port <number>', 'Port to listen on', '3000')",
    "  .option('--host <name>', 'Interface to bind', 'localhost');",
    '',
  ].join('\n'),
  get cliAfter() {
    return this.cliBefore.replace(
      "  .option('--host",
      "  .option('--timeout <ms>', 'Request timeout in milliseconds', '5000')\n  .option('--host",
    );
  },
};

/**
 * A product repository whose second commit adds a `--timeout` flag next to `--port`,
 * and a docs repository documenting the flags as a list. The offline drafter should add
 * a `--timeout` entry after the `--port` one.
 */
export function flagChangeFixture() {
  const { cliBefore, cliAfter } = flagChangeCli;
  const source = initRepo({ 'src/cli.ts': cliBefore, 'README.md': '# app\n' });
  const base = sh(source, 'rev-parse', 'HEAD');
  const head = commitFiles(source, { 'src/cli.ts': cliAfter }, 'feat(cli): add --timeout');
  const docs = initRepo({
    'docs/cli.md': [
      '# Command line',
      '',
      'Options:',
      '',
      '- `--port <number>`: Port to listen on. Default: `3000`.',
      '- `--host <name>`: Interface to bind. Default: `localhost`.',
      '',
    ].join('\n'),
    'docs/intro.md': '# Introduction\n\nThis app serves things.\n',
  });
  return { source, base, head, docs, cliAfter };
}
