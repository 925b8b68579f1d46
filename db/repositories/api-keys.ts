import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import { newId } from '../../core/ids.js';
import type { Role } from '../../core/roles.js';

export interface ApiKeyIdentity {
  id: string;
  name: string;
  role: string;
  teams: string[];
}

export interface ApiKeyView extends ApiKeyIdentity {
  prefix: string;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

export interface NewApiKey {
  name: string;
  role: Role;
  teams?: string[];
  expiresAt?: Date;
  createdBy?: string;
}

/** `dfk_` + 32 random bytes (base64url). Only the hash is stored; the key is returned once. */
export async function createApiKey(db: Db, spec: NewApiKey, key = `dfk_${randomBytes(32).toString('base64url')}`) {
  const id = newId('key');
  await db
    .insertInto('api_keys')
    .values({
      id,
      name: spec.name,
      role: spec.role,
      teams: JSON.stringify(spec.teams ?? []),
      prefix: key.slice(0, 8),
      hash: hashOf(key),
      expires_at: spec.expiresAt ?? null,
      created_by: spec.createdBy ?? null,
    })
    .execute();
  return { id, key };
}

export async function countApiKeys(db: Db): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findApiKey(db: Db, key: string, now = new Date()): Promise<ApiKeyIdentity | undefined> {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'teams'])
    .where('hash', '=', hashOf(key))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function listApiKeys(db: Db): Promise<ApiKeyView[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    teams: r.teams,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    ...(r.expires_at ? { expiresAt: r.expires_at.toISOString() } : {}),
    ...(r.revoked_at ? { revokedAt: r.revoked_at.toISOString() } : {}),
  }));
}

export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
