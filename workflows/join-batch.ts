import { getExternalWorkflowHandle, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { batchWorkflow } from './batch.js';
import { batchChangeSignal, type BatchChange, type BatchInput } from './messages.js';

/**
 * Hands changes to a project's open batch from a workflow (a sweep): opens it with them as a child the
 * caller abandons, or, when it is open, signals each. A batch that closed between the two is opened again.
 */
export async function joinBatch(batch: { workflowId: string; input: BatchInput; changes: BatchChange[] }) {
  for (let attempt = 1; ; attempt++) {
    try {
      await startChild(batchWorkflow, {
        workflowId: batch.workflowId,
        args: [{ ...batch.input, changes: batch.changes }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      });
      return;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    try {
      const open = getExternalWorkflowHandle(batch.workflowId);
      for (const change of batch.changes) await open.signal(batchChangeSignal, change);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
