import type { Request, Response } from 'express';
import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import { AppError } from '../core/errors.js';
import { hasRole } from '../core/roles.js';
import { parseOrThrow } from '../core/validation.js';
import type { Route } from '../api/route.js';

export interface Caller {
  req: Request;
  res: Response;
  actor: ApiKeyIdentity;
}

export interface ApiCall {
  params?: Record<string, string>;
  body?: unknown;
  query?: unknown;
}

/**
 * The app acts through the API's own route declarations: the same required role, the same schemas,
 * the same handlers (and so the same audit entries). A session acts exactly as its key would.
 */
export function apiCaller(routes: Route<any, any>[]) {
  const byKey = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  const find = (method: Route['method'], path: string) => {
    const route = byKey.get(`${method} ${path}`);
    if (!route) throw new Error(`no API route ${method.toUpperCase()} ${path}`);
    return route;
  };
  return {
    /** Whether the actor's role may use the route (to show or hide a control; the call checks again). */
    allowed(actor: ApiKeyIdentity, method: Route['method'], path: string): boolean {
      return hasRole(actor.role, find(method, path).role);
    },
    async call<T = any>(caller: Caller, method: Route['method'], path: string, input: ApiCall = {}): Promise<T> {
      const route = find(method, path);
      if (!hasRole(caller.actor.role, route.role)) {
        throw new AppError(
          'forbidden',
          `this needs the ${route.role} role; you are signed in as ${caller.actor.name} (${caller.actor.role})`,
        );
      }
      const body = route.body ? parseOrThrow(route.body, input.body ?? {}) : undefined;
      const query = route.query ? parseOrThrow(route.query, input.query ?? {}) : undefined;
      const result = await route.handle({
        req: caller.req,
        res: caller.res,
        params: input.params ?? {},
        body,
        query,
        actor: caller.actor,
      });
      return ('streamed' in result ? undefined : result.body) as T;
    },
  };
}

export type ApiCaller = ReturnType<typeof apiCaller>;
