import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The project's own TypeScript and JavaScript files, tracked or new, relative to the root. */
export function sourceFiles(root = process.cwd()): string[] {
  const listed = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.ts', '*.js', '*.mjs'],
    { cwd: root, encoding: 'utf8' },
  );
  return listed
    .split('\n')
    .filter((file) => file && !file.startsWith('node_modules/') && fs.existsSync(path.join(root, file)));
}

/** Relative imports of a file (static, dynamic, re-exports, type-only included), resolved to project files. */
export function relativeImports(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((spec) => path.normalize(path.join(path.dirname(file), spec)).replace(/\.js$/, '.ts'));
}

/** Code without comments, so that prose may name what code must not. */
export const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
