import { ApplicationFailure, ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Activities } from '../activities/create-activities.js';
import type { BackfillRun } from '../db/repositories/backfills.js';
import { docUpdateWorkflow } from './doc-update.js';
import { failureReasons, isUntrusted, searchAttributes, type BackfillInput, type BackfillResult } from './messages.js';

const { listBackfill, assessBackfillItems, planBackfillRuns, recordBackfillRuns, finishBackfill } =
  proxyActivities<Activities>({
    startToCloseTimeout: '10m',
    retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 5 },
  });

/** Changes assessed per activity: the docs are read once for them, and progress moves in steps this size. */
const batch = 5;

/**
 * A backfill: list the window's changes the project's triggers would have acted on, assess each as a run would
 * (skipped by the trigger's rules, or the pages the offline drafter would edit), and with `dryRun: false` start
 * the first `max` runs as children it abandons, under the ids webhooks use: a change that already has a run
 * (a webhook's, or an earlier backfill's) is not started again. Each step is recorded, so a retried step
 * redoes only what was not recorded.
 */
export async function backfillWorkflow(input: BackfillInput): Promise<BackfillResult> {
  if (isUntrusted(input))
    throw ApplicationFailure.nonRetryable('started with input docflow did not encrypt', failureReasons.untrustedInput);
  const { backfillId } = input;
  try {
    const { total } = await listBackfill({ backfillId });
    while ((await assessBackfillItems({ backfillId, batch })).assessed > 0);
    let runsStarted = 0;
    if (!input.dryRun) {
      const runs: (BackfillRun & { position: number })[] = [];
      for (const run of await planBackfillRuns({ backfillId })) {
        try {
          await startChild(docUpdateWorkflow, {
            workflowId: run.runId,
            args: [run.input],
            parentClosePolicy: ParentClosePolicy.ABANDON,
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            typedSearchAttributes: [
              { key: searchAttributes.status, value: 'pending' },
              { key: searchAttributes.project, value: run.input.projectId },
              { key: searchAttributes.source, value: run.input.sourceLabel.slice(0, 1000) },
            ],
          });
          runs.push({ position: run.position, runId: run.runId, status: 'started' });
          runsStarted++;
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
          runs.push({ position: run.position, runId: run.runId, status: 'already_run' });
        }
      }
      await recordBackfillRuns({ backfillId, runs });
    }
    await finishBackfill({ backfillId });
    return { total, runsStarted };
  } catch (error) {
    await finishBackfill({ backfillId, failed: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
