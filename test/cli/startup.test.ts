import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/git-repos.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every module `file` loads when it is imported: its static, non-type imports, followed through the project. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  if (!file.startsWith('.')) return seen;
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  for (const [, specifier] of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
    const target = specifier!.startsWith('.')
      ? `./${path.posix.join(path.posix.dirname(file), specifier!).replace(/\.js$/, '.ts')}`
      : specifier!;
    staticImports(target, seen);
  }
  return seen;
}

describe('docflow CLI start-up', () => {
  it('loads only the API client for --help and the API commands: no database, configuration or drafting', () => {
    const loaded = [...staticImports('./cli/main.ts')];
    expect(loaded).toContain('./cli/api-client.ts');
    const heavy = loaded.filter((m) =>
      /^(kysely|pg|@electric-sql\/pglite|@temporalio\/|\.\/(config|db|drafting|secrets|integrations)\/)/.test(m),
    );
    expect(heavy).toEqual([]);
  });

  it('prints usage for --help', () => {
    const result = spawnSync(process.execPath, ['bin/docflow.js', '--help'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^usage:\n {2}docflow projects list/);
  });
});

/** Runs bin/docflow.js as an installed CLI would run, recording every module it loads through ESM. */
function runRecorded(args: string[]): { status: number | null; stdout: string; stderr: string; loaded: string[] } {
  const file = path.join(tempDir(), 'imports.txt');
  fs.writeFileSync(file, '');
  const result = spawnSync(
    process.execPath,
    ['--import', path.join(root, 'test/support/record-imports.mjs'), 'bin/docflow.js', ...args],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', DOCFLOW_IMPORTS_FILE: file } },
  );
  const loaded = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url))
    // Packages as `node_modules/…` wherever node_modules is (a symlink in a worktree); project files from the root.
    .map((file) =>
      file.includes('/node_modules/') ? file.slice(file.indexOf('node_modules/')) : path.relative(root, file),
    );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, loaded };
}

describe('the compiled CLI', () => {
  it('runs --help from dist/ with no TypeScript loader and no TypeScript source in its import graph', () => {
    const result = runRecorded(['--help']);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^usage:\n {2}docflow projects list/);
    expect(result.loaded).toContain('dist/cli/main.js');
    expect(
      result.loaded.filter((m) => /node_modules\/(tsx|esbuild|typescript)\//.test(m) || m.endsWith('.ts')),
    ).toEqual([]);
    expect(result.loaded.filter((m) => m.startsWith('node_modules/'))).toEqual([]);
    expect(result.loaded.filter((m) => !m.startsWith('dist/') && m !== 'bin/docflow.js')).toEqual([]);
  });

  it('ranks with `impact` loading the ranking only: no database, Temporal, configuration or providers', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs/retries.md'), '# Retries\n\nSet `maxRetries` to retry a failed call.\n');
    fs.writeFileSync(path.join(dir, 'docs/install.md'), '# Install\n\nRun the installer.\n');
    fs.writeFileSync(
      path.join(dir, 'change.patch'),
      'diff --git a/src/client.ts b/src/client.ts\n--- a/src/client.ts\n+++ b/src/client.ts\n@@ -1,1 +1,1 @@\n-export const maxRetries = 3;\n+export const maxRetries = 5;\n',
    );
    const result = runRecorded([
      'impact',
      '--diff',
      path.join(dir, 'change.patch'),
      '--docs',
      path.join(dir, 'docs'),
      '--json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).ranked[0].path).toBe('retries.md');
    expect(result.loaded).toContain('dist/cli/impact.js');
    const heavy = result.loaded.filter((m) =>
      /^(node_modules\/(kysely|pg|@electric-sql|@temporalio|tsx)\/|dist\/(config|db|secrets|integrations|workers|temporal)\/)/.test(
        m,
      ),
    );
    expect(heavy).toEqual([]);
  });
});
