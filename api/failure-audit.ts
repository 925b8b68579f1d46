import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/database.js';
import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import { auditRequest } from './audit-request.js';

export type FailureAudit = (req: Request, res: Response, action: string, target: string) => Promise<void>;

/** Audits a failed or refused mutation (validation, role, conflict…) that its handler did not audit itself. */
export const failureAudit =
  (db: Db): FailureAudit =>
  (req, res, action, target) => {
    const actor = (res.locals.actor as ApiKeyIdentity | undefined)?.id ?? 'anonymous';
    return auditRequest(db, req, actor, action, target, 'failure');
  };

export function auditFailures(
  route: { method: string; path: string; action?: string },
  audit: FailureAudit | undefined,
  handler: RequestHandler,
): RequestHandler {
  if (route.method === 'get' || !audit) return handler;
  return async (req, res, next) => {
    try {
      await handler(req, res, next);
    } catch (error) {
      if (!res.locals.audited) {
        const target = String(req.params.id ?? req.params.provider ?? req.path);
        await audit(req, res, route.action ?? `${route.method.toUpperCase()} ${route.path}`, target).catch(
          () => undefined,
        );
      }
      throw error;
    }
  };
}
