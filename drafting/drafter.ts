/**
 * The contract between the pipeline and whatever writes documentation edits.
 * A model-backed drafter and the offline drafter implement the same interface.
 */
import type { ChangeContext, DocPage, Edit } from '../core/change.js';

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
  /**
   * The docs site's own files (navigation: `mkdocs.yml`, `sidebars.js`, `docs.json`, `.vitepress/config.ts`),
   * read with the pages, so that a new page gets its navigation entry. Not pages: never drafted from.
   */
  siteFiles?: DocPage[];
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
