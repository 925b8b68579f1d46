import fs from 'node:fs';
import path from 'node:path';
import { readDocsDir } from '../../drafting/impact/read-docs-dir.js';
import type { DocPage } from '../../core/change.js';

/** What a predictor may see of a case: never `expected.json` or `index.jsonl`. */
export interface EvalCase {
  id: string;
  diff: string;
  message: string;
  pages: DocPage[];
}

/** Case folders of the set (those with a `code.patch`), sorted by name. */
export function caseIds(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'code.patch')))
    .map((e) => e.name)
    .sort();
}

export function loadCase(dir: string, id: string): EvalCase {
  const at = path.join(dir, id);
  const message = path.join(at, 'message.txt');
  return {
    id,
    diff: fs.readFileSync(path.join(at, 'code.patch'), 'utf8'),
    message: fs.existsSync(message) ? fs.readFileSync(message, 'utf8') : '',
    pages: readDocsDir(path.join(at, 'docs')),
  };
}
