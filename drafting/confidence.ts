import type { DraftResult } from './drafter.js';

/**
 * The confidence of a draft whose drafter gave none (the offline drafter): edits built entirely from
 * what the code says rank above edits carrying placeholders a person must fill in.
 */
export function confidenceOf(draft: DraftResult): number {
  if (draft.confidence !== undefined) return Math.min(1, Math.max(0, draft.confidence));
  if (draft.edits.length === 0) return 0;
  const placeholders = draft.edits.filter((e) => /\bTODO\b/.test(e.after) && !/\bTODO\b/.test(e.before)).length;
  return placeholders > 0 ? 0.3 : 0.6;
}
