import type { Db } from '../database.js';

export interface TaskKey {
  projectId: string;
  provider: string;
  task: string;
}

export interface ProjectTaskRun {
  id: string;
  provider: string;
  task: string;
  status: 'running' | 'completed' | 'failed';
  counts: Record<string, unknown>;
  detail?: string;
  startedAt: string;
  finishedAt?: string;
}

/** Records a task run as started; a retried start (same id) changes nothing. */
export async function startTaskRun(db: Db, id: string, key: TaskKey): Promise<void> {
  await db
    .insertInto('project_task_runs')
    .values({ id, project_id: key.projectId, provider: key.provider, task: key.task, status: 'running', counts: '{}' })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function finishTaskRun(
  db: Db,
  id: string,
  outcome: { status: 'completed' | 'failed'; counts: Record<string, unknown>; detail?: string },
): Promise<void> {
  await db
    .updateTable('project_task_runs')
    .set({
      status: outcome.status,
      counts: JSON.stringify(outcome.counts),
      detail: outcome.detail ?? null,
      finished_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function listTaskRuns(db: Db, projectId: string, limit = 50): Promise<ProjectTaskRun[]> {
  const rows = await db
    .selectFrom('project_task_runs')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider,
    task: r.task,
    status: r.status,
    counts: r.counts,
    ...(r.detail ? { detail: r.detail } : {}),
    startedAt: r.started_at.toISOString(),
    ...(r.finished_at ? { finishedAt: r.finished_at.toISOString() } : {}),
  }));
}

export async function readCursor(db: Db, key: TaskKey): Promise<string | undefined> {
  const row = await db
    .selectFrom('project_task_cursors')
    .select('cursor')
    .where('project_id', '=', key.projectId)
    .where('provider', '=', key.provider)
    .where('task', '=', key.task)
    .executeTakeFirst();
  return row?.cursor;
}

export async function saveCursor(db: Db, key: TaskKey, cursor: string): Promise<void> {
  await db
    .insertInto('project_task_cursors')
    .values({ project_id: key.projectId, provider: key.provider, task: key.task, cursor })
    .onConflict((oc) => oc.columns(['project_id', 'provider', 'task']).doUpdateSet({ cursor, updated_at: new Date() }))
    .execute();
}
