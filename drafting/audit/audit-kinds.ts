/** The kinds of code element an audit checks, and a finding. */
export type AuditKind = 'flag' | 'env' | 'config-key' | 'route' | 'function' | 'path';

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

export interface RenameFix {
  /** Replace `from` with `to` on the line. */
  from: string;
  to: string;
  /** The commit whose diff renamed it, and its subject. */
  commit: string;
  subject: string;
}

export interface AuditFinding {
  page: string;
  line: number;
  element: string;
  kind: AuditKind;
  /** Why it is reported: which rule found it gone. */
  reason: string;
  fix?: RenameFix;
}
