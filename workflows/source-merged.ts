import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import { failureReasons, isUntrusted } from './messages.js';

const { markDocsReady } = proxyActivities<Activities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 10 },
});

/**
 * The source change of a finished run was merged: its docs update, published as a draft while the
 * change was open (`draftUntilSourceMerged`), becomes ready for review.
 */
export async function sourceMergedWorkflow(input: { projectId: string; runId: string }): Promise<string> {
  if (isUntrusted(input))
    throw ApplicationFailure.nonRetryable('started with input docflow did not encrypt', failureReasons.untrustedInput);
  return markDocsReady(input);
}
