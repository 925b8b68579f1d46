/** What a change is made of, and the documentation it may touch: shared by sources, drafters and destinations. */
import type { AuditFinding } from './audit-finding.js';

/** What changed, as gathered by a source integration. Stored in the database, never in workflow history. */
export interface ChangeContext {
  /** Human label of the source, e.g. "/repos/app abc123..def456". */
  sourceLabel: string;
  /** Free text from whoever started the run (manual trigger note, PR body, thread, ticket). */
  note?: string;
  commits: CommitInfo[];
  /** Unified diff (`git diff` format, with `diff --git` headers). */
  diff: string;
  files: ChangedFile[];
  /** Who made the change as its provider names them (a pull request's author login, a commit's author name). */
  author?: string;
  /**
   * Conversations the change is made of (support tickets, a chat thread), redacted. Each is also a file of
   * `files` added by `diff`, so drafters cite its lines as they cite code.
   */
  conversations?: Conversation[];
  /** The branch the change was made on, when its source has one (people name issues there). */
  branch?: string;
  /** Documents the change refers to (an issue), added by the project's context entries; drafters may cite them. */
  references?: ContextReference[];
  /** What the context entries left out or could not read, and why, in words people read. */
  contextNotes?: string[];
  /**
   * Not a change but a docs audit of the code at head: the pages' stale references. Drafted without a model
   * (the rename fixes as edits, the rest listed for a person); `references` hold the renaming commits.
   */
  audit?: { findings: AuditFinding[]; code: string };
}

/** A conversation as drafters read it: who asked, who answered, and where each message sits in its file. */
export interface Conversation {
  /** The path of the change's file holding the conversation's text. */
  path: string;
  title: string;
  /** Where people see the conversation at its provider. */
  url?: string;
  messages: ConversationMessage[];
}

export interface ConversationMessage {
  /** `asker`: the customer or whoever raised it; `answerer`: support agents; `member`: anyone in a team thread. */
  role: 'asker' | 'answerer' | 'member';
  /** Redacted text. */
  text: string;
  /** 1-based lines of the message in the conversation's file, inclusive. */
  startLine: number;
  endLine: number;
  /** The provider's id of the message (a comment id, a message timestamp). */
  ref?: string;
  /** Where people see this message (a chat permalink); the conversation's `url` when absent. */
  url?: string;
}

/** A document a change refers to, added to its context by a context entry: drafters read its text and may cite its lines. */
export interface ContextReference {
  /** How people name it (`ENG-123`); a citation of it gives this as its `path`. */
  id: string;
  /** What it is (`issue`). */
  kind: string;
  title: string;
  /** Where people read it. */
  url?: string;
  /** Its content as Markdown (description, state, labels, comments); citations count its lines from 1. */
  text: string;
}

export interface CommitInfo {
  sha: string;
  message: string;
  author?: string;
}

export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  previousPath?: string;
  /** Content at head, when it is text and not too large. */
  content?: string;
}

/** One documentation page as it is on the destination's base revision. */
export interface DocPage {
  /** Path relative to the docs repository root, e.g. `docs/cli.md`. */
  path: string;
  text: string;
}

/** Points at diff lines, or at lines of one of the change's references, that justify an edit. */
export interface Citation {
  /** Code file path in the source; a reference's id when `kind` is `reference`. */
  path: string;
  /** `new` = line numbers in the head version (added/context lines), `old` = in the base version (removed lines). */
  side: 'old' | 'new';
  startLine: number;
  endLine: number;
  /** The cited lines, verbatim. */
  excerpt: string;
  /** `reference`: lines of one of the change's references (side `new`, lines of its text); absent: diff lines. */
  kind?: 'diff' | 'reference';
  /** Where people read the cited text (a reference's page). */
  url?: string;
}

/**
 * One exact edit: replace the single occurrence of `before` in the page at `path` with `after`.
 * `before: ""` creates a page that does not exist yet.
 */
export interface Edit {
  path: string;
  before: string;
  after: string;
  rationale: string;
  citations: Citation[];
  /** The position of the project's destination the edit is for, when the project has several; absent: the first. */
  destination?: number;
}
