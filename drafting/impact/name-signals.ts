import type { ChangeName, NameSource } from './change-names.js';
import type { DocIndex } from './doc-index.js';
import { saturate, type Evidence } from './evidence.js';

/**
 * The most points each source of names can give a page. Names on changed lines are left to the lexical ranking:
 * scored here too they mostly reward long pages that use many common names.
 */
const CAPS: Partial<Record<NameSource, number>> = {
  message: 6,
  'removed code': 5,
  'enclosing code': 1,
  'nearby lines': 1.5,
};
// A one-word name (`next`, `fail`) is as often plain English in a code span as the thing that changed.
const PLAIN = 0.5;

/** 1 for a name only one page uses in code, falling to 0 for a name every page uses. */
export function specificity(index: DocIndex, name: string): number {
  const n = index.entries.length;
  const df = index.codeDf.get(name) ?? 0;
  if (df === 0) return 0;
  const spec = n < 2 ? 1 : Math.max(0, Math.log(n / df) / Math.log(n));
  return /^[a-z]+$/.test(name) ? spec * PLAIN : spec;
}

interface Hit {
  name: string;
  points: number;
  entry: boolean;
}

/**
 * Names from the message, names the change deletes and names around the change match pages that document them
 * as an entry (heading, list item, table row) or use them in code; rarer names count more.
 */
export function nameSignals(index: DocIndex, names: ChangeName[], evidence: Evidence): void {
  const scored = names
    .filter((n) => CAPS[n.from] !== undefined)
    .map((n) => ({ ...n, spec: specificity(index, n.name) }));
  const weighted = scored.filter((n) => n.spec > 0);
  index.entries.forEach((entry, page) => {
    const hits = new Map<NameSource, Hit[]>();
    for (const n of weighted) {
      const documented = entry.entryNames.has(n.name);
      const count = entry.codeNames.get(n.name) ?? 0;
      if (!documented && count === 0) continue;
      const points = n.weight * n.spec * (documented ? 1.5 : 0.5 + 0.5 * Math.min(1, count / 4));
      hits.set(n.from, [...(hits.get(n.from) ?? []), { name: n.name, points, entry: documented }]);
    }
    for (const [from, list] of hits) {
      list.sort((a, b) => b.points - a.points || a.name.localeCompare(b.name));
      const shown = list
        .slice(0, 4)
        .map((h) => `\`${h.name}\`${h.entry ? ' (an entry)' : ''}`)
        .join(', ');
      const points = saturate(
        list.reduce((s, h) => s + h.points, 0),
        CAPS[from] ?? 0,
      );
      evidence.add(page, points, `documents names from the ${from}: ${shown}${list.length > 4 ? ', …' : ''}`);
    }
  });
}
