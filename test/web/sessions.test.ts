import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { createApiKey, revokeApiKey } from '../../db/repositories/api-keys.js';
import { createWebSession, findWebSession, revokeWebSession } from '../../db/repositories/web-sessions.js';

let db: Db;
beforeAll(async () => {
  db = await openDatabase({});
});
afterAll(async () => {
  await db?.destroy();
});

describe('review app sessions', () => {
  it('act as their key until they expire, are revoked, or the key is', async () => {
    const key = await createApiKey(db, { name: 'ana', role: 'editor', teams: ['docs'] });
    const live = await createWebSession(db, key.id, 60_000);
    expect(await findWebSession(db, live.token)).toMatchObject({
      id: live.id,
      csrfToken: live.csrfToken,
      actor: { id: key.id, name: 'ana', role: 'editor', teams: ['docs'] },
    });
    expect(await findWebSession(db, `${live.token}x`)).toBeUndefined();

    const stored = await db.selectFrom('web_sessions').selectAll().where('id', '=', live.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(live.token);

    const expired = await createWebSession(db, key.id, 60_000, new Date(Date.now() - 120_000));
    expect(await findWebSession(db, expired.token)).toBeUndefined();

    const other = await createWebSession(db, key.id, 60_000);
    await revokeWebSession(db, other.id);
    expect(await findWebSession(db, other.token)).toBeUndefined();

    await revokeApiKey(db, key.id);
    expect(await findWebSession(db, live.token)).toBeUndefined();
  });
});
