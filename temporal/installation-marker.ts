import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client } from '@temporalio/client';

/**
 * Temporal's half of the installation identity: a paused schedule that never runs, one per task
 * queue (installations may share a namespace), whose action's workflow id names the installation.
 * A plain string, so it reads without the payload codec and survives a changed secret key.
 */
const scheduleIdOf = (taskQueue: string) => `docflow-installation-${taskQueue}`;
const workflowIdPrefix = 'docflow-installation-of-';

/** The installation id Temporal holds for this task queue, or undefined when it holds none. */
export async function readInstallationMarker(client: Client, taskQueue: string): Promise<string | undefined> {
  try {
    const description = await client.schedule.getHandle(scheduleIdOf(taskQueue)).describe();
    const workflowId = description.action.type === 'startWorkflow' ? description.action.workflowId : '';
    return workflowId.startsWith(workflowIdPrefix) ? workflowId.slice(workflowIdPrefix.length) : undefined;
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return undefined;
    throw error;
  }
}

export async function writeInstallationMarker(
  client: Client,
  taskQueue: string,
  installationId: string,
): Promise<void> {
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'docflowInstallationMarker',
    taskQueue,
    args: [],
    workflowId: `${workflowIdPrefix}${installationId}`,
  };
  const state = { paused: true, note: `marks the runs of docflow installation ${installationId}; do not delete` };
  const scheduleId = scheduleIdOf(taskQueue);
  try {
    await client.schedule.create({ scheduleId, spec: {}, action, state });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, action, state }));
  }
}
