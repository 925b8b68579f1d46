import { workflowTypes, type PurgeDeliveriesInput } from '../workflows/messages.js';
import type { RunsDeps } from './runs-deps.js';
import { upsertSchedule } from './schedules.js';

/** The deployment's schedule (one per task queue) that purges kept webhook deliveries past their retention. */
export const deliveryPurgeScheduleId = (deps: RunsDeps) => `purge-deliveries-${deps.temporal.taskQueue}`;

/**
 * Creates the purge schedule, or brings it up to date with the configured retention: called at every start, safe to
 * call again. With retention 0 it still runs, so deliveries kept before keeping was switched off are purged.
 */
export async function ensureDeliveryPurge(deps: RunsDeps): Promise<void> {
  await upsertSchedule(deps, {
    scheduleId: deliveryPurgeScheduleId(deps),
    every: '1h',
    workflowType: workflowTypes.purgeDeliveries,
    input: { retentionMs: deps.deliveryRetentionMs } satisfies PurgeDeliveriesInput,
  });
}
