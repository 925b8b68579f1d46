import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { docUpdateWorkflow } from './doc-update.js';
import { searchAttributes, type DocUpdateInput } from './messages.js';

/**
 * Starts a recorded run as a child the caller abandons (it outlives it, through review). False when a
 * workflow of that id ran already (a retried plan): a run that already finished is not started again.
 */
export async function startRunChild(run: { runId: string; input: DocUpdateInput }): Promise<boolean> {
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
    return true;
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return false;
  }
}
