import { ScheduleNotFoundError, WorkflowIdConflictPolicy } from '@temporalio/client';
import { listProjects } from '../db/repositories/projects.js';
import { AppError } from '../core/errors.js';
import { newId, stableId } from '../core/ids.js';
import type { Project, ScheduleTrigger } from '../core/project.js';
import type { DocsPRCheck } from '../activities/docs-pr-activities.js';
import {
  workflowTypes,
  type DocsPRsInput,
  type ProjectTaskInput,
  type ScheduledRunInput,
} from '../workflows/messages.js';
import type { RunsDeps } from './runs-deps.js';
import { upsertSchedule } from './schedules.js';

type ProjectLike = Pick<Project, 'id' | 'triggers'> & Partial<Pick<Project, 'limits'>>;

/** `docs-prs-<project id>`: the check of a project's open docs PRs, for projects with `limits`. */
function docsPRSchedules(project: ProjectLike) {
  if (!project.limits) return [];
  return [
    {
      scheduleId: `docs-prs-${project.id}`,
      every: project.limits.checkEvery,
      workflowType: workflowTypes.docsPRs,
      input: { projectId: project.id } satisfies DocsPRsInput,
    },
  ];
}

/** `<provider>-<task>-<project id>` for each recurring task the project's trigger entries ask for. */
function projectSchedules(deps: RunsDeps, project: ProjectLike) {
  return deps.integrations.projectTasks(project).map((t) => ({
    scheduleId: `${t.provider}-${t.task.name}-${project.id}`,
    every: t.every,
    integrationId: typeof t.trigger.integrationId === 'string' ? t.trigger.integrationId : undefined,
    input: { provider: t.provider, task: t.task.name, projectId: project.id } satisfies ProjectTaskInput,
  }));
}

/** `schedule-<project id>-<digest>` for a `schedule` trigger: the same cron and source keep their schedule across saves. */
export const scheduleIdOf = (projectId: string, trigger: ScheduleTrigger) =>
  `schedule-${projectId}-${stableId('s', trigger.cron, JSON.stringify(trigger.source)).slice(2, 14)}`;

/** One schedule per `schedule` trigger, starting a run of its source at each fire time. */
function scheduledRuns(project: ProjectLike) {
  return project.triggers
    .filter((t): t is ScheduleTrigger => t.type === 'schedule')
    .map((trigger) => {
      const scheduleId = scheduleIdOf(project.id, trigger);
      return {
        scheduleId,
        cron: trigger.cron,
        workflowType: workflowTypes.scheduledRun,
        input: { projectId: project.id, trigger: scheduleId } satisfies ScheduledRunInput,
      };
    });
}

/** Every schedule a project's triggers ask for: its providers' recurring tasks and its `schedule` triggers. */
function allSchedules(deps: RunsDeps, project: ProjectLike) {
  return [
    ...projectSchedules(deps, project).map((s) => ({ ...s, workflowType: workflowTypes.projectTask })),
    ...scheduledRuns(project),
  ];
}

async function ignoringMissing(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}

/**
 * Creates (or updates and unpauses) the schedules a saved project asks for, and deletes those of
 * `previous` that it no longer asks for: safe to call again.
 */
export async function ensureProjectSchedules(deps: RunsDeps, project: ProjectLike, previous?: ProjectLike) {
  const { client } = deps.temporal;
  const wanted = allSchedules(deps, project);
  for (const s of wanted) {
    if (await upsertSchedule(deps, s)) {
      await client.schedule.getHandle(s.scheduleId).unpause('the project was saved');
    }
  }
  for (const s of docsPRSchedules(project)) await upsertSchedule(deps, s);
  const kept = new Set([...wanted, ...docsPRSchedules(project)].map((s) => s.scheduleId));
  for (const s of previous ? [...allSchedules(deps, previous), ...docsPRSchedules(previous)] : [])
    if (!kept.has(s.scheduleId)) await ignoringMissing(() => client.schedule.getHandle(s.scheduleId).delete());
}

/** Checks the project's open docs PRs now (what its `docs-prs-<project id>` schedule does) and answers what it did. */
export async function checkDocsPRsNow(deps: RunsDeps, project: ProjectLike): Promise<DocsPRCheck> {
  if (!project.limits)
    throw new AppError(
      'invalid_request',
      `project ${project.id} has no limits, so docflow does not track its docs PRs`,
      [{ path: 'limits', message: 'not set' }],
    );
  return deps.temporal.client.workflow.execute(workflowTypes.docsPRs, {
    workflowId: newId('dpr'),
    taskQueue: deps.temporal.taskQueue,
    args: [{ projectId: project.id } satisfies DocsPRsInput],
  });
}

export async function removeProjectSchedules(deps: RunsDeps, project: ProjectLike): Promise<void> {
  for (const { scheduleId } of [...allSchedules(deps, project), ...docsPRSchedules(project)])
    await ignoringMissing(() => deps.temporal.client.schedule.getHandle(scheduleId).delete());
}

/** A disconnected integration's projects keep their schedules, paused, until they are saved with a connected one. */
export async function pauseProjectSchedulesUsing(deps: RunsDeps, integrationId: string): Promise<number> {
  let paused = 0;
  for (const project of await listProjects(deps.db))
    for (const s of projectSchedules(deps, project).filter((p) => p.integrationId === integrationId)) {
      await ignoringMissing(() =>
        deps.temporal.client.schedule.getHandle(s.scheduleId).pause(`integration ${integrationId} was disconnected`),
      );
      paused++;
    }
  return paused;
}

/** Starts the project's recurring tasks now (`POST /v1/projects/:id/sweep`); the id names the first one's run. */
export async function runProjectTasksNow(deps: RunsDeps, project: ProjectLike): Promise<{ sweepId: string }> {
  const schedules = projectSchedules(deps, project);
  if (!schedules.length)
    throw new AppError('invalid_request', `project ${project.id} has no trigger that sweeps (give a trigger "sweep")`, [
      { path: 'triggers', message: 'no sweep' },
    ]);
  const sweepId = newId('swp');
  for (const [i, s] of schedules.entries())
    await deps.temporal.client.workflow.start(workflowTypes.projectTask, {
      workflowId: i === 0 ? sweepId : `${sweepId}-${i}`,
      taskQueue: deps.temporal.taskQueue,
      args: [s.input],
    });
  return { sweepId };
}

/**
 * The project's task run for the window `now` falls in, started to run when that window closes: deliveries
 * arriving within one window share it (same workflow id), so what they bring is planned together.
 */
export async function runProjectTaskAfterWindow(
  deps: RunsDeps,
  provider: string,
  command: { projectId: string; task: string; windowMs: number },
  now = Date.now(),
): Promise<string> {
  const windowEnd = (Math.floor(now / command.windowMs) + 1) * command.windowMs;
  const workflowId = `${provider}-${command.task}-${command.projectId}-w${windowEnd}`;
  const input: ProjectTaskInput = { provider, task: command.task, projectId: command.projectId };
  await deps.temporal.client.workflow.start(workflowTypes.projectTask, {
    workflowId,
    taskQueue: deps.temporal.taskQueue,
    args: [input],
    startDelay: windowEnd - now,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
  return `${command.task} ${workflowId} at ${new Date(windowEnd).toISOString()}`;
}
