import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import { failureReasons, isUntrusted, type MaintenanceInput } from './messages.js';

const { runMaintenance } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 5 },
});

/** Started by a connection's Temporal Schedule: one run of a provider's recurring task. */
export async function maintenanceWorkflow(input: MaintenanceInput): Promise<unknown> {
  if (isUntrusted(input))
    throw ApplicationFailure.nonRetryable('started with input docflow did not encrypt', failureReasons.untrustedInput);
  return runMaintenance(input);
}
