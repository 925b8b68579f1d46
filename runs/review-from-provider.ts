import { AppError } from '../core/errors.js';
import { findRun } from '../db/repositories/runs.js';
import type { TriggerCommand } from '../integrations/contract.js';
import type { ReviewDecision } from '../workflows/messages.js';
import { deliverReview } from './review-run.js';
import type { RunsDeps } from './runs-deps.js';

type ReviewCommand = Extract<TriggerCommand, { kind: 'review' }>;

/**
 * A decision taken in a provider (a chat card's button): the same workflow update as the API's, with
 * the reviewer the provider verified, audited. A run that stopped waiting is told to the provider.
 */
export async function reviewFromProvider(
  deps: RunsDeps,
  command: ReviewCommand,
  audit: (action: string, target: string, actor?: string) => Promise<void>,
): Promise<string> {
  const run = await findRun(deps.db, command.runId);
  if (!run || run.project_id !== command.projectId) return `no run ${command.runId} in project ${command.projectId}`;
  const decision = { ...command.decision, reviewer: command.reviewer } as ReviewDecision;
  try {
    const outcome = await deliverReview(deps, run, decision);
    await audit(`run.${command.decision.action}`, run.id, command.reviewer);
    return `${command.decision.action} ${run.id} → ${outcome.status}`;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'not_awaiting_review') throw error;
    const status = (await findRun(deps.db, run.id))?.status ?? run.status;
    await command.notAwaiting?.(status);
    return `${run.id} is ${status}, not awaiting review`;
  }
}
