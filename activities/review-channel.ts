import { findProject } from '../db/repositories/projects.js';
import { findRun } from '../db/repositories/runs.js';
import { findSuggestion } from '../db/repositories/suggestions.js';
import type { Db } from '../db/database.js';
import type { RunStatus } from '../core/run-status.js';
import type { TypedConfig } from '../core/typed-config.js';
import type { Integrations } from '../integrations/integrations.js';

export interface ReviewChannelInput {
  runId: string;
  projectId: string;
  status: RunStatus;
  decidedBy?: string;
  location?: string;
  message?: string;
}

/** Edits longer than this are cut on a card; the full view is one link away. */
const excerptChars = 600;
const cut = (text: string) => (text.length > excerptChars ? `${text.slice(0, excerptChars)}…` : text);

/**
 * Shows the run to the project's review channel, if it has one: the card when it awaits review,
 * and the same card updated as it moves on. Returns what it did, for the run's history.
 */
export async function showInReviewChannel(
  db: Db,
  integrations: Integrations,
  input: ReviewChannelInput,
): Promise<string> {
  const project = await findProject(db, input.projectId);
  const channel = (project?.review as { channel?: TypedConfig } | undefined)?.channel;
  if (!channel) return 'no review channel';
  const adapter = integrations.adapters(channel.type).reviewChannel;
  if (!adapter) return `${channel.type} has no review channel`;
  const run = await findRun(db, input.runId);
  const suggestion = run?.suggestion_id ? await findSuggestion(db, run.suggestion_id) : undefined;
  await adapter.show(channel, {
    runId: input.runId,
    projectId: input.projectId,
    status: input.status,
    summary: suggestion?.summary ?? '',
    pages: [...new Set(suggestion?.edits.map((e) => e.path) ?? [])],
    ...(suggestion?.confidence !== undefined ? { confidence: suggestion.confidence } : {}),
    url: integrations.runUrl(input.runId),
    edits: suggestion?.edits.map((e) => ({ path: e.path, before: cut(e.before), after: cut(e.after) })) ?? [],
    ...(suggestion ? { revision: suggestion.revision } : {}),
    ...(input.decidedBy ? { decidedBy: input.decidedBy } : {}),
    ...(input.location ? { location: input.location } : {}),
    ...(input.message ? { message: input.message } : {}),
  });
  return `shown in ${channel.type}`;
}
