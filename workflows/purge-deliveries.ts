import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import { failureReasons, isUntrusted, type PurgeDeliveriesInput } from './messages.js';

const { purgeKeptDeliveries } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 5 },
});

/** Started by the deployment's `purge-deliveries-<task queue>` schedule: kept deliveries past their retention are emptied. */
export async function purgeDeliveriesWorkflow(input: PurgeDeliveriesInput): Promise<{ purged: number }> {
  if (isUntrusted(input))
    throw ApplicationFailure.nonRetryable('started with input docflow did not encrypt', failureReasons.untrustedInput);
  return purgeKeptDeliveries({ retentionMs: input.retentionMs });
}
