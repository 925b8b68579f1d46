import type { DraftedDestination } from '../db/repositories/suggestions.js';
import { confidenceOf } from '../drafting/confidence.js';
import type { DraftResult } from '../drafting/drafter.js';
import type { DocsSnapshot } from '../integrations/contract.js';

/** One destination's draft: what the drafter wrote from that destination's own pages. */
export interface DestinationDraft {
  type: string;
  draft: DraftResult;
  docs: DocsSnapshot;
}

/** The versions, at drafting time, of the pages these edits touch (a help-center article's `updated_at`). */
export function versionsOfEdited(docs: DocsSnapshot, paths: string[]): Record<string, string> {
  return Object.fromEntries(
    paths.flatMap((path) => (docs.versions?.[path] !== undefined ? [[path, docs.versions[path]]] : [])),
  );
}

/**
 * One suggestion from the drafts of a project's several destinations: each edit names its destination by
 * position, the summary says which destination each part is about, the confidence is the least of the
 * destinations that have edits (a reviewer-free publish needs every part to be sure), and the usage adds up.
 */
export function combineDrafts(drafts: DestinationDraft[]): { draft: DraftResult; destinations: DraftedDestination[] } {
  const withEdits = drafts.filter((d) => d.draft.edits.length > 0);
  const edits = drafts.flatMap((d, destination) => d.draft.edits.map((edit) => ({ ...edit, destination })));
  const label = (d: DestinationDraft, i: number) => `destination ${i} (${d.type})`;
  const summary = drafts
    .map((d, i) => (d.draft.edits.length ? `${label(d, i)}: ${d.draft.summary.trim()}` : undefined))
    .filter(Boolean)
    .join('\n\n');
  const usages = drafts.flatMap((d) => (d.draft.usage ? [d.draft.usage] : []));
  const draft: DraftResult = {
    drafter: drafts[0]!.draft.drafter,
    edits,
    summary: summary || drafts.map((d) => d.draft.summary.trim()).find(Boolean) || '',
    impacted: drafts.flatMap((d) => d.draft.impacted),
    confidence: withEdits.length ? Math.min(...withEdits.map((d) => confidenceOf(d.draft))) : 0,
    ...(usages.length
      ? {
          usage: usages.reduce((sum, u) => ({
            inputTokens: sum.inputTokens + u.inputTokens,
            outputTokens: sum.outputTokens + u.outputTokens,
            calls: sum.calls + u.calls,
          })),
        }
      : {}),
    ...(edits.length
      ? {}
      : {
          noChangesReason: drafts
            .map((d, i) => `${label(d, i)}: ${d.draft.noChangesReason ?? 'the drafter proposed no edits'}`)
            .join('; '),
        }),
  };
  const destinations = drafts.map((d) => {
    const pageVersions = versionsOfEdited(d.docs, [...new Set(d.draft.edits.map((e) => e.path))]);
    return { type: d.type, ...(Object.keys(pageVersions).length ? { pageVersions } : {}) };
  });
  return { draft, destinations };
}
