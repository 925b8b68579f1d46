import type { Db } from '../database.js';
import type { Selectable } from 'kysely';
import type { InstallationTable } from '../schema.js';

export type Installation = Selectable<InstallationTable>;

export async function findInstallation(db: Db): Promise<Installation | undefined> {
  return db.selectFrom('installation').selectAll().executeTakeFirst();
}

/** Creates the row unless another process did first; returns the one that stands. */
export async function createInstallation(db: Db, row: { id: string; keyCanary: string }): Promise<Installation> {
  await db
    .insertInto('installation')
    .values({ id: row.id, key_canary: row.keyCanary })
    .onConflict((oc) => oc.column('singleton').doNothing())
    .execute();
  return (await findInstallation(db))!;
}

export async function replaceKeyCanary(db: Db, id: string, keyCanary: string): Promise<void> {
  await db.updateTable('installation').set({ key_canary: keyCanary }).where('id', '=', id).execute();
}

export async function markInstallationBound(db: Db, id: string): Promise<void> {
  await db
    .updateTable('installation')
    .set({ bound_at: new Date() })
    .where('id', '=', id)
    .where('bound_at', 'is', null)
    .execute();
}
