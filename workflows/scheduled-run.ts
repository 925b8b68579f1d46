import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import { failureReasons, isUntrusted, type ScheduledRunInput } from './messages.js';
import { startRunChild } from './start-run-child.js';

const { recordScheduledRun } = proxyActivities<Activities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 10 },
});

/**
 * One fire of a project's `schedule` trigger: the run is recorded under an id derived from this fire's
 * workflow id (each fire its own run, a retried fire the same one) and started as an abandoned child.
 */
export async function scheduledRunWorkflow(input: ScheduledRunInput): Promise<{ runId?: string }> {
  if (isUntrusted(input))
    throw ApplicationFailure.nonRetryable('started with input docflow did not encrypt', failureReasons.untrustedInput);
  const run = await recordScheduledRun({ ...input, fire: workflowInfo().workflowId });
  if (!run) return {};
  await startRunChild(run);
  return { runId: run.runId };
}
