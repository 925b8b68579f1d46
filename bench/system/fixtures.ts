import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const optionsBefore = [
  "import { Command } from 'commander';",
  '',
  'export const program = new Command()',
  "  .option('--port <number>', 'Port to listen on', '3000')",
];
/** The CLI after `n` changes: each adds one documented-looking flag. */
export const cliAt = (n: number) =>
  [
    ...optionsBefore,
    ...Array.from({ length: n }, (_, i) => `  .option('--option-${i} <value>', 'Sets option ${i}', '${i}')`),
    "  .option('--host <name>', 'Interface to bind', 'localhost');",
    '',
  ].join('\n');

export const docsPage = [
  '# Command line',
  '',
  'Options:',
  '',
  '- `--port <number>`: Port to listen on. Default: `3000`.',
  '- `--host <name>`: Interface to bind. Default: `localhost`.',
  '',
].join('\n');

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

/**
 * A product repository with `commits` + 1 commits, each adding one flag (so every pair of neighbours is a
 * change the offline drafter documents), written by one `git fast-import`; returns the commit ids in order.
 */
export function productRepo(dir: string, commits: number): { repo: string; commits: string[] } {
  const repo = path.join(dir, 'product');
  fs.mkdirSync(repo, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', repo], { env });
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let i = 0; i <= commits; i++) {
    chunks.push(
      `commit refs/heads/main\nmark :${i + 1}\ncommitter Bench <bench@example.com> ${1_700_000_000 + i} +0000\n`,
      data(i ? `feat(cli): add --option-${i - 1}` : 'initial'),
      i ? `from :${i}\n` : '',
      `M 100644 inline src/cli.ts\n${data(cliAt(i))}`,
    );
  }
  const marks = path.join(dir, 'marks');
  execFileSync('git', ['-C', repo, 'fast-import', '--quiet', `--export-marks=${marks}`], {
    input: chunks.join(''),
    env,
  });
  const ids = fs
    .readFileSync(marks, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' ') as [string, string])
    .sort((a, b) => Number(a[0].slice(1)) - Number(b[0].slice(1)))
    .map(([, id]) => id);
  execFileSync('git', ['-C', repo, 'reset', '-q', '--hard', 'main'], { env });
  return { repo, commits: ids };
}

/** A docs repository documenting `--port` and `--host` as a list. */
export function docsRepo(dir: string): string {
  const repo = path.join(dir, 'docs-repo');
  fs.mkdirSync(path.join(repo, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'docs', 'cli.md'), docsPage);
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, ...args], {
      env: {
        ...env,
        GIT_AUTHOR_NAME: 'Bench',
        GIT_AUTHOR_EMAIL: 'b@example.com',
        GIT_COMMITTER_NAME: 'Bench',
        GIT_COMMITTER_EMAIL: 'b@example.com',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'docs');
  return repo;
}
