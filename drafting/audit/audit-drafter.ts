import type { Drafter } from '../drafter.js';
import { auditDraft } from './audit-draft.js';

/** A drafter that drafts a docs audit (a change with `audit`) from its findings, without a model, and any other change as `drafter` does. */
export function withAuditDrafting(drafter: Drafter): Drafter {
  return {
    name: drafter.name,
    async draft(input) {
      const { audit, references } = input.change;
      if (!audit) return drafter.draft(input);
      const draft = auditDraft(audit.findings, input.docs, references);
      if (input.feedback.length === 0) return draft;
      const unchanged =
        'The audit drafts without a model: feedback cannot change its edits (edit the proposed text before approving instead).';
      return { ...draft, summary: `${draft.summary}\n\n${unchanged}` };
    },
  };
}
