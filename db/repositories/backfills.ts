import type { Db } from '../database.js';
import type { TypedConfig } from '../../core/typed-config.js';

/** What would happen to one change of a backfill. */
export type BackfillOutcome =
  | { status: 'skipped'; reason: string; message: string }
  /** The offline drafter would edit these pages; `impacted` is the impact ranking's best pages. */
  | { status: 'would_update'; pages: string[]; confidence: number; impacted: RankedPage[]; summary: string }
  | { status: 'no_changes'; reason: string; impacted: RankedPage[] }
  /** The change could not be read for good (the integration is gone, say). */
  | { status: 'error'; message: string };

export interface RankedPage {
  path: string;
  score: number;
}

/** The run a backfill started for a change, or the one that already existed for it (a webhook's). */
export interface BackfillRun {
  runId: string;
  status: 'started' | 'already_run';
}

/** Per trigger entry: how many changes its history listed, or why it was not read. */
export interface BackfillTrigger {
  index: number;
  type: string;
  status: 'listed' | 'not_supported' | 'manual';
  changes?: number;
  message?: string;
}

export interface BackfillItem {
  position: number;
  triggerIndex: number;
  workflowKey: string;
  label: string;
  at: string;
  source: TypedConfig;
  merged: boolean;
  outcome?: BackfillOutcome;
  run?: BackfillRun;
}

export interface Backfill {
  id: string;
  projectId: string;
  since: string;
  windowStart: string;
  dryRun: boolean;
  max: number;
  status: 'listing' | 'assessing' | 'starting' | 'completed' | 'failed';
  progress: { done: number; total?: number };
  triggers: BackfillTrigger[];
  detail?: string;
  createdAt: string;
  finishedAt?: string;
}

export async function insertBackfill(
  db: Db,
  backfill: {
    id: string;
    projectId: string;
    since: string;
    windowStart: Date;
    dryRun: boolean;
    max: number;
    requestedBy?: string;
  },
): Promise<void> {
  await db
    .insertInto('backfills')
    .values({
      id: backfill.id,
      project_id: backfill.projectId,
      since: backfill.since,
      window_start: backfill.windowStart,
      dry_run: backfill.dryRun,
      max_runs: backfill.max,
      status: 'listing',
      requested_by: backfill.requestedBy ?? null,
    })
    .execute();
}

/** Replaces the listing (a retried listing writes the same items again) and moves on to assessing. */
export async function saveListing(
  db: Db,
  id: string,
  items: Omit<BackfillItem, 'run'>[],
  triggers: BackfillTrigger[],
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('backfill_items').where('backfill_id', '=', id).execute();
    if (items.length)
      await tx
        .insertInto('backfill_items')
        .values(
          items.map((item) => ({
            backfill_id: id,
            position: item.position,
            trigger_index: item.triggerIndex,
            workflow_key: item.workflowKey,
            label: item.label,
            at: item.at,
            source: JSON.stringify(item.source),
            merged: item.merged,
            outcome: item.outcome ? JSON.stringify(item.outcome) : null,
          })),
        )
        .execute();
    await tx
      .updateTable('backfills')
      .set({
        status: 'assessing',
        total: items.length,
        done: items.filter((i) => i.outcome).length,
        triggers: JSON.stringify(triggers),
      })
      .where('id', '=', id)
      .execute();
  });
}

export async function unassessedItems(db: Db, id: string, limit: number): Promise<BackfillItem[]> {
  const rows = await db
    .selectFrom('backfill_items')
    .selectAll()
    .where('backfill_id', '=', id)
    .where('outcome', 'is', null)
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map(itemOf);
}

/** Records one change's outcome and the count of those done, in one step. */
export async function saveOutcome(db: Db, id: string, position: number, outcome: BackfillOutcome): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('backfill_items')
      .set({ outcome: JSON.stringify(outcome) })
      .where('backfill_id', '=', id)
      .where('position', '=', position)
      .execute();
    const { count } = await tx
      .selectFrom('backfill_items')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('backfill_id', '=', id)
      .where('outcome', 'is not', null)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('backfills')
      .set({ done: Number(count) })
      .where('id', '=', id)
      .execute();
  });
}

/** The first `max` changes the trigger's rules did not leave out, in the order they happened. */
export async function itemsToStart(db: Db, id: string, max: number): Promise<BackfillItem[]> {
  const rows = await db
    .selectFrom('backfill_items')
    .selectAll()
    .where('backfill_id', '=', id)
    .orderBy('position')
    .execute();
  return rows
    .map(itemOf)
    .filter((item) => item.outcome && item.outcome.status !== 'skipped' && item.outcome.status !== 'error')
    .slice(0, max);
}

export async function markStarting(db: Db, id: string): Promise<void> {
  await db.updateTable('backfills').set({ status: 'starting' }).where('id', '=', id).execute();
}

export async function saveItemRuns(db: Db, id: string, runs: (BackfillRun & { position: number })[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const { position, ...run } of runs)
      await tx
        .updateTable('backfill_items')
        .set({ run: JSON.stringify(run) })
        .where('backfill_id', '=', id)
        .where('position', '=', position)
        .execute();
  });
}

export async function finishBackfill(db: Db, id: string, failed?: string): Promise<void> {
  await db
    .updateTable('backfills')
    .set({ status: failed ? 'failed' : 'completed', detail: failed ?? null, finished_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function findBackfill(db: Db, id: string): Promise<(Backfill & { items: BackfillItem[] }) | undefined> {
  const row = await db.selectFrom('backfills').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const items = await db
    .selectFrom('backfill_items')
    .selectAll()
    .where('backfill_id', '=', id)
    .orderBy('position')
    .execute();
  return {
    id: row.id,
    projectId: row.project_id,
    since: row.since,
    windowStart: row.window_start.toISOString(),
    dryRun: row.dry_run,
    max: row.max_runs,
    status: row.status,
    progress: { done: row.done, ...(row.total !== null ? { total: row.total } : {}) },
    triggers: row.triggers as BackfillTrigger[],
    ...(row.detail ? { detail: row.detail } : {}),
    createdAt: row.created_at.toISOString(),
    ...(row.finished_at ? { finishedAt: row.finished_at.toISOString() } : {}),
    items: items.map(itemOf),
  };
}

type ItemRow = {
  position: number;
  trigger_index: number;
  workflow_key: string;
  label: string;
  at: Date;
  source: unknown;
  merged: boolean;
  outcome: unknown;
  run: unknown;
};

function itemOf(row: ItemRow): BackfillItem {
  return {
    position: row.position,
    triggerIndex: row.trigger_index,
    workflowKey: row.workflow_key,
    label: row.label,
    at: row.at.toISOString(),
    source: row.source as TypedConfig,
    merged: row.merged,
    ...(row.outcome ? { outcome: row.outcome as BackfillOutcome } : {}),
    ...(row.run ? { run: row.run as BackfillRun } : {}),
  };
}
