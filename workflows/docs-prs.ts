import { ApplicationFailure, getExternalWorkflowHandle, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import type { DocsPRCheck } from '../activities/docs-pr-activities.js';
import { docsPRSlotSignal, failureReasons, isUntrusted, type DocsPRsInput } from './messages.js';

const { checkDocsPRs } = proxyActivities<Activities>({
  startToCloseTimeout: '10m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 5 },
});

/**
 * One check of a project's open docs PRs (its schedule's tick, or `POST /v1/projects/:id/docs-prs/check`): what
 * closed without a webhook is recorded, expired ones are closed, stale ones rebuilt; then the queued runs that
 * may take a freed slot are told, oldest first.
 */
export async function docsPRsWorkflow(input: DocsPRsInput): Promise<DocsPRCheck> {
  if (isUntrusted(input))
    throw ApplicationFailure.nonRetryable('started with input docflow did not encrypt', failureReasons.untrustedInput);
  const check = await checkDocsPRs(input);
  // A run that finished meanwhile cannot be signalled; the others are.
  for (const runId of check.release)
    await getExternalWorkflowHandle(runId)
      .signal(docsPRSlotSignal)
      .catch(() => undefined);
  return check;
}
