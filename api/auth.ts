import type { RequestHandler } from 'express';
import type { Db } from '../db/database.js';
import { findApiKey } from '../db/repositories/api-keys.js';
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
