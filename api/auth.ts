import type { RequestHandler } from 'express';
import type { Db } from '../db/database.js';
import { findApiKey } from '../db/repositories/api-keys.js';
import { findWebSession } from '../db/repositories/web-sessions.js';
import { parseCookies, sessionCookie } from '../web/session.js';
import { AppError } from '../core/errors.js';

/** Requires `Authorization: Bearer <api key>`; the key's identity becomes `res.locals.actor`. */
export function requireApiKey(db: Db): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthorized', 'missing "Authorization: Bearer <api key>" header');
    const identity = await findApiKey(db, match[1]!);
    if (!identity) throw new AppError('unauthorized', 'API key is unknown, revoked or expired');
    res.locals.actor = identity;
    next();
  };
}

/**
 * `requireApiKey`, or else the review app's session cookie on a request from the Temporal Web UI's origin,
 * so people signed in to docflow see decoded run data in the UI. The UI cannot send the session's CSRF
 * token; the browser-set `Origin` (checked here, and by CORS preflight) takes its place.
 */
export function requireApiKeyOrUiSession(db: Db, uiOrigin: string | undefined): RequestHandler {
  const byKey = requireApiKey(db);
  return async (req, res, next) => {
    if (!uiOrigin || req.get('origin') !== uiOrigin || req.get('authorization')) return byKey(req, res, next);
    const token = parseCookies(req.get('cookie'))[sessionCookie];
    const session = token ? await findWebSession(db, token) : undefined;
    if (!session)
      throw new AppError('unauthorized', 'not signed in to docflow: sign in to the review app to decode run data');
    res.locals.actor = session.actor;
    next();
  };
}
