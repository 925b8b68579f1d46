import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';

const { markDocsReady } = proxyActivities<Activities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 10 },
});

/**
 * The source change of a finished run was merged: its docs update, published as a draft while the
 * change was open (`draftUntilSourceMerged`), becomes ready for review.
 */
export async function sourceMergedWorkflow(input: { projectId: string; runId: string }): Promise<string> {
  return markDocsReady(input);
}
