import type { Payload } from '@temporalio/common';
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { hasRole } from '../../core/roles.js';
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

/** Loopback hosts: in development the Web UI may call the codec only from one of these. */
const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The one origin whose browser requests the codec accepts (CORS with credentials): the Temporal Web UI's.
 * Outside production it must be on this machine (loopback); a UI elsewhere is not allowed at all.
 */
export function codecUiOrigin(temporalUiUrl: string | undefined, production: boolean): string | undefined {
  if (!temporalUiUrl) return undefined;
  const url = new URL(temporalUiUrl);
  return production || loopback.test(url.hostname) ? url.origin : undefined;
}

/** CORS for the Web UI's origin alone; answers its preflights (which carry no credentials). */
export function codecCors(uiOrigin: string | undefined): RequestHandler {
  return (req, res, next) => {
    res.vary('origin');
    if (uiOrigin && req.get('origin') === uiOrigin) {
      res.set('access-control-allow-origin', uiOrigin);
      res.set('access-control-allow-credentials', 'true');
      res.set('access-control-allow-headers', 'authorization, content-type, x-namespace');
      res.set('access-control-allow-methods', 'POST, OPTIONS');
      res.set('access-control-max-age', '600');
    }
    if (req.method === 'OPTIONS') res.status(204).end();
    else next();
  };
}

/**
 * The Temporal codec server protocol (`POST /codec/encode`, `POST /codec/decode`), so the Web UI and
 * the CLI (`--codec-endpoint`, `--codec-auth`) can show encrypted run data to reviewers and above (who
 * read the same runs through the API). Authenticated before this router (request-guard).
 */
export function codecRouter(deps: ApiDeps): Router {
  const router = Router();
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
