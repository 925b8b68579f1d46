import { Router } from 'express';
import { sql } from 'kysely';
import type { ApiDeps } from '../deps.js';

/** Liveness says the process answers; readiness says its database and Temporal answer too. */
export function healthRouter({ db, runs }: ApiDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = await Promise.all([probe(() => sql`select 1`.execute(db)), probe(() => runs.ping())]);
    const [database, temporalCheck] = checks;
    const ready = checks.every((c) => c === 'ok');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', checks: { database, temporal: temporalCheck } });
  });
  return router;
}

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await check();
    return 'ok';
  } catch (error) {
    return `unavailable: ${(error as Error).message.split('\n')[0]}`;
  }
}
