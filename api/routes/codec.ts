import type { Payload } from '@temporalio/common';
import express, { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { hasRole } from '../../core/roles.js';
import { requireApiKey } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { parseOrThrow } from '../../core/validation.js';

const payloadsSchema = z.strictObject({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), z.string()).default({}), data: z.string().default('') }))
    .max(1000),
});

const toPayload = (p: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * The Temporal codec server protocol (`POST /codec/encode`, `POST /codec/decode`), so the Web UI and
 * the CLI (`--codec-endpoint`, `--codec-auth`) can show encrypted run data to operators with a key.
 */
export function codecRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use('/codec', (req, res, next) => {
    if (deps.temporalUiUrl) {
      res.set('access-control-allow-origin', new URL(deps.temporalUiUrl).origin);
      res.set('access-control-allow-headers', 'authorization, content-type, x-namespace');
      res.set('access-control-allow-methods', 'POST, OPTIONS');
      res.set('access-control-allow-credentials', 'true');
    }
    if (req.method === 'OPTIONS') res.status(204).end();
    else next();
  });
  router.use('/codec', requireApiKey(deps.db));
  router.post('/codec/:direction', express.json({ limit: '4mb' }), async (req, res) => {
    if (!hasRole(res.locals.actor.role, 'reviewer'))
      throw new AppError('forbidden', 'the codec needs the reviewer role');
    const direction = req.params.direction;
    if (direction !== 'encode' && direction !== 'decode')
      throw new AppError('not_found', `no codec operation "${direction}"`);
    if (!deps.payloadCodec) throw new AppError('not_implemented', 'this docflow does not encrypt Temporal payloads');
    const { payloads } = parseOrThrow(payloadsSchema, req.body);
    const converted = await deps.payloadCodec[direction](payloads.map(toPayload));
    res.json({ payloads: converted.map(toJson) });
  });
  return router;
}
