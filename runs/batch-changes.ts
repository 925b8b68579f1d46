import { WorkflowNotFoundError } from '@temporalio/client';
import { batchCapacity, batchCloseTime, batchWorkflowId, type BatchSettings } from '../core/batch.js';
import type { Project } from '../core/project.js';
import {
  batchChangeSignal,
  batchStateQuery,
  batchWithdrawSignal,
  workflowTypes,
  type BatchChange,
  type BatchInput,
  type BatchState,
} from '../workflows/messages.js';
import type { RunsDeps } from './runs-deps.js';

/** The project's batching workflow and, should it not be open, the input that opens it now. */
export function batchStart(project: Pick<Project, 'id'> & { batch: BatchSettings }, now = Date.now()) {
  const input: BatchInput = {
    projectId: project.id,
    closesAt: batchCloseTime(project.batch, now),
    maxChanges: project.batch.maxChanges ?? batchCapacity,
  };
  return { workflowId: batchWorkflowId(project.id, project.batch), input };
}

/**
 * Hands a change to the project's open batch, opening one (closing a window from now, or at the
 * schedule's next fire time) when none is open: signal-with-start, so the change is recorded by Temporal
 * even while no worker runs, and a batch closing at that moment carries it into the next window.
 */
export async function addToBatch(
  deps: RunsDeps,
  project: Project & { batch: BatchSettings },
  change: BatchChange,
): Promise<string> {
  const { workflowId, input } = batchStart(project);
  await deps.temporal.client.workflow.signalWithStart(workflowTypes.batch, {
    workflowId,
    taskQueue: deps.temporal.taskQueue,
    args: [input],
    signal: batchChangeSignal,
    signalArgs: [change],
  });
  return `batched ${change.key} into ${workflowId}`;
}

/** New commits on, or the closing of, a change the open batch may hold; nothing when no batch is open. */
export async function signalOpenBatch(
  deps: RunsDeps,
  project: Project & { batch: BatchSettings },
  signal: { change: BatchChange } | { withdraw: string },
): Promise<string> {
  const workflowId = batchWorkflowId(project.id, project.batch);
  try {
    const handle = deps.temporal.client.workflow.getHandle(workflowId);
    if ('change' in signal) await handle.signal(batchChangeSignal, { ...signal.change, onlyIfPresent: true });
    else await handle.signal(batchWithdrawSignal, { key: signal.withdraw });
    return `signalled ${workflowId}`;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    return `no open batch ${workflowId}`;
  }
}

/** The project's open batch as people see it, or undefined when it has none open. */
export async function openBatch(
  deps: RunsDeps,
  project: Project,
): Promise<(BatchState & { id: string; startedAt: string }) | undefined> {
  if (!project.batch) return undefined;
  const id = batchWorkflowId(project.id, project.batch);
  const handle = deps.temporal.client.workflow.getHandle(id);
  try {
    const described = await handle.describe();
    if (described.status.name !== 'RUNNING') return undefined;
    return { id, startedAt: described.startTime.toISOString(), ...(await handle.query(batchStateQuery)) };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
