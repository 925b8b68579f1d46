import type { RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Db } from '../db/database.js';
import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import { requireApiKey } from './auth.js';
import { limiter } from './rate-limiter.js';

/**
 * What every authenticated request passes before its body is read: a limit per client address on
 * failed authentications, the API key check, then a limit per key id. Counting per key id (not per
 * header text) means `Bearer  KEY` and `BEARER KEY` share one bucket; guessing keys is limited per address.
 */
export function requestGuard(db: Db, perMinute: number): RequestHandler[] {
  const byAddress = limiter(perMinute, (req) => ipKeyGenerator(req.ip ?? ''), {
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
  });
  const byKey = limiter(perMinute, (_req, res) => `key:${(res.locals.actor as ApiKeyIdentity).id}`);
  const authenticate = requireApiKey(db);
  // CORS preflights (the codec server, for the Temporal Web UI) carry no credentials.
  const skipPreflight =
    (handler: RequestHandler): RequestHandler =>
    (req, res, next) =>
      req.method === 'OPTIONS' ? next() : handler(req, res, next);
  return [byAddress, authenticate, byKey].map(skipPreflight);
}
