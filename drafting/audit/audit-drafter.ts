import type { Drafter } from '../drafter.js';
import { auditDraft } from './audit-draft.js';

/** A drafter that drafts a docs audit (a change with `audit`) from its findings, without a model, and any other change as `drafter` does. */
export function withAuditDrafting(drafter: Drafter): Drafter {
  return {
    name: drafter.name,
    async draft(input) {
      const { audit, references } = input.change;
      return audit ? auditDraft(audit.findings, input.docs, references) : drafter.draft(input);
    },
  };
}
