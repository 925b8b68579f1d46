import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';

const { redeliverFailedWebhooks } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 5 },
});

/** Run by a connection's Temporal Schedule: ask the provider to redeliver webhooks docflow missed. */
export async function redeliverFailedWebhooksWorkflow(input: { provider: string; integrationId: string }): Promise<{ checked: number; redelivered: string[] }> {
  // A window a little longer than two schedule periods, so one missed tick loses nothing.
  return redeliverFailedWebhooks({ ...input, lookbackMs: 45 * 60_000 });
}
