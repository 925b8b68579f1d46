import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { auditRequest } from '../api/audit-request.js';
import type { ApiDeps } from '../api/deps.js';
import type { Route } from '../api/route.js';
import { findApiKey } from '../db/repositories/api-keys.js';
import { createWebSession, revokeWebSession } from '../db/repositories/web-sessions.js';
import { AppError, errorStatus, isAppError } from '../core/errors.js';
import { apiCaller } from './call-api.js';
import { contentSecurityPolicy } from './csp.js';
import { auditPage, apiAuditQuery, auditQuery, integrationsPage } from './pages/admin.js';
import { errorPage, loginPage } from './pages/login.js';
import {
  fieldErrorsOf,
  newProjectValues,
  parseProjectForm,
  projectForm,
  projectPage,
  projectsPage,
  valuesOf,
} from './pages/projects.js';
import { queueFilter, queuePage, queueRows } from './pages/queue.js';
import { editedTexts, runPage } from './pages/run.js';
import {
  clearCookie,
  csrfOf,
  loadSession,
  loginCsrfCookie,
  newToken,
  parseCookies,
  sameToken,
  sessionCookie,
  sessionOf,
  setCookie,
} from './session.js';
import type { WebCtx } from './web-context.js';

export interface WebOptions {
  /** `Secure` cookies; on in production, where docflow is served over HTTPS. */
  secureCookies: boolean;
  /** How long a session lasts (default 8 hours); signing out or revoking the key ends it sooner. */
  sessionTtlMs?: number;
  /** Sign-in attempts per minute per address (default 20). */
  signInsPerMinute?: number;
}

const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

type Handler = (ctx: WebCtx) => Promise<void>;

