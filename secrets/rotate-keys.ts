import type { Db } from '../db/database.js';
import { findInstallation, replaceKeyCanary } from '../db/repositories/installation.js';
import type { SecretBox } from './secret-box.js';

/**
 * `docflow keys rotate`: re-wraps every stored secret's data key under the current
 * DOCFLOW_SECRET_KEY, one row at a time in a transaction each, so an interrupted rotation can be run
 * again. Afterwards the keys in DOCFLOW_SECRET_KEYS_OLD are no longer needed.
 */
export async function rotateSecretKeys(db: Db, box: SecretBox): Promise<{ rewrapped: number; current: number }> {
  let rewrapped = 0;
  let current = 0;
  const ids = await db.selectFrom('integrations').select('id').execute();
  for (const { id } of ids) {
    await db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('integrations')
        .select('sealed_secrets')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return;
      if (box.keyIdOf(row.sealed_secrets) === box.keyId) {
        current++;
        return;
      }
      await tx
        .updateTable('integrations')
        .set({ sealed_secrets: box.rewrap(row.sealed_secrets) })
        .where('id', '=', id)
        .execute();
      rewrapped++;
    });
  }
  // The key canary follows, or the next start would refuse once the old key is dropped.
  const installation = await findInstallation(db);
  if (installation && box.keyIdOf(installation.key_canary) !== box.keyId)
    await replaceKeyCanary(db, installation.id, box.rewrap(installation.key_canary));
  return { rewrapped, current };
}
