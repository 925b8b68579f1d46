import { createCatalog } from '../../integrations/catalog.js';
import { providers } from '../../integrations/registry.js';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp } from '../../api/app.js';
import { bootstrapAdminKey } from '../../api/bootstrap-admin-key.js';
import { openDatabase } from '../../db/database.js';
import { countApiKeys, findApiKey } from '../../db/repositories/api-keys.js';

describe('the first admin key', () => {
  it('is generated once and returned for printing when no token is configured', async () => {
    const db = await openDatabase({});
    const first = await bootstrapAdminKey(db);
    expect(first?.generated).toMatch(/^dfk_[\w-]{40,}$/);
    expect(await findApiKey(db, first!.generated!)).toMatchObject({ role: 'admin' });
    expect(await bootstrapAdminKey(db)).toBeUndefined();
    expect(await countApiKeys(db)).toBe(1);
    await db.destroy();
  });

  it('comes from DOCFLOW_ADMIN_TOKEN when set, and is not echoed', async () => {
    const db = await openDatabase({});
    const token = 'a-long-admin-token-from-the-env';
    expect(await bootstrapAdminKey(db, token)).toEqual({});
    expect(await findApiKey(db, token)).toMatchObject({ role: 'admin' });
    await db.destroy();
  });
});

describe('readiness', () => {
  it('answers 503 naming the database when it is unreachable', async () => {
    const db = await openDatabase({});
    await db.destroy();
    const unreachableTemporal = {
      ping: async () => {
        throw new Error('connection refused');
      },
      namespace: 'default',
    };
    const app = createApp({
      db,
      logger: pino({ level: 'silent' }),
      runs: unreachableTemporal as any,
      integrations: { catalog: createCatalog(providers) } as any,
      secrets: {} as any,
      publicUrl: 'http://x',
    });
    const server = app.listen(0);
    try {
      const port = (server.address() as import('node:net').AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as any;
      expect(body.checks.database).toMatch(/^unavailable/);
      expect(body.checks.temporal).toMatch(/connection refused/);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      server.close();
    }
  });
});
