import type { DocIndex } from './doc-index.js';

const K1 = 1.2;
const B = 0.75;

export interface LexicalHit {
  score: number;
  /** The query terms that contributed most, best first. */
  top: string[];
}

/** BM25 of every page against a weighted query (term → weight). */
export function bm25(index: DocIndex, query: Map<string, number>): LexicalHit[] {
  const n = index.entries.length;
  return index.entries.map((entry) => {
    const parts: [string, number][] = [];
    for (const [term, weight] of query) {
      const tf = entry.tf.get(term);
      if (!tf) continue;
      const df = index.df.get(term) ?? 0;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const norm = tf + K1 * (1 - B + (B * entry.length) / Math.max(1, index.avgLength));
      parts.push([term, weight * idf * ((tf * (K1 + 1)) / norm)]);
    }
    parts.sort((a, b) => b[1] - a[1]);
    return { score: parts.reduce((s, [, v]) => s + v, 0), top: parts.slice(0, 5).map(([t]) => t) };
  });
}
