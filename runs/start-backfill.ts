import { WorkflowIdConflictPolicy } from '@temporalio/client';
import { insertBackfill } from '../db/repositories/backfills.js';
import { findProject } from '../db/repositories/projects.js';
import { parseDuration } from '../core/duration.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { workflowTypes, type BackfillInput } from '../workflows/messages.js';
import type { RunsDeps } from './runs-deps.js';

export interface BackfillRequest {
  projectId: string;
  /** How far back, as a duration ("30d"). */
  since: string;
  dryRun: boolean;
  /** The most runs a real backfill starts. */
  max: number;
  requestedBy?: string;
}

/** Records the backfill and starts its workflow in one transaction: if Temporal refuses, no row remains. */
export async function startBackfill(
  deps: RunsDeps,
  request: BackfillRequest,
  now = Date.now(),
): Promise<{ id: string }> {
  const project = await findProject(deps.db, request.projectId);
  if (!project) throw new AppError('not_found', `project ${request.projectId} does not exist`);
  const windowMs = parseDuration(request.since);
  if (windowMs === undefined)
    throw new AppError('invalid_request', `since "${request.since}" is not a duration`, [
      { path: 'since', message: 'must be a duration like "30d"' },
    ]);
  const id = newId('bfl');
  const input: BackfillInput = { backfillId: id, dryRun: request.dryRun };
  await deps.db.transaction().execute(async (tx) => {
    await insertBackfill(tx, { ...request, id, windowStart: new Date(now - windowMs) });
    await deps.temporal.client.workflow.start(workflowTypes.backfill, {
      workflowId: id,
      taskQueue: deps.temporal.taskQueue,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      args: [input],
    });
  });
  return { id };
}
