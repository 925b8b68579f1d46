import type { Db } from '../database.js';

/** A run that added its edits to another run's docs PR (`limits.whenFull: "join"`). */
export interface JoinedRun {
  runId: string;
  suggestionId: string;
  sourceLabel: string;
}

export type DocsPRState = 'reserved' | 'open' | 'closed' | 'merged' | 'expired';

export interface DocsPR {
  runId: string;
  projectId: string;
  state: DocsPRState;
  suggestionId?: string;
  location?: string;
  joined: JoinedRun[];
  openedAt?: string;
  closedAt?: string;
}

/** A reservation or an open PR counts against the project's `limits.openDocsPRs`. */
const active: DocsPRState[] = ['reserved', 'open'];

function toDocsPR(row: {
  run_id: string;
  project_id: string;
  state: string;
  suggestion_id: string | null;
  location: string | null;
  joined: unknown;
  opened_at: Date | null;
  closed_at: Date | null;
}): DocsPR {
  return {
    runId: row.run_id,
    projectId: row.project_id,
    state: row.state as DocsPRState,
    ...(row.suggestion_id ? { suggestionId: row.suggestion_id } : {}),
    ...(row.location ? { location: row.location } : {}),
    joined: (row.joined as JoinedRun[]) ?? [],
    ...(row.opened_at ? { openedAt: new Date(row.opened_at).toISOString() } : {}),
    ...(row.closed_at ? { closedAt: new Date(row.closed_at).toISOString() } : {}),
  };
}

export type Reservation = { granted: true } | { granted: false; open: number; reserved: number; queuedAhead: number };

/**
 * Takes one of the project's `limit` docs PR slots for the run, first come first served: a slot is free when the
 * open PRs and reservations, plus the runs queued before this one, number fewer than the limit. Holding the
 * project's row locked, so two runs never take the last slot together. Asking again once granted is granted.
 */
export async function reserveDocsPR(
  db: Db,
  run: { projectId: string; runId: string; limit: number },
): Promise<Reservation> {
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('projects').select('id').where('id', '=', run.projectId).forUpdate().execute();
    const own = await tx.selectFrom('docs_prs').select('state').where('run_id', '=', run.runId).executeTakeFirst();
    if (own) return { granted: true };
    const counts = await tx
      .selectFrom('docs_prs')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .where('project_id', '=', run.projectId)
      .where('state', 'in', active)
      .groupBy('state')
      .execute();
    const count = (state: string) => Number(counts.find((c) => c.state === state)?.n ?? 0);
    const me = await tx.selectFrom('runs').select('created_at').where('id', '=', run.runId).executeTakeFirst();
    const ahead = await tx
      .selectFrom('runs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('project_id', '=', run.projectId)
      .where('status', '=', 'queued')
      .where('id', '!=', run.runId)
      .where('created_at', '<', me?.created_at ?? new Date())
      .executeTakeFirstOrThrow();
    const taken = { open: count('open'), reserved: count('reserved'), queuedAhead: Number(ahead.n) };
    if (taken.open + taken.reserved + taken.queuedAhead >= run.limit) return { granted: false, ...taken };
    await tx
      .insertInto('docs_prs')
      .values({ run_id: run.runId, project_id: run.projectId, state: 'reserved' })
      .execute();
    return { granted: true };
  });
}

/** A run that ended without opening its PR gives its slot back; true when it held one. */
export async function releaseReservation(db: Db, runId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('docs_prs')
    .where('run_id', '=', runId)
    .where('state', '=', 'reserved')
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findDocsPR(db: Db, runId: string): Promise<DocsPR | undefined> {
  const row = await db.selectFrom('docs_prs').selectAll().where('run_id', '=', runId).executeTakeFirst();
  return row ? toDocsPR(row) : undefined;
}

/** The run's PR is open at `location` (its reservation becomes the PR; a run without one is recorded as it is). */
export async function recordOpened(
  db: Db,
  pr: { runId: string; projectId: string; suggestionId: string; location: string },
): Promise<void> {
  const values = { state: 'open', suggestion_id: pr.suggestionId, location: pr.location };
  await db
    .insertInto('docs_prs')
    .values({ run_id: pr.runId, project_id: pr.projectId, ...values, opened_at: new Date() })
    .onConflict((c) =>
      c.column('run_id').doUpdateSet((eb) => ({
        ...values,
        opened_at: eb.fn.coalesce('docs_prs.opened_at', eb.val(new Date())),
      })),
    )
    .execute();
}

/** The oldest open docs PR of the project: the one a joining run adds its commit to. */
export async function oldestOpenDocsPR(db: Db, projectId: string): Promise<DocsPR | undefined> {
  const row = await db
    .selectFrom('docs_prs')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('state', '=', 'open')
    .orderBy('opened_at')
    .orderBy('run_id')
    .limit(1)
    .executeTakeFirst();
  return row ? toDocsPR(row) : undefined;
}

/** The PR a run joined before (a retried publish goes to the same one). */
export async function docsPRJoinedBy(db: Db, projectId: string, runId: string): Promise<DocsPR | undefined> {
  const rows = await db.selectFrom('docs_prs').selectAll().where('project_id', '=', projectId).execute();
  return rows.map(toDocsPR).find((pr) => pr.joined.some((j) => j.runId === runId));
}

/** Records that `joined` added its commit to `target`'s PR; once. */
export async function recordJoined(db: Db, target: string, joined: JoinedRun): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('docs_prs').selectAll().where('run_id', '=', target).forUpdate().executeTakeFirst();
    if (!row) return;
    const list = (row.joined as JoinedRun[]) ?? [];
    if (list.some((j) => j.runId === joined.runId)) return;
    await tx
      .updateTable('docs_prs')
      .set({ joined: JSON.stringify([...list, joined]) })
      .where('run_id', '=', target)
      .execute();
  });
}

/** An open PR closed (merged, closed by a person, or expired by docflow); true when it was open until now. */
export async function recordClosed(db: Db, runId: string, state: 'closed' | 'merged' | 'expired'): Promise<boolean> {
  const result = await db
    .updateTable('docs_prs')
    .set({ state, closed_at: new Date() })
    .where('run_id', '=', runId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listDocsPRs(db: Db, projectId: string, states?: DocsPRState[]): Promise<DocsPR[]> {
  let query = db.selectFrom('docs_prs').selectAll().where('project_id', '=', projectId);
  if (states) query = query.where('state', 'in', states);
  return (await query.orderBy('created_at').orderBy('run_id').execute()).map(toDocsPR);
}

/** The project's queued runs that may take a slot now, oldest first: as many as there are free slots. */
export async function runsToRelease(db: Db, projectId: string, limit: number): Promise<string[]> {
  const taken = await db
    .selectFrom('docs_prs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('project_id', '=', projectId)
    .where('state', 'in', active)
    .executeTakeFirstOrThrow();
  const free = limit - Number(taken.n);
  if (free <= 0) return [];
  const rows = await db
    .selectFrom('runs')
    .select('id')
    .where('project_id', '=', projectId)
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .orderBy('id')
    .limit(free)
    .execute();
  return rows.map((r) => r.id);
}
