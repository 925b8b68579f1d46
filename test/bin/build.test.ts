import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/git-repos.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A small project laid out like docflow: its own copy of scripts/build.mjs, two sources and a web asset. */
function project() {
  const dir = tempDir();
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(root, 'scripts/build.mjs'), path.join(dir, 'scripts/build.mjs'));
  fs.copyFileSync(path.join(root, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  write('package.json', '{ "type": "module" }\n');
  write(
    'tsconfig.build.json',
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { noEmit: false, outDir: 'dist', rootDir: '.' },
      include: ['src', 'web'],
    }),
  );
  write('src/limit.ts', 'export const limit: number = 3;\n');
  write(
    'src/main.ts',
    "import type { Server } from 'node:http';\nimport { limit } from './limit.js';\nexport const twice = (s?: Server): number => limit * 2;\n",
  );
  write('web/assets/app.css', 'body { margin: 0 }\n');
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  const build = () => {
    const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, encoding: 'utf8' });
    return { code: result.status, stderr: result.stderr };
  };
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  const mtime = (file: string) => fs.statSync(path.join(dir, file)).mtimeMs;
  return { dir, write, build, read, mtime };
}

describe('scripts/build.mjs (npm run build; npm start runs it first)', () => {
  it('compiles to dist/, then redoes only what changed and removes what was deleted', async () => {
    const p = project();
    const first = p.build();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/built dist\/: 3 file\(s\)/);
    expect(p.read('dist/src/limit.js')).toBe('export const limit = 3;\n');
    expect(p.read('dist/src/main.js')).not.toContain('node:http');
    expect(p.read('dist/web/assets/app.css')).toBe('body { margin: 0 }\n');
    const { twice } = await import(path.join(p.dir, 'dist/src/main.js'));
    expect(twice()).toBe(6);

    const mainBuilt = p.mtime('dist/src/main.js');
    expect(p.build()).toEqual({ code: 0, stderr: '' });

    p.write('src/limit.ts', 'export const limit: number = 4;\n');
    const second = p.build();
    expect(second.stderr).toMatch(/built dist\/: 1 file\(s\)/);
    expect(p.read('dist/src/limit.js')).toBe('export const limit = 4;\n');
    expect(p.mtime('dist/src/main.js')).toBe(mainBuilt);

    fs.rmSync(path.join(p.dir, 'src/main.ts'));
    fs.rmSync(path.join(p.dir, 'web/assets/app.css'));
    expect(p.build().code).toBe(0);
    expect(fs.existsSync(path.join(p.dir, 'dist/src/main.js'))).toBe(false);
    expect(fs.existsSync(path.join(p.dir, 'dist/web/assets/app.css'))).toBe(false);
    expect(fs.existsSync(path.join(p.dir, 'dist/src/limit.js'))).toBe(true);

    // A changed compiler configuration recompiles everything.
    const limitBuilt = p.mtime('dist/src/limit.js');
    p.write(
      'tsconfig.build.json',
      p.read('tsconfig.build.json').replace('"rootDir"', '"removeComments":true,"rootDir"'),
    );
    expect(p.build().stderr).toMatch(/built dist\/: 1 file\(s\)/);
    expect(p.mtime('dist/src/limit.js')).toBeGreaterThan(limitBuilt);
  });

  it('refuses a source that does not parse, naming the file and line, until it is fixed', () => {
    const p = project();
    expect(p.build().code).toBe(0);
    p.write('src/limit.ts', 'export const limit: number = 3;\nexport const broken = (;\n');
    const failed = p.build();
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/cannot compile docflow:\nsrc\/limit\.ts:2: /);
    // Not recorded as built: the next build tries again rather than running what the last one left.
    expect(p.build().code).toBe(1);
    p.write('src/limit.ts', 'export const limit: number = 5;\n');
    expect(p.build().code).toBe(0);
    expect(p.read('dist/src/limit.js')).toBe('export const limit = 5;\n');
  });

  it('says what to do when dist/ is out of date and TypeScript is not installed', () => {
    const p = project();
    expect(p.build().code).toBe(0);
    fs.rmSync(path.join(p.dir, 'node_modules'));
    expect(p.build()).toEqual({ code: 0, stderr: '' });
    p.write('src/limit.ts', 'export const limit: number = 6;\n');
    const failed = p.build();
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/dist\/ is missing or older than the sources, and TypeScript .* run `npm ci`/);
  });
});
