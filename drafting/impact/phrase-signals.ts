import type { DocIndex } from './doc-index.js';
import { saturate, type Evidence } from './evidence.js';
import type { ChangeInfo } from './read-change.js';
import { flatText, terms } from './words.js';

/** Most phrases looked up per side, longest first: enough for any focused change, bounded for a huge one. */
const MAX_PHRASES = 300;
const MIN_LENGTH = 15;

function distinct(phrases: string[]): string[] {
  const flat = [...new Set(phrases.map(flatText))].filter((p) => p.length >= MIN_LENGTH);
  return flat.sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, MAX_PHRASES);
}

/** A page that repeats prose the change removes (a help string, an error message) has to change with it. */
export function phraseSignals(index: DocIndex, change: ChangeInfo, evidence: Evidence): void {
  // A page can hold a phrase only if it has the phrase's rarest term: a cheap test before the text search.
  const rarest = (phrase: string): string | undefined =>
    terms(phrase).sort((a, b) => (index.df.get(a) ?? 0) - (index.df.get(b) ?? 0))[0];
  const withKey = (list: string[]) => list.map((text) => ({ text, key: rarest(text) }));
  const removed = withKey(distinct(change.removedPhrases));
  const added = withKey(distinct(change.addedPhrases));
  index.entries.forEach((entry, i) => {
    const has = (p: { text: string; key?: string }): boolean =>
      (!p.key || entry.tf.has(p.key)) && entry.flatText.includes(p.text);
    const gone = removed.filter(has).map((p) => p.text);
    if (gone.length > 0) evidence.add(i, saturate(3 * gone.length, 6), `repeats removed text “${gone[0]}”`);
    const kept = added.filter(has).map((p) => p.text);
    if (kept.length > 0) evidence.add(i, saturate(kept.length, 2), `already has added text “${kept[0]}”`);
  });
}
