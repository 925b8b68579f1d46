import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import { failureReasons, isUntrusted, type ProjectTaskInput, type ProjectTaskResult } from './messages.js';
import { joinBatch } from './join-batch.js';
import { startRunChild } from './start-run-child.js';

const { planProjectTask, finishProjectTask } = proxyActivities<Activities>({
  startToCloseTimeout: '10m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 5 },
});

/**
 * One run of a project's recurring task (a ticket sweep): the plan records the runs, each starts as a
 * child the sweep abandons (it outlives the sweep, through review), then the cursor moves on. A sweep
 * that fails before the end leaves the cursor where it was; the next one plans the same runs under
 * the same ids, and what already started is not started again.
 */
export async function projectTaskWorkflow(input: ProjectTaskInput): Promise<ProjectTaskResult> {
  if (isUntrusted(input))
    throw ApplicationFailure.nonRetryable('started with input docflow did not encrypt', failureReasons.untrustedInput);
  const taskRunId = workflowInfo().workflowId;
  let counts: Record<string, unknown> = {};
  try {
    const plan = await planProjectTask({ ...input, taskRunId });
    let runsStarted = 0;
    for (const run of plan.runs) if (await startRunChild(run)) runsStarted++;
    // A batching project's changes join its open batch, which runs them with whatever else it collects.
    if (plan.batch) await joinBatch(plan.batch);
    counts = { ...plan.counts, runsStarted };
    await finishProjectTask({
      ...input,
      taskRunId,
      counts,
      ...(plan.cursor !== undefined ? { cursor: plan.cursor } : {}),
    });
    return { runsStarted, counts };
  } catch (error) {
    const failed = error instanceof Error ? error.message : String(error);
    await finishProjectTask({ ...input, taskRunId, counts, failed });
    throw error;
  }
}
