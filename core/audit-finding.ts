/** A docs audit's vocabulary: the kinds of code element it checks, and what it found. */
export type AuditKind = 'flag' | 'env' | 'config-key' | 'route' | 'function' | 'path';

export interface RenameFix {
  /** Replace `from` with `to` on the line. */
  from: string;
  to: string;
  /** The commit whose diff renamed it, and its subject. */
  commit: string;
  subject: string;
}

/** A page line naming a code element that no longer exists at head. */
export interface AuditFinding {
  page: string;
  line: number;
  element: string;
  kind: AuditKind;
  /** Why it is reported: which rule found it gone. */
  reason: string;
  fix?: RenameFix;
}
