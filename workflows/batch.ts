import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import {
  batchChangeSignal,
  batchStateQuery,
  batchWithdrawSignal,
  failureReasons,
  isUntrusted,
  type BatchChange,
  type BatchInput,
  type BatchResult,
} from './messages.js';
import { startRunChild } from './start-run-child.js';

const { recordBatchRun, nextBatchClose } = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 20 },
});

/**
 * A project's open batch: collects changes (signals, one per key) until the window closes or it holds
 * `maxChanges`, then records and starts one run of them all. Changes beyond the cap, or arriving while
 * it closes, open the next window (continue-as-new), so none is lost or run twice.
 */
export async function batchWorkflow(input: BatchInput): Promise<BatchResult> {
  if (isUntrusted(input))
    throw ApplicationFailure.nonRetryable('started with input docflow did not encrypt', failureReasons.untrustedInput);
  const changes = new Map<string, BatchChange>((input.changes ?? []).map((c) => [c.key, c]));
  setHandler(batchChangeSignal, (change) => {
    if (isUntrusted(change) || typeof change.key !== 'string' || isUntrusted(change.source)) return;
    if (change.onlyIfPresent && !changes.has(change.key)) return;
    const { onlyIfPresent: _, ...kept } = change;
    // The same change again keeps its place (and merged stays merged); only its source moves on.
    const held = changes.get(change.key);
    if (
      held &&
      JSON.stringify(held.source) === JSON.stringify(kept.source) &&
      (held.sourceMerged || !kept.sourceMerged)
    )
      return;
    changes.set(
      change.key,
      held ? { ...held, source: kept.source, sourceMerged: held.sourceMerged || kept.sourceMerged } : kept,
    );
  });
  setHandler(batchWithdrawSignal, (withdrawn) => {
    if (isUntrusted(withdrawn) || typeof withdrawn.key !== 'string') return;
    changes.delete(withdrawn.key);
  });
  setHandler(batchStateQuery, () => ({
    changes: [...changes.values()].map((c) => ({ key: c.key, label: c.label })),
    closesAt: input.closesAt,
    maxChanges: input.maxChanges,
  }));

  await condition(() => changes.size >= input.maxChanges, Math.max(1000, input.closesAt - Date.now()));
  let runId: string | undefined;
  const taken = [...changes.values()].slice(0, input.maxChanges);
  if (taken.length) {
    const run = await recordBatchRun({ projectId: input.projectId, execution: workflowInfo().runId, changes: taken });
    // A deleted project's batch ends with nothing to run.
    if (!run) return { changes: 0 };
    for (const change of taken) if (changes.get(change.key) === change) changes.delete(change.key);
    await startRunChild(run);
    runId = run.runId;
  }
  await condition(allHandlersFinished);
  if (changes.size) {
    const closesAt = await nextBatchClose({ projectId: input.projectId });
    if (closesAt !== undefined)
      await continueAsNew<typeof batchWorkflow>({ ...input, closesAt, changes: [...changes.values()] });
  }
  return { ...(runId ? { runId } : {}), changes: taken.length };
}
