import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';

const { checkConnection } = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '2m', maximumAttempts: 3 },
});

/** Run by each OAuth connection's Temporal Schedule: refresh the token when due and prove it works. */
export async function checkConnectionWorkflow(input: { integrationId: string }): Promise<{ status: string; detail?: string }> {
  return checkConnection(input);
}
