import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import { newId } from '../../core/ids.js';
import type { ApiKeyIdentity } from './api-keys.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface WebSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  actor: ApiKeyIdentity;
}

/** A new session for a key: returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createWebSession(db: Db, apiKeyId: string, ttlMs: number, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const id = newId('ses');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db
    .insertInto('web_sessions')
    .values({ id, token_hash: hashOf(token), api_key_id: apiKeyId, csrf_token: csrfToken, expires_at: expiresAt })
    .execute();
  return { id, token, csrfToken, expiresAt };
}

/** The live session for a cookie token: not expired, not revoked, and its key still valid (revoking a key ends its sessions). */
export async function findWebSession(db: Db, token: string, now = new Date()): Promise<WebSession | undefined> {
  const row = await db
    .selectFrom('web_sessions as s')
    .innerJoin('api_keys as k', 'k.id', 's.api_key_id')
    .select(['s.id', 's.csrf_token', 's.expires_at', 'k.id as key_id', 'k.name', 'k.role', 'k.teams'])
    .where('s.token_hash', '=', hashOf(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('k.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('k.expires_at', 'is', null), eb('k.expires_at', '>', now)]))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    actor: { id: row.key_id, name: row.name, role: row.role, teams: row.teams },
  };
}

export async function revokeWebSession(db: Db, id: string): Promise<void> {
  await db
    .updateTable('web_sessions')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
