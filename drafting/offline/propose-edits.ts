import type { Edit } from '../../core/change.js';
import { removals, renames } from './changed-entries.js';
import type { ExtractedSymbols } from './extract-symbols.js';
import { meaningful } from './generic-words.js';
import type { LineIndex } from './line-index.js';
import { entriesFor } from './markdown-entries.js';
import { groupInsertions, insertions } from './added-entries.js';
import { toEdits } from './page-changes.js';
import { NOUNS, type IndexedPage } from './page-index.js';

export interface Proposal {
  edits: Edit[];
  /** Things a human should look at that were deliberately not edited. */
  notes: string[];
}

const INSERTABLE = new Set(['flag', 'env', 'key', 'route']);

/** Concrete edits: new entries for added symbols, deleted entries for removed ones, renamed entries for renamed ones. */
export function proposeEdits(extracted: ExtractedSymbols, pages: IndexedPage[], index: LineIndex): Proposal {
  const symbols = extracted.changed.filter((s) => s.kind !== 'identifier' && meaningful(s));
  const added = insertions(
    symbols.filter((s) => s.change === 'added' && INSERTABLE.has(s.kind)),
    extracted,
    pages,
    index,
  );
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const page of pages) {
    const changes = [
      ...symbols.filter((s) => s.change === 'removed').flatMap((s) => removals(page, s, index, notes)),
      ...symbols.filter((s) => s.change === 'renamed').flatMap((s) => renames(page, s, index, notes)),
      ...groupInsertions(added.filter((i) => i.page === page.path)),
    ];
    if (changes.length > 0) edits.push(...toEdits(page.path, page.text, changes));
  }
  for (const symbol of symbols.filter((s) => s.change === 'added' && s.kind !== 'key' && s.kind !== 'export')) {
    const placed = added.some((i) => i.symbol === symbol.name);
    if (!placed && !pages.some((p) => entriesFor(p.entries, p.lines, symbol.name).length > 0)) {
      const noun = NOUNS[symbol.kind];
      notes.push(
        `New ${noun} \`${symbol.name}\` is not documented, and no page documents a neighbouring ${noun}; no entry was added.`,
      );
    }
  }
  return { edits, notes };
}
