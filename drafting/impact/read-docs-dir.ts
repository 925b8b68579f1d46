import fs from 'node:fs';
import path from 'node:path';
import type { DocPage } from '../../core/change.js';

const MARKDOWN = /\.(?:md|mdx|markdown)$/i;
const SKIPPED = new Set(['node_modules', '.git']);

/** Every markdown file under `dir`, with its path relative to `dir` in posix form, sorted by path. */
export function readDocsDir(dir: string): DocPage[] {
  const pages: DocPage[] = [];
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) walk(full);
      else if (entry.isFile() && MARKDOWN.test(entry.name)) {
        pages.push({ path: path.relative(dir, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(dir);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}
