import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { providers } from '../../integrations/registry.js';
import { relativeImports, sourceFiles, withoutComments } from '../support/source-files.js';

const files = sourceFiles();
const text = new Map(files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
const code = files.filter((file) => /\.(ts|js|mjs)$/.test(file));

/** Strongly connected components of more than one file: import cycles, type-only imports included. */
function importCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe('architecture', () => {
  it('has no import cycle, type-only imports included', () => {
    const graph = new Map(
      code.map((file) => [file, relativeImports(file, text.get(file)!).filter((target) => text.has(target))]),
    );
    expect(importCycles(graph)).toEqual([]);
  });

  it('keeps core/ free of every other part of the project', () => {
    const outside = files
      .filter((file) => file.startsWith('core/'))
      .flatMap((file) =>
        relativeImports(file, text.get(file)!)
          .filter((target) => !target.startsWith('core/'))
          .map((target) => `${file} → ${target}`),
      );
    expect(outside).toEqual([]);
  });

  it('names a provider only in its folder, the registry, docs and tests', () => {
    const names = providers.map((p) => p.provider);
    const allowed = (file: string, name: string) =>
      file.startsWith(`integrations/${name}/`) ||
      file === 'integrations/registry.ts' ||
      file.startsWith('test/') ||
      file.startsWith('bench/');
    // A provider's name as a word (not a host name such as github.com/temporalio in a URL).
    const mentions = code.flatMap((file) =>
      names
        .filter(
          (name) =>
            !allowed(file, name) &&
            new RegExp(`(?<![\\w.-])${name}(?![\\w-]|\\.com)`, 'i').test(
              // The kit's comments may cite which providers use a scheme; nothing else outside a provider's folder may name one.
              file.startsWith('integrations/') ? withoutComments(text.get(file)!) : text.get(file)!,
            ),
        )
        .map((name) => `${file}: ${name}`),
    );
    expect(mentions).toEqual([]);
  });

  it('gives each provider one folder with an index that the registry lists', () => {
    const folders = fs
      .readdirSync('integrations', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'kit')
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual(providers.map((p) => p.provider).sort());
    for (const folder of folders)
      expect(fs.existsSync(path.join('integrations', folder, 'index.ts')), folder).toBe(true);
  });

  it('lets only the runs service, entry points and Temporal setup hold a Temporal client', () => {
    const holders = code.filter(
      (file) =>
        !file.startsWith('test/') &&
        !file.startsWith('bench/') &&
        /import (type )?\{[^}]*\bClient\b[^}]*\} from '@temporalio\/client'/.test(text.get(file)!),
    );
    expect(holders.filter((file) => !['runs/', 'bin/', 'temporal/'].some((folder) => file.startsWith(folder)))).toEqual(
      [],
    );
    expect(holders).toContain('runs/runs-deps.ts');
  });

  it('type-checks every folder that holds TypeScript', () => {
    const included: string[] = JSON.parse(fs.readFileSync('tsconfig.json', 'utf8')).include;
    const folders = new Set(code.filter((file) => file.endsWith('.ts')).map((file) => file.split('/')[0]!));
    expect([...folders].filter((folder) => !included.includes(folder))).toEqual([]);
  });
});