/** The review app: server-rendered pages at `/` that act through the API's routes as the signed-in key. */
export function webRouter(deps: ApiDeps, routes: Route<any, any>[], options: WebOptions): Router {
  const api = apiCaller(routes);
  const cookies = { secure: options.secureCookies };
  const ttlMs = options.sessionTtlMs ?? 8 * 3600_000;
  const router = Router();
  router.use(
    '/assets',
    express.static(fileURLToPath(new URL('./assets', import.meta.url)), { maxAge: '1h', index: false }),
  );
  // Browser modules providers contribute (a destination's page preview), served by docflow itself.
  router.get('/assets/providers/:provider/:name.js', (req, res, next) => {
    const modules = deps.integrations.catalog.find(req.params.provider!)?.browserModules ?? {};
    const source = Object.hasOwn(modules, req.params.name!) ? modules[req.params.name!] : undefined;
    if (!source) return next();
    res.set('cache-control', 'public, max-age=3600');
    res.type('text/javascript').send(source());
  });
  router.use((_req, res, next) => {
    res.set('content-security-policy', contentSecurityPolicy());
    res.set('cache-control', 'no-store');
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 200 }));
  // Pages count against the same per-minute budget as API keys, per session cookie (hashed) or address.
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimits?.api ?? 600,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => {
        const token = parseCookies(req.get('cookie'))[sessionCookie];
        return token ? createHash('sha256').update(token).digest('hex') : ipKeyGenerator(req.ip ?? '');
      },
      handler: (_req, res) =>
        void res.status(429).type('html').send(errorPage(429, 'Too many requests; wait a minute and try again.')),
    }),
  );
  router.use(loadSession(deps.db));

  const send = (res: Response, status: number, page: string) => res.status(status).type('html').send(page);

  /** A page for signed-in sessions; a change (POST) must carry the session's CSRF token. */
  const page = (handler: Handler) => async (req: Request, res: Response) => {
    const session = sessionOf(res);
    if (!session) {
      if (req.method === 'GET' && !req.path.startsWith('/queue/rows') && !req.path.endsWith('/status'))
        return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return send(res, 401, errorPage(401, 'You are not signed in, or your session has ended. Sign in again.'));
    }
    const viewer = { actor: session.actor, csrfToken: session.csrfToken };
    if (req.method !== 'GET' && !sameToken(session.csrfToken, csrfOf(req))) {
      return send(
        res,
        403,
        errorPage(
          403,
          'This form is missing its security token or it is out of date (CSRF). Reload the page and try again.',
          viewer,
        ),
      );
    }
    const ctx: WebCtx = { req, res, actor: session.actor, viewer, api, deps };
    try {
      await handler(ctx);
    } catch (error) {
      if (!isAppError(error)) throw error;
      send(res, errorStatus[error.code], errorPage(errorStatus[error.code], error.message, viewer));
    }
  };

  // Sign in: exchange an API key for a session.
  router.get('/login', (req, res) => {
    if (sessionOf(res)) return res.redirect(303, safeNext(req.query.next));
    const token = newToken();
    setCookie(res, loginCsrfCookie, token, cookies, 3600);
    send(
      res,
      200,
      loginPage(token, { next: typeof req.query.next === 'string' ? safeNext(req.query.next) : undefined }),
    );
  });
  const signInLimit = rateLimit({
    windowMs: 60_000,
    limit: options.signInsPerMinute ?? 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (_req, res) => send(res, 429, errorPage(429, 'Too many sign-in attempts; wait a minute and try again.')),
  });
  router.post('/login', signInLimit, async (req, res) => {
    const form = req.body as Record<string, unknown>;
    const again = (status: number, error: string) => {
      const token = newToken();
      setCookie(res, loginCsrfCookie, token, cookies, 3600);
      send(res, status, loginPage(token, { error, next: safeNext(form.next) }));
    };
    if (!sameToken(parseCookies(req.get('cookie'))[loginCsrfCookie] ?? '', form._csrf))
      return again(403, 'The sign-in form expired (CSRF check failed); try again.');
    const key = typeof form.key === 'string' ? form.key.trim() : '';
    const identity = key ? await findApiKey(deps.db, key) : undefined;
    if (!identity) {
      // Nothing of what was typed is recorded: it may be a secret pasted by mistake.
      await auditRequest(deps.db, req, '(unknown key)', 'session.create', 'web', 'failure');
      return again(401, 'That API key is unknown, revoked or expired.');
    }
    const session = await createWebSession(deps.db, identity.id, ttlMs);
    await auditRequest(deps.db, req, identity.id, 'session.create', session.id);
    clearCookie(res, loginCsrfCookie, cookies);
    setCookie(res, sessionCookie, session.token, cookies, ttlMs / 1000);
    res.redirect(303, safeNext(form.next));
  });
  router.post(
    '/logout',
    page(async ({ req, res, actor }) => {
      const session = sessionOf(res)!;
      await revokeWebSession(deps.db, session.id);
      await auditRequest(deps.db, req, actor.id, 'session.revoke', session.id);
      clearCookie(res, sessionCookie, cookies);
      res.redirect(303, '/login');
    }),
  );

  // The queue, and its rows alone for the live refresh.
  router.get(
    '/',
    page(async (ctx) => void send(ctx.res, 200, await queuePage(ctx, ctx.req.query))),
  );
  router.get(
    '/queue/rows',
    page(async (ctx) => void send(ctx.res, 200, (await queueRows(ctx, queueFilter(ctx.req.query))).value)),
  );

  // A run, and its review.
  router.get(
    '/runs/:id',
    page(
      async (ctx) =>
        void send(
          ctx.res,
          200,
          await runPage(ctx, ctx.req.params.id as string, {
            notice: typeof ctx.req.query.notice === 'string' ? ctx.req.query.notice : undefined,
          }),
        ),
    ),
  );
  router.get(
    '/runs/:id/status',
    page(async (ctx) => {
      const run = await ctx.api.call(ctx, 'get', '/v1/runs/:id', { params: { id: ctx.req.params.id as string } });
      ctx.res.json({ status: run.status, suggestionId: run.suggestion?.id ?? null });
    }),
  );
  /** Runs a review action; a refusal shows the run again with the reason (and the reviewer's edited text kept). */
  const review = (action: (ctx: WebCtx, id: string, form: Record<string, unknown>) => Promise<string>) =>
    page(async (ctx) => {
      const id = ctx.req.params.id as string;
      const form = ctx.req.body as Record<string, unknown>;
      try {
        const notice = await action(ctx, id, form);
        ctx.res.redirect(303, `/runs/${encodeURIComponent(id)}?notice=${notice}`);
      } catch (error) {
        if (!isAppError(error) || error.code === 'forbidden' || error.code === 'not_found') throw error;
        const edited = Object.fromEntries(
          Object.entries(form).flatMap(([k, v]) =>
            /^after\.\d+$/.test(k) && typeof v === 'string' ? [[Number(k.slice(6)), v.replace(/\r\n/g, '\n')]] : [],
          ),
        );
        const messages = error.details.length
          ? error.details.map((d) =>
              d.path
                ? `${d.path.replace(/^edits\.(\d+)\.after$/, (_m, i) => `Edit ${Number(i) + 1}`)}: ${d.message}`
                : d.message,
            )
          : [error.message];
        send(ctx.res, errorStatus[error.code], await runPage(ctx, id, { errors: messages, edited }));
      }
    });
  router.post(
    '/runs/:id/approve',
    review(async (ctx, id, form) => {
      const run = await ctx.api.call(ctx, 'get', '/v1/runs/:id', { params: { id } });
      const changed = run.suggestion ? editedTexts(form, run.suggestion.edits) : [];
      const suggestionId = typeof form.suggestionId === 'string' && form.suggestionId ? form.suggestionId : undefined;
      if (changed.length) {
        await ctx.api.call(ctx, 'post', '/v1/runs/:id/approve-edited', {
          params: { id },
          body: { ...(suggestionId ? { suggestionId } : {}), edits: changed },
        });
        return 'approved_edited';
      }
      if (suggestionId && run.suggestion && suggestionId !== run.suggestion.id)
        throw new AppError('conflict', 'A newer draft arrived since you opened this page; review it before approving.');
      await ctx.api.call(ctx, 'post', '/v1/runs/:id/approve', { params: { id } });
      return 'approved';
    }),
  );
  router.post(
    '/runs/:id/reject',
    review(async (ctx, id, form) => {
      await ctx.api.call(ctx, 'post', '/v1/runs/:id/reject', {
        params: { id },
        body: { reason: String(form.reason ?? '') },
      });
      return 'rejected';
    }),
  );
  router.post(
    '/runs/:id/request-changes',
    review(async (ctx, id, form) => {
      await ctx.api.call(ctx, 'post', '/v1/runs/:id/request-changes', {
        params: { id },
        body: { feedback: String(form.feedback ?? '') },
      });
      return 'changes_requested';
    }),
  );

  // Projects.
  router.get(
    '/projects',
    page(async (ctx) => void send(ctx.res, 200, await projectsPage(ctx))),
  );
  const requireAllowed = (ctx: WebCtx, method: Route['method'], path: string) => {
    if (!ctx.api.allowed(ctx.actor, method, path))
      throw new AppError(
        'forbidden',
        `editing projects needs the editor role; you are signed in as ${ctx.actor.name} (${ctx.actor.role})`,
      );
  };
  router.get(
    '/projects/new',
    page(async (ctx) => {
      requireAllowed(ctx, 'post', '/v1/projects');
      send(ctx.res, 200, projectForm(ctx, { values: newProjectValues(ctx.deps.integrations.catalog) }));
    }),
  );
  router.post(
    '/projects',
    page(async (ctx) => {
      requireAllowed(ctx, 'post', '/v1/projects');
      const parsed = parseProjectForm(ctx.req.body);
      if (!parsed.body)
        return void send(ctx.res, 400, projectForm(ctx, { values: parsed.values, errors: parsed.errors }));
      try {
        const project = await ctx.api.call(ctx, 'post', '/v1/projects', { body: parsed.body });
        ctx.res.redirect(303, `/projects/${project.id}`);
      } catch (error) {
        send(ctx.res, 400, projectForm(ctx, { values: parsed.values, ...fieldErrorsOf(error) }));
      }
    }),
  );
  router.get(
    '/projects/:id',
    page(async (ctx) => void send(ctx.res, 200, await projectPage(ctx, ctx.req.params.id as string))),
  );
  router.get(
    '/projects/:id/edit',
    page(async (ctx) => {
      requireAllowed(ctx, 'put', '/v1/projects/:id');
      const project = await ctx.api.call(ctx, 'get', '/v1/projects/:id', {
        params: { id: ctx.req.params.id as string },
      });
      send(ctx.res, 200, projectForm(ctx, { id: project.id, values: valuesOf(project) }));
    }),
  );
  router.post(
    '/projects/:id',
    page(async (ctx) => {
      const id = ctx.req.params.id as string;
      requireAllowed(ctx, 'put', '/v1/projects/:id');
      const parsed = parseProjectForm(ctx.req.body);
      if (!parsed.body)
        return void send(ctx.res, 400, projectForm(ctx, { id, values: parsed.values, errors: parsed.errors }));
      try {
        await ctx.api.call(ctx, 'put', '/v1/projects/:id', { params: { id }, body: parsed.body });
        ctx.res.redirect(303, `/projects/${id}`);
      } catch (error) {
        send(
          ctx.res,
          isAppError(error) && error.code === 'not_found' ? 404 : 400,
          projectForm(ctx, { id, values: parsed.values, ...fieldErrorsOf(error) }),
        );
      }
    }),
  );
  router.post(
    '/projects/:id/runs',
    page(async (ctx) => {
      const id = ctx.req.params.id as string;
      const form = ctx.req.body as Record<string, unknown>;
      const sourceText = String(form.source ?? '');
      const note = String(form.note ?? '').trim();
      try {
        let source: unknown;
        try {
          source = JSON.parse(sourceText);
        } catch (error) {
          throw new AppError('invalid_request', `Source: not valid JSON: ${(error as Error).message}`);
        }
        const started = await ctx.api.call(ctx, 'post', '/v1/projects/:id/runs', {
          params: { id },
          body: { source, ...(note ? { note } : {}) },
        });
        ctx.res.redirect(303, `/runs/${started.id}?notice=started`);
      } catch (error) {
        if (!isAppError(error) || error.code === 'forbidden' || error.code === 'not_found') throw error;
        send(
          ctx.res,
          errorStatus[error.code],
          await projectPage(ctx, id, { errors: [error.message], source: sourceText, note }),
        );
      }
    }),
  );

  // Administration.
  router.get(
    '/integrations',
    page(async (ctx) => void send(ctx.res, 200, await integrationsPage(ctx))),
  );
  router.get(
    '/audit',
    page(async (ctx) => void send(ctx.res, 200, await auditPage(ctx, ctx.req.query))),
  );
  router.get(
    '/audit/export',
    page(async (ctx) => {
      ctx.res.set('content-disposition', 'attachment; filename="docflow-audit.ndjson"');
      await ctx.api.call(ctx, 'get', '/v1/audit', {
        query: apiAuditQuery(auditQuery(ctx.req.query), { format: 'ndjson' }),
      });
    }),
  );

  // Anything else under the app's pages that failed unexpectedly: an HTML page, not JSON.
  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/v1') || req.path.startsWith('/webhooks') || !req.accepts('html')) return next(error);
    deps.logger.error({ err: error, requestId: req.id }, 'unhandled error in the review app');
    send(res, 500, errorPage(500, `Internal error; the server log has request id ${req.id ?? ''}.`));
  });
  return router;
}
