import type { Request } from 'express';
import type { Db } from '../db/database.js';
import { appendAudit } from '../db/repositories/audit.js';

/** One audit entry for what a request did, with its request id and source address. */
export function auditRequest(
  db: Db,
  req: Request,
  actor: string,
  action: string,
  target: string,
  outcome: 'success' | 'failure' = 'success',
): Promise<void> {
  // Marks the request as audited, so the route's failure audit does not log it a second time.
  if (req.res) req.res.locals.audited = true;
  return appendAudit(db, { actor, action, target, requestId: String(req.id), sourceIp: req.ip, outcome });
}

/** Runs `work` and audits it, successful or not (a refused review is as much a part of the record). */
export async function audited<T>(
  db: Db,
  req: Request,
  actor: string,
  action: string,
  target: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    const result = await work();
    await auditRequest(db, req, actor, action, target);
    return result;
  } catch (error) {
    await auditRequest(db, req, actor, action, target, 'failure');
    throw error;
  }
}
