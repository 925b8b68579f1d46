import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import { newId } from '../../domain/ids.js';

export interface ApiKeyIdentity {
  id: string;
  name: string;
  role: string;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** `dfk_` + 32 random bytes (base64url). Only the hash is stored; the key is returned once. */
export async function createApiKey(db: Db, name: string, role: string, key = `dfk_${randomBytes(32).toString('base64url')}`) {
  const id = newId('key');
  await db.insertInto('api_keys').values({ id, name, role, prefix: key.slice(0, 8), hash: hashOf(key) }).execute();
  return { id, key };
}

export async function countApiKeys(db: Db): Promise<number> {
  const row = await db.selectFrom('api_keys').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findApiKey(db: Db, key: string, now = new Date()): Promise<ApiKeyIdentity | undefined> {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role'])
    .where('hash', '=', hashOf(key))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}
