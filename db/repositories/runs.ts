import type { Db } from '../database.js';
import type { RunRow } from '../schema.js';
import type { RunStatus } from '../../core/run-status.js';
import type { SuggestedReviewer } from '../../core/suggested-reviewers.js';

export interface NewRunInput {
  id: string;
  projectId: string;
  trigger: string;
  source: unknown;
  note?: string;
  /** The API key id that started the run. */
  requestedBy?: string;
}

export async function insertRun(db: Db, run: NewRunInput): Promise<RunRow> {
  return db
    .insertInto('runs')
    .values({
      id: run.id,
      project_id: run.projectId,
      status: 'pending',
      trigger: run.trigger,
      source: JSON.stringify(run.source),
      note: run.note ?? null,
      requested_by: run.requestedBy ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Removes a run whose workflow never started (its events and stored content go with it). */
export async function deleteRun(db: Db, id: string): Promise<void> {
  await db.deleteFrom('runs').where('id', '=', id).execute();
}

/** The reviewers the run's latest draft suggests (replacing those of an earlier draft). */
export async function saveSuggestedReviewers(db: Db, runId: string, reviewers: SuggestedReviewer[]): Promise<void> {
  await db
    .updateTable('runs')
    .set({ suggested_reviewers: JSON.stringify(reviewers) })
    .where('id', '=', runId)
    .execute();
}

export async function findRun(db: Db, id: string): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRuns(
  db: Db,
  filter: { projectId?: string; status?: string; limit: number },
): Promise<RunRow[]> {
  let query = db.selectFrom('runs').selectAll();
  if (filter.projectId) query = query.where('project_id', '=', filter.projectId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function countActiveRuns(db: Db, projectId: string, terminal: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('runs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('project_id', '=', projectId)
    .where('status', 'not in', terminal)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Transition {
  runId: string;
  /** Enough to recreate the run's row if the process that started the run died before writing it. */
  run: { projectId: string; trigger: string; source: unknown };
  status: RunStatus;
  at: number;
  reason?: string;
  reasonMessage?: string;
  suggestionId?: string;
  result?: unknown;
}

/**
 * Records one status change. Idempotent for activity retries: the same (run, status, at)
 * is written once.
 */
export async function recordTransition(db: Db, t: Transition): Promise<void> {
  return db.transaction().execute(async (tx) => {
    const at = new Date(t.at);
    await tx
      .insertInto('runs')
      .values({
        id: t.runId,
        project_id: t.run.projectId,
        status: 'pending',
        trigger: t.run.trigger,
        source: JSON.stringify(t.run.source),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const seen = await tx
      .selectFrom('run_events')
      .select('id')
      .where('run_id', '=', t.runId)
      .where('status', '=', t.status)
      .where('at', '=', at)
      .executeTakeFirst();
    if (!seen) {
      await tx
        .insertInto('run_events')
        .values({ run_id: t.runId, status: t.status, at, detail: t.reasonMessage ?? null })
        .execute();
    }
    await tx
      .updateTable('runs')
      .set({
        status: t.status,
        source: JSON.stringify(t.run.source),
        reason: t.reason ?? null,
        reason_message: t.reasonMessage ?? null,
        updated_at: at,
        ...(t.suggestionId !== undefined ? { suggestion_id: t.suggestionId } : {}),
        ...(t.result !== undefined ? { result: JSON.stringify(t.result) } : {}),
      })
      .where('id', '=', t.runId)
      .execute();
  });
}

/** When the run last reached awaiting_review (a request for changes drafts again and comes back). */
export async function awaitingReviewSince(db: Db, runId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('run_events')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('run_id', '=', runId)
    .where('status', '=', 'awaiting_review')
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : undefined;
}

export async function runTimeline(db: Db, runId: string) {
  return db
    .selectFrom('run_events')
    .select(['status', 'at', 'detail'])
    .where('run_id', '=', runId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** A run row for a trigger that may fire again for the same change: the first event creates it. */
export async function insertRunIfAbsent(db: Db, run: NewRunInput): Promise<boolean> {
  const result = await db
    .insertInto('runs')
    .values({
      id: run.id,
      project_id: run.projectId,
      status: 'pending',
      trigger: run.trigger,
      source: JSON.stringify(run.source),
      note: run.note ?? null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** An event docflow decided not to act on, kept as a `skipped` run so it is visible rather than dropped. */
export async function insertSkippedRun(db: Db, run: NewRunInput & { reason: string; message: string }): Promise<void> {
  const at = new Date();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('runs')
      .values({
        id: run.id,
        project_id: run.projectId,
        status: 'skipped',
        reason: run.reason,
        reason_message: run.message,
        trigger: run.trigger,
        source: JSON.stringify(run.source),
        created_at: at,
        updated_at: at,
      })
      .execute();
    await tx.insertInto('run_events').values({ run_id: run.id, status: 'skipped', detail: run.message, at }).execute();
  });
}

/** Runs of these projects that have not finished. */
export async function activeRunsOf(db: Db, projectIds: string[], terminal: readonly string[]): Promise<string[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .selectFrom('runs')
    .select('id')
    .where('project_id', 'in', projectIds)
    .where('status', 'not in', terminal)
    .execute();
  return rows.map((r) => r.id);
}
