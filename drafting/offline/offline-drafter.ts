import { parseUnifiedDiff } from '../diff/parse-unified-diff.js';
import type { DraftInput, DraftResult, Drafter } from '../drafter.js';
import { extractSymbols } from './extract-symbols.js';
import { findAffectedPages } from './find-affected-pages.js';
import { buildLineIndex } from './line-index.js';
import { indexPage } from './page-index.js';
import { proposeEdits } from './propose-edits.js';
import { citeReferences, referencesSummary } from './reference-citations.js';
import { noChangesReason, proseReason, summarize } from './summarize.js';

/** Drafts documentation edits from a diff without a model: conservative, exact and deterministic. */
export function createOfflineDrafter(): Drafter {
  return {
    name: 'offline',
    async draft({ change, docs, feedback }: DraftInput): Promise<DraftResult> {
      const files = parseUnifiedDiff(change.diff);
      const contents = new Map(
        change.files.flatMap((f) => (f.content === undefined ? [] : [[f.path, f.content] as const])),
      );
      const extracted = extractSymbols(files, contents);
      const index = buildLineIndex(files, contents);
      const pages = [...docs].sort((a, b) => a.path.localeCompare(b.path)).map(indexPage);
      const impacted = findAffectedPages(change, docs);
      const proposed = proposeEdits(extracted, pages, index);
      const edits = citeReferences(proposed.edits, change.references ?? []);
      const reason =
        edits.length > 0 ? undefined : change.diff.trim() ? noChangesReason(extracted, pages) : proseReason(impacted);
      const summary = [
        summarize(edits, proposed.notes, impacted, feedback, reason),
        referencesSummary(change.references, change.contextNotes),
      ]
        .filter(Boolean)
        .join('\n\n');
      return { edits, summary, impacted, drafter: 'offline', ...(reason ? { noChangesReason: reason } : {}) };
    },
  };
}
