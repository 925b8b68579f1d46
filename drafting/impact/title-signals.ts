import type { DocIndex } from './doc-index.js';
import { saturate, type Evidence } from './evidence.js';
import type { ChangeInfo } from './read-change.js';
import { stem, terms } from './words.js';

// Words of commit subjects that say what was done, not to what.
const DOING = new Set(
  `add allow avoid bump change correct correctly ensure expose fix handle implement improve introduce make move
  new prevent refactor remove rename replace return support update use when work`
    .split(/\s+/)
    .map(stem),
);

/** Headings that name the changed thing: subject words in a page's title or file name, rarer ones counting more. */
export function titleSignals(index: DocIndex, change: ChangeInfo, evidence: Evidence): void {
  const words = [...new Set(terms(change.message.subject))].filter((t) => t.length >= 3 && !DOING.has(t));
  const n = index.entries.length;
  const df = new Map(words.map((w) => [w, index.entries.filter((e) => e.titleTerms.has(w)).length]));
  index.entries.forEach((entry, i) => {
    const hits = words.filter((w) => entry.titleTerms.has(w));
    if (hits.length === 0) return;
    const spec = (w: string): number => (n < 2 ? 1 : Math.max(0, Math.log(n / (df.get(w) ?? 1)) / Math.log(n)));
    const points = saturate(
      hits.reduce((s, w) => s + 2.5 * spec(w), 0),
      4,
    );
    evidence.add(i, points, `its title or name \`${entry.title || entry.stem}\` has subject words: ${hits.join(', ')}`);
  });
}
