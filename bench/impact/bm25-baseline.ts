import { bm25 } from '../../drafting/impact/bm25.js';
import { docIndexFor } from '../../drafting/impact/index-cache.js';
import { lexicalQuery } from '../../drafting/impact/lexical-query.js';
import { readChange } from '../../drafting/impact/read-change.js';
import type { EvalCase } from './load-cases.js';

/** The plain lexical baseline: BM25 of the changed lines, paths and message, nothing else. */
export function bm25Baseline(c: EvalCase): string[] {
  const index = docIndexFor(c.pages);
  const hits = bm25(index, lexicalQuery(readChange(c.diff, c.message)).weights);
  return index.entries
    .map((e, i) => ({ path: e.path, score: hits[i].score }))
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path))
    .map((h) => h.path);
}
