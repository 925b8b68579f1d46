/** The statuses a run moves through; the workflow sets them, the database and the API report them. */
export const activeStatuses = [
  'pending',
  /** Waiting for one of the project's open docs PRs to close (`limits.openDocsPRs`); the reason says which. */
  'queued',
  'gathering_context',
  'drafting',
  'awaiting_review',
  'publishing',
] as const;
export const terminalStatuses = ['published', 'rejected', 'no_changes', 'expired', 'failed', 'skipped'] as const;
export const runStatuses = [...activeStatuses, ...terminalStatuses] as const;
export type RunStatus = (typeof runStatuses)[number];
export type TerminalStatus = (typeof terminalStatuses)[number];

export const isTerminal = (status: string): status is TerminalStatus =>
  (terminalStatuses as readonly string[]).includes(status);
