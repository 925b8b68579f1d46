import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { workflowTypes, type MaintenanceInput } from '../workflows/messages.js';
import type { RunsDeps } from './runs-deps.js';

/** A connection's view as the schedules see it. */
export interface ScheduledConnection {
  id: string;
  provider: string;
  settings: Record<string, unknown>;
}

/** One Temporal Schedule per maintenance task a connection needs, named `<provider>-<task>-<integration id>`. */
export function maintenanceSchedules(deps: RunsDeps, connection: ScheduledConnection) {
  return deps.integrations.maintenance(connection.provider, connection.settings).map((task) => ({
    scheduleId: `${connection.provider}-${task.name}-${connection.id}`,
    every: task.every,
    input: { provider: connection.provider, task: task.name, integrationId: connection.id } satisfies MaintenanceInput,
  }));
}

/**
 * Creates a schedule that starts `workflowType` every `every` or at each fire time of `cron` (UTC) (a run at a time; missed ticks caught up
 * within ten minutes), or brings an existing one up to date: safe to call again. True when it existed.
 */
export async function upsertSchedule(
  deps: RunsDeps,
  s: { scheduleId: string; every?: string; cron?: string; workflowType: string; input: unknown },
): Promise<boolean> {
  const { client, taskQueue } = deps.temporal;
  const action = {
    type: 'startWorkflow' as const,
    workflowType: s.workflowType,
    taskQueue,
    args: [s.input],
    workflowId: `${s.scheduleId}-run`,
  };
  const spec = s.cron ? { cronExpressions: [s.cron] } : { intervals: [{ every: s.every as Duration }] };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10m' as const };
  try {
    await client.schedule.create({ scheduleId: s.scheduleId, spec, action, policies });
    return false;
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(s.scheduleId).update((previous) => ({ ...previous, spec, action, policies }));
    return true;
  }
}

/** Creates each schedule of the connection, or brings an existing one up to date: safe to call again. */
export async function ensureSchedules(deps: RunsDeps, connection: ScheduledConnection): Promise<void> {
  for (const s of maintenanceSchedules(deps, connection)) {
    await upsertSchedule(deps, { ...s, workflowType: workflowTypes.maintenance });
  }
}

export async function removeSchedules(deps: RunsDeps, connection: ScheduledConnection): Promise<void> {
  for (const { scheduleId } of maintenanceSchedules(deps, connection)) {
    try {
      await deps.temporal.client.schedule.getHandle(scheduleId).delete();
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
}
