import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import { AppError } from '../core/errors.js';
import { hasRole, type Role } from '../core/roles.js';
import { parseOrThrow } from '../core/validation.js';
import { auditFailures, type FailureAudit } from './failure-audit.js';
import { assertStorable } from './storable-text.js';

export interface RouteContext<B, Q> {
  req: Request;
  res: Response;
  params: Record<string, string>;
  body: B;
  query: Q;
  actor: ApiKeyIdentity;
}

export type RouteResult = { status: number; body?: unknown } | { streamed: true };

/** A route is declared once: its schemas validate requests and describe it in the OpenAPI document. */
export interface Route<B = unknown, Q = unknown> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** The least role a key needs; every route declares one. */
  role: Role;
  /** The audit action of a mutation (`project.update`); failed and refused attempts are audited under it too. */
  action?: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** `contentType` (default `application/json`) is what a 2xx answer with that schema is served as. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  handle(ctx: RouteContext<B, Q>): Promise<RouteResult>;
}

export const defineRoute = <B = undefined, Q = undefined>(route: Route<B, Q>): Route<any, any> => route;

export function mountRoutes(router: Router, routes: Route<any, any>[], audit?: FailureAudit): void {
  for (const route of routes) {
    router[route.method](
      route.path,
      auditFailures(route, audit, async (req, res) => {
        const actor = res.locals.actor as ApiKeyIdentity;
        if (!hasRole(actor.role, route.role)) {
          throw new AppError(
            'forbidden',
            `${route.method.toUpperCase()} ${route.path} needs the ${route.role} role; this key (${actor.name}) is ${actor.role}`,
          );
        }
        assertStorable({ body: req.body, query: req.query });
        const body = route.body ? parseOrThrow(route.body, req.body ?? {}) : undefined;
        const query = route.query ? parseOrThrow(route.query, req.query) : undefined;
        const result = await route.handle({
          req,
          res,
          params: req.params as Record<string, string>,
          body,
          query,
          actor,
        });
        if ('streamed' in result) return;
        if (result.body === undefined) res.status(result.status).end();
        else res.status(result.status).json(result.body);
      }),
    );
  }
}
