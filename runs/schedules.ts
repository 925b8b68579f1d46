import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { ConnectionSchedule } from '../integrations/contract.js';

/** Creates each schedule, or brings an existing one up to date: safe to call again. */
export async function ensureSchedules(client: Client, taskQueue: string, schedules: ConnectionSchedule[]): Promise<void> {
  for (const s of schedules) {
    const action = { type: 'startWorkflow' as const, workflowType: s.workflowType, taskQueue, args: s.args, workflowId: `${s.scheduleId}-run` };
    const spec = { intervals: [{ every: s.every }] };
    const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10m' };
    try {
      await client.schedule.create({ scheduleId: s.scheduleId, spec, action, policies });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(s.scheduleId).update((previous) => ({ ...previous, spec, action, policies }));
    }
  }
}

export async function removeSchedules(client: Client, scheduleIds: string[]): Promise<void> {
  for (const id of scheduleIds) {
    try {
      await client.schedule.getHandle(id).delete();
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
}
