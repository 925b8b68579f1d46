/**
 * The contract between the pipeline and whatever writes documentation edits.
 * A model-backed drafter and the offline drafter implement the same interface.
 */

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

/** Points at diff lines that justify an edit. */
export interface Citation {
  /** Code file path in the source. */
  path: string;
  /** `new` = line numbers in the head version (added/context lines), `old` = in the base version (removed lines). */
  side: 'old' | 'new';
  startLine: number;
  endLine: number;
  /** The cited lines, verbatim. */
  excerpt: string;
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
}

export interface ImpactedPage {
  path: string;
  score: number;
  reasons: string[];
}

export interface DraftInput {
  change: ChangeContext;
  docs: DocPage[];
  /** Reviewer feedback from earlier request-changes decisions on this run, oldest first. */
  feedback: string[];
  /** The docs folder of the destination (`docs/`); new pages may only be created below it. */
  docsDir?: string;
  /** Standing guidance: the project's style guide (or the docs repo's AGENTS.md / STYLE.md). */
  styleGuide?: string;
  /** Feedback reviewers gave on this project's earlier runs, newest first, to apply to later drafts. */
  projectFeedback?: string[];
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Model calls made for this draft, retries after invalid output included. */
  calls: number;
}

export interface DraftResult {
  /** Empty when no documentation needs to change; `noChangesReason` then says why. */
  edits: Edit[];
  summary: string;
  impacted: ImpactedPage[];
  noChangesReason?: string;
  /** Which drafter produced it, e.g. `offline` or `openai:gpt-4.1`. */
  drafter: string;
  /** 0..1: how sure the drafter is that the edits are right and complete; projects may auto-publish above a threshold. */
  confidence?: number;
  usage?: TokenUsage;
}

export interface Drafter {
  readonly name: string;
  draft(input: DraftInput): Promise<DraftResult>;
}
