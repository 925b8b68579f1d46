import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cachedWorkflowBundle, workflowSourcesHash } from '../../workers/bundle.js';
import { tempDir } from '../support/git-repos.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A small project: workflows/index.ts re-exporting a workflow that imports a shared module outside workflows/. */
function project() {
  const dir = tempDir();
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('workflows/index.ts', "export { hello } from './hello.js';\n");
  write(
    'workflows/hello.ts',
    "import { sleep } from '@temporalio/workflow';\nimport type { Big } from '../types/big.js';\nimport { greeting } from '../shared/greeting.js';\nexport async function hello(_: Big) { await sleep(1); return greeting; }\n",
  );
  write('shared/greeting.ts', "export const greeting = 'hello';\n");
  write('types/big.ts', 'export type Big = string;\n');
  write('elsewhere/api.ts', 'export const unrelated = 1;\n');
  return { entry: path.join(dir, 'workflows/index.ts'), write };
}

describe('the workflow bundle cache', () => {
  it('is keyed by what the workflows load at run time, not by the rest of the code', () => {
    const { entry, write } = project();
    const first = workflowSourcesHash(entry);
    expect(workflowSourcesHash(entry)).toBe(first);
    write('elsewhere/api.ts', 'export const unrelated = 2;\n');
    write('types/big.ts', 'export type Big = number;\n'); // imported as a type only: not bundled
    expect(workflowSourcesHash(entry)).toBe(first);
    write('shared/greeting.ts', "export const greeting = 'hi';\n");
    const second = workflowSourcesHash(entry);
    expect(second).not.toBe(first);
    write('workflows/notes.ts', 'export const note = 1;\n'); // any file in workflows/
    expect(workflowSourcesHash(entry)).not.toBe(second);
  });

  it('builds once per code version: a second start reads the cached bundle, a changed source rebuilds', async () => {
    const cacheDir = path.join(tempDir(), 'cache');
    let builds = 0;
    const bundle = async () => ({ code: `// bundle ${++builds}\n` });
    const first = await cachedWorkflowBundle(cacheDir, undefined, bundle);
    expect(first).toEqual({ code: '// bundle 1\n', cached: false });
    const [file] = fs.readdirSync(cacheDir);
    expect(file).toBe(`workflow-bundle-${workflowSourcesHash()}.js`);
    expect(fs.statSync(path.join(cacheDir, file!)).mode & 0o077).toBe(0);

    const second = await cachedWorkflowBundle(cacheDir, undefined, bundle);
    expect(second).toEqual({ code: '// bundle 1\n', cached: true });
    expect(builds).toBe(1);

    // Another code version's bundle (what a changed source hashes to) is rebuilt and replaces the old one.
    fs.renameSync(path.join(cacheDir, file!), path.join(cacheDir, 'workflow-bundle-0123456789abcdef01234567.js'));
    const rebuilt = await cachedWorkflowBundle(cacheDir, undefined, bundle);
    expect(rebuilt).toEqual({ code: '// bundle 2\n', cached: false });
    expect(fs.readdirSync(cacheDir)).toEqual([file]);
  });

  it('keeps a bundle with workflow interceptors (tracing) apart from the plain one', async () => {
    const { entry, write } = project();
    write('interceptors/trace.ts', 'export const interceptors = () => ({});\n');
    const interceptor = path.join(path.dirname(entry), '../interceptors/trace.ts');
    const plain = workflowSourcesHash(entry);
    const traced = workflowSourcesHash(entry, [interceptor]);
    expect(traced).not.toBe(plain);
    write('interceptors/trace.ts', 'export const interceptors = () => ({ inbound: [] });\n');
    expect(workflowSourcesHash(entry, [interceptor])).not.toBe(traced);

    const cacheDir = path.join(tempDir(), 'cache');
    const asked: string[][] = [];
    const bundle = async (modules: string[]) => (asked.push(modules), { code: `// with ${modules.length}\n` });
    expect(await cachedWorkflowBundle(cacheDir, undefined, bundle, [interceptor])).toEqual({
      code: '// with 1\n',
      cached: false,
    });
    expect(asked).toEqual([[interceptor]]);
    expect(await cachedWorkflowBundle(cacheDir, undefined, bundle, [interceptor])).toMatchObject({ cached: true });
    expect(await cachedWorkflowBundle(cacheDir, undefined, bundle)).toEqual({ code: '// with 0\n', cached: false });
  });

  it('still answers with a fresh bundle when the cache cannot be written', async () => {
    const blocked = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocked, '');
    const result = await cachedWorkflowBundle(path.join(blocked, 'cache'), undefined, async () => ({ code: 'x' }));
    expect(result).toEqual({ code: 'x', cached: false });
  });

  it('caches exactly the code webpack bundles', { timeout: 120_000 }, async () => {
    const cacheDir = path.join(tempDir(), 'cache');
    const built = await cachedWorkflowBundle(cacheDir);
    expect(built.cached).toBe(false);
    expect(built.code).toContain('docUpdateWorkflow');
    expect(await cachedWorkflowBundle(cacheDir)).toEqual({ code: built.code, cached: true });
  });
});
