import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { RunsDeps } from './runs-deps.js';
import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import { rememberFeedback } from '../db/repositories/project-feedback.js';
import { findProject } from '../db/repositories/projects.js';
import type { Project } from '../core/project.js';
import { awaitingReviewSince, findRun } from '../db/repositories/runs.js';
import type { RunRow } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { markRunLost } from './lost-runs.js';
import { failureReasons, reviewUpdate, type ReviewDecision } from '../workflows/messages.js';
import { isTerminal, type RunStatus } from '../core/run-status.js';

const acceptTimeoutMs = 30_000;

/** Delivers a reviewer's decision as a Temporal Update and returns the status the run moves to. */
export async function reviewRun(
  deps: RunsDeps,
  actor: ApiKeyIdentity,
  runId: string,
  decision: ReviewDecision,
): Promise<{ id: string; status: RunStatus }> {
  const run = await findRun(deps.db, runId);
  if (!run) throw new AppError('not_found', `run ${runId} does not exist`);
  const project = await findProject(deps.db, run.project_id);
  if (project && !mayReview(actor, project)) {
    throw new AppError('forbidden', `${actor.name} is not a reviewer of project ${project.id}`);
  }
  if (decision.action === 'approve' && project?.review.allowSelfApproval === false && run.requested_by === actor.id) {
    throw new AppError(
      'forbidden',
      `project ${project.id} does not allow self-approval: ${actor.name} started run ${runId}, so another reviewer must approve it`,
    );
  }
  return deliverReview(deps, run, decision);
}

/**
 * The decision of a reviewer already authorized (by an API key's role, or by a provider's list of
 * approvers) delivered to the run's workflow: not_awaiting_review when it no longer waits for one.
 */
export async function deliverReview(
  deps: RunsDeps,
  run: RunRow,
  decision: ReviewDecision,
): Promise<{ id: string; status: RunStatus }> {
  const runId = run.id;
  const notAwaiting = (status: string) =>
    new AppError('not_awaiting_review', `run ${runId} is ${status}, not awaiting review`);
  if (isTerminal(run.status)) throw notAwaiting(run.status);

  const handle = deps.temporal.client.workflow.getHandle(runId);
  try {
    const outcome = await deps.temporal.client.connection.withDeadline(Date.now() + acceptTimeoutMs, () =>
      handle.executeUpdate(reviewUpdate, { args: [decision] }),
    );
    await observeReviewLatency(deps, run, decision.action);
    if (decision.action === 'request_changes') {
      // The decision has taken effect; failing to keep the feedback for later drafts must not report it as failed.
      await rememberFeedback(deps.db, run.project_id, runId, decision.feedback).catch((error) =>
        deps.logger?.warn({ err: error, runId }, 'could not remember review feedback'),
      );
    }
    return { id: runId, status: outcome.status };
  } catch (error) {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === failureReasons.notAwaitingReview)
      throw new AppError('not_awaiting_review', `run ${runId}: ${cause.message}`);
    if (cause instanceof ApplicationFailure && cause.type === failureReasons.invalidDecision)
      throw new AppError('invalid_request', cause.message);
    if (error instanceof WorkflowNotFoundError) {
      if (await endIfWorkflowLost(deps, run)) throw notAwaiting('failed (workflow_lost)');
      throw notAwaiting((await findRun(deps.db, runId))?.status ?? 'finished');
    }
    if ((error as { code?: number }).code === 4 /* DEADLINE_EXCEEDED */) {
      throw new AppError(
        'unavailable',
        `no worker accepted the decision within ${acceptTimeoutMs / 1000}s; is a docflow worker running? Nothing was changed.`,
      );
    }
    throw error;
  }
}

/** The time since the run last reached awaiting_review; metrics must never fail a decision that took effect. */
async function observeReviewLatency(deps: RunsDeps, run: RunRow, action: string): Promise<void> {
  if (!deps.metrics || run.status !== 'awaiting_review') return;
  try {
    const since = await awaitingReviewSince(deps.db, run.id);
    if (since) deps.metrics.reviewDecided(action, (Date.now() - since.getTime()) / 1000);
  } catch (error) {
    deps.logger?.warn({ err: error, runId: run.id }, 'could not observe the review latency');
  }
}

/** A closed workflow answers "not found" to updates too; only one that describe cannot find is gone. */
async function endIfWorkflowLost(deps: RunsDeps, run: RunRow): Promise<boolean> {
  try {
    await deps.temporal.client.workflow.getHandle(run.id).describe();
    return false;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) return false;
    await markRunLost(deps.db, run);
    return true;
  }
}

/** Admins review anything; otherwise a project that names its reviewers is reviewed by them only. */
export function mayReview(actor: ApiKeyIdentity, project: Project): boolean {
  if (actor.role === 'admin' || !project.reviewers) return true;
  return (
    project.reviewers.users.includes(actor.name) || actor.teams.some((team) => project.reviewers!.teams.includes(team))
  );
}
