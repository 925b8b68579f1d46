import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
