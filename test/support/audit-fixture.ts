import { commitFiles, initRepo } from './git-repos.js';

const cli = (flags: string[]): string =>
  [
    "import { Command } from 'commander';",
    '',
    'export const program = new Command()',
    ...flags.map((f) => `  .option(${f})`),
    '  .parse();',
    '',
  ].join('\n');

const config = (timeoutName: string): string =>
  [
    'export function readSettings(env = process.env) {',
    '  return {',
    `    timeoutMs: Number(env.${timeoutName} ?? 30000),`,
    '    port: Number(env.APP_PORT ?? 3000),',
    '  };',
    '}',
    '',
  ].join('\n');

const server = (routes: string[]): string =>
  [
    "import express from 'express';",
    '',
    'export function createServer() {',
    '  const app = express();',
    ...routes.map((r) => `  app.get('${r}', (req, res) => res.json([]));`),
    '  return app;',
    '}',
    '',
  ].join('\n');

/** Docs that are true at the fixture's head, plus noise the audit must leave alone. */
const cleanDocs = [
  '# Reference',
  '',
  'Install it with `npm install --save-dev acme-cli`, then run `acme --port 8080`.',
  'Debug it with `node --inspect`; `NODE_ENV` is read by express. See `https://example.com/--nope`.',
  '',
  '## Flags',
  '',
  '- `--port <n>`: Port to listen on.',
  '- `--host <name>`: Interface to bind.',
  '',
  '## Environment',
  '',
  '| Variable | Meaning |',
  '| --- | --- |',
  '| `APP_PORT` | Port, when `--port` is not given. |',
  '',
  '## Routes',
  '',
  '- `GET /v1/items`: every item.',
  '- `readSettings(env)` reads the environment; `createServer()` builds the app in `src/server.ts`.',
  '',
  '```console',
  '$ curl localhost:3000/v1/items --fail-with-body',
  'acme: listening --on-port 3000',
  '```',
  '',
  '```js',
  'const secret = process.env.MY_APP_SECRET;',
  '```',
  '',
].join('\n');

const staleDocs = [
  cleanDocs,
  '## Older things',
  '',
  '- `--legacy-output`: Write the old format.',
  '- `APP_TIMEOUT_MS`: environment variable, request timeout in milliseconds.',
  '- `GET /v1/export`: every item as CSV.',
  '',
].join('\n');

/**
 * A code repository whose history removes the `--legacy-output` flag, renames the env var `APP_TIMEOUT_MS` to
 * `APP_REQUEST_TIMEOUT_MS` and removes the `/v1/export` route, with a docs folder (`docs/`) that still names all
 * three (`stale`) or only what exists (`clean`).
 */
export function auditFixture(docs: 'stale' | 'clean') {
  const flags = ["'--port <n>', 'Port to listen on', '3000'", "'--host <name>', 'Interface to bind'"];
  const legacy = "'--legacy-output', 'Write output in the legacy format'";
  const repo = initRepo({
    'package.json': JSON.stringify({ name: 'acme-cli', bin: { acme: 'dist/cli.js' } }),
    'src/cli.ts': cli([flags[0], legacy, flags[1]]),
    'src/config.ts': config('APP_TIMEOUT_MS'),
    'src/server.ts': server(['/v1/items', '/v1/export']),
    'CHANGELOG.md': '# Changes\n\n- `--legacy-output` and `GET /v1/export` are gone.\n',
  });
  const flagCommit = commitFiles(repo, { 'src/cli.ts': cli(flags) }, 'feat!: drop the legacy output format');
  const envCommit = commitFiles(
    repo,
    { 'src/config.ts': config('APP_REQUEST_TIMEOUT_MS') },
    'refactor: clearer timeout variable',
  );
  const routeCommit = commitFiles(repo, { 'src/server.ts': server(['/v1/items']) }, 'feat!: remove the CSV export');
  commitFiles(repo, { 'docs/reference.md': docs === 'stale' ? staleDocs : cleanDocs }, 'docs');
  return { repo, docs: `${repo}/docs`, flagCommit, envCommit, routeCommit, staleDocs };
}
