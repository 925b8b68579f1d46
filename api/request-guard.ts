import type { RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Db } from '../db/database.js';
import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import { requireApiKey, requireApiKeyOrUiSession } from './auth.js';
import { limiter } from './rate-limiter.js';

/**
 * What every authenticated request passes before its body is read: a limit per client address on
 * failed authentications, the API key check, then a limit per key id. Counting per key id (not per
 * header text) means `Bearer  KEY` and `BEARER KEY` share one bucket; guessing keys is limited per address.
 */
export function requestGuard(db: Db, perMinute: number, options: { codecUiOrigin?: string } = {}): RequestHandler[] {
  const byAddress = limiter(perMinute, (req) => ipKeyGenerator(req.ip ?? ''), {
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
  });
  const byKey = limiter(perMinute, (_req, res) => `key:${(res.locals.actor as ApiKeyIdentity).id}`);
  const keyOnly = requireApiKey(db);
  // The codec alone also takes the Temporal Web UI's requests, made with the review app's session.
  const keyOrSession = requireApiKeyOrUiSession(db, options.codecUiOrigin);
  const authenticate: RequestHandler = (req, res, next) =>
    (req.baseUrl === '/codec' ? keyOrSession : keyOnly)(req, res, next);
  // CORS preflights (the codec server, for the Temporal Web UI) carry no credentials.
  const skipPreflight =
    (handler: RequestHandler): RequestHandler =>
    (req, res, next) =>
      req.method === 'OPTIONS' ? next() : handler(req, res, next);
  return [byAddress, authenticate, byKey].map(skipPreflight);
}
