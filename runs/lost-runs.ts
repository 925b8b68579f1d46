import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../db/database.js';
import { recordTransition } from '../db/repositories/runs.js';
import type { RunRow } from '../db/schema.js';
import { activeStatuses } from '../core/run-status.js';

export const workflowLostMessage =
  'its Temporal workflow no longer exists (Temporal state was lost or reset); start the run again';

/** Ends a run whose workflow is gone `failed` / `workflow_lost`, instead of leaving it active for ever. */
export async function markRunLost(
  db: Db,
  run: Pick<RunRow, 'id' | 'project_id' | 'trigger' | 'source'>,
): Promise<void> {
  await recordTransition(db, {
    runId: run.id,
    run: { projectId: run.project_id, trigger: run.trigger, source: run.source },
    status: 'failed',
    at: Date.now(),
    reason: 'workflow_lost',
    reasonMessage: workflowLostMessage,
  });
}

/** Checks every active run against Temporal; returns the ids of those whose workflow was gone. */
export async function reconcileLostRuns(db: Db, client: Client): Promise<string[]> {
  const active = await db
    .selectFrom('runs')
    .select(['id', 'project_id', 'trigger', 'source'])
    .where('status', 'in', [...activeStatuses])
    .execute();
  const lost: string[] = [];
  for (const run of active) {
    try {
      await client.workflow.getHandle(run.id).describe();
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      await markRunLost(db, run);
      lost.push(run.id);
    }
  }
  return lost;
}
