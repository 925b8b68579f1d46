import type { AuditKind } from '../../core/audit-finding.js';

export type { AuditFinding, AuditKind, RenameFix } from '../../core/audit-finding.js';

/** A code element a docs page names, as written there. */
export interface DocMention {
  /** Page path relative to the docs root; 1-based line. */
  page: string;
  line: number;
  element: string;
  kind: AuditKind;
  /** Why this text was read as an element of that kind (which rule). */
  how: string;
}
