import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import { parseOrThrow } from './errors.js';

export interface RouteContext<B, Q> {
  req: Request;
  res: Response;
  params: Record<string, string>;
  body: B;
  query: Q;
  actor: ApiKeyIdentity;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

/** A route is declared once: its schemas validate requests and describe it in the OpenAPI document. */
export interface Route<B = unknown, Q = unknown> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handle(ctx: RouteContext<B, Q>): Promise<RouteResult>;
}

export const defineRoute = <B = undefined, Q = undefined>(route: Route<B, Q>): Route<any, any> => route;

export function mountRoutes(router: Router, routes: Route<any, any>[]): void {
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      const body = route.body ? parseOrThrow(route.body, req.body ?? {}) : undefined;
      const query = route.query ? parseOrThrow(route.query, req.query) : undefined;
      const result = await route.handle({ req, res, params: req.params as Record<string, string>, body, query, actor: res.locals.actor });
      if (result.body === undefined) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    });
  }
}
