import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import type { BackfillRun } from '../db/repositories/backfills.js';
import { failureReasons, isUntrusted, type BackfillInput, type BackfillResult } from './messages.js';
import { startRunChild } from './start-run-child.js';

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
        const started = await startRunChild(run);
        runs.push({ position: run.position, runId: run.runId, status: started ? 'started' : 'already_run' });
        if (started) runsStarted++;
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
