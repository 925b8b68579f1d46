import { findProject } from '../db/repositories/projects.js';
import { findRun } from '../db/repositories/runs.js';
import { findSuggestion } from '../db/repositories/suggestions.js';
import type { Db } from '../db/database.js';
import type { RunStatus } from '../core/run-status.js';
import type { TypedConfig } from '../core/typed-config.js';
import type { Integrations } from '../integrations/integrations.js';
import type { RunForReview } from '../integrations/contract.js';

export interface AnnounceInput {
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
 * Shows the run to people: the project's review channel (its card when it awaits review, the same
 * card updated as it moves on) and its `notify` entries. One failing does not keep the others from
 * hearing; the first failure is raised after all were tried, so the activity's retries apply.
 */
export async function announceRun(db: Db, integrations: Integrations, input: AnnounceInput): Promise<string[]> {
  const project = await findProject(db, input.projectId);
  if (!project) return [];
  const channel = (project.review as { channel?: TypedConfig }).channel;
  const notify = (project as { notify?: TypedConfig[] }).notify ?? [];
  if (!channel && !notify.length) return [];
  const run = await runForReview(db, integrations, input);
  const done: string[] = [];
  const failures: unknown[] = [];
  const attempt = async (what: string, work: (() => Promise<void>) | undefined) => {
    if (!work) return;
    await work().then(
      () => done.push(what),
      (error: unknown) => failures.push(error),
    );
  };
  if (channel) {
    const adapter = integrations.adapters(channel.type).reviewChannel;
    await attempt(`card on ${channel.type}`, adapter && (() => adapter.show(channel, run)));
  }
  for (const entry of notify) {
    const notifier = integrations.adapters(entry.type).notifier;
    await attempt(`notified on ${entry.type}`, notifier && (() => notifier.notify(entry, { kind: 'run', run })));
  }
  if (failures.length) throw failures[0];
  return done;
}

async function runForReview(db: Db, integrations: Integrations, input: AnnounceInput): Promise<RunForReview> {
  const run = await findRun(db, input.runId);
  const suggestion = run?.suggestion_id ? await findSuggestion(db, run.suggestion_id) : undefined;
  return {
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
    ...(run ? { source: run.source as TypedConfig } : {}),
  };
}
