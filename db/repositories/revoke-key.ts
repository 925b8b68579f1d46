import type { Db } from '../database.js';

/**
 * Revokes a key unless it is the last usable admin key (revoking that would lock every admin out).
 * The admin keys are locked for the check, so two concurrent revocations cannot both pass it.
 */
export async function revokeKeyKeepingAnAdmin(
  db: Db,
  id: string,
  now = new Date(),
): Promise<'revoked' | 'missing' | 'last_admin'> {
  return db.transaction().execute(async (tx) => {
    const admins = await tx
      .selectFrom('api_keys')
      .select('id')
      .where('role', '=', 'admin')
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .forUpdate()
      .execute();
    if (admins.length === 1 && admins[0]!.id === id) return 'last_admin';
    const result = await tx
      .updateTable('api_keys')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n ? 'revoked' : 'missing';
  });
}
