import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import helmet from 'helmet';
import { AppError } from '../core/errors.js';
import { createMetrics } from '../metrics/metrics.js';
import type { ApiDeps } from './deps.js';
import { errorHandler } from './errors.js';
import { failureAudit } from './failure-audit.js';
import { openApiDocument } from './openapi.js';
import { limiter } from './rate-limiter.js';
import { requestGuard } from './request-guard.js';
import { mountRoutes } from './route.js';
import { healthRouter } from './routes/health.js';
import { auditRoutes } from './routes/audit.js';
import { backfillRoutes } from './routes/backfills.js';
import { codecCors, codecRouter, codecUiOrigin } from './routes/codec.js';
import { replayRoutes } from './routes/replay.js';
import { integrationRoutes } from './routes/integrations.js';
import { keyRoutes } from './routes/keys.js';
import { metricsRoutes } from './routes/metrics.js';
import { oauthCallbackRouter, oauthConnectRoutes } from './routes/oauth.js';
import { projectAuditRoutes } from './routes/project-audit.js';
import { projectRoutes } from './routes/projects.js';
import { projectSweepRoutes } from './routes/project-sweeps.js';
import { projectDocsPRRoutes } from './routes/project-docs-prs.js';
import { projectBatchRoutes } from './routes/project-batch.js';
import { reviewEditRoutes } from './routes/review-edits.js';
import { runRoutes } from './routes/runs.js';
import { webhookRouter } from './routes/webhooks.js';
import { webRouter } from '../web/router.js';

export const apiVersion = '0.1.0';

/** Every `/v1` route, each declaring the role it needs. */
export const apiRoutes = (deps: ApiDeps) => [
  ...projectRoutes(deps),
  ...projectSweepRoutes(deps),
  ...projectDocsPRRoutes(deps),
  ...backfillRoutes(deps),
  ...projectAuditRoutes(deps),
  ...replayRoutes(deps),
  ...projectBatchRoutes(deps),
  ...runRoutes(deps),
  ...reviewEditRoutes(deps),
  ...integrationRoutes(deps),
  ...oauthConnectRoutes(deps),
  ...keyRoutes(deps),
  ...auditRoutes(deps),
  ...metricsRoutes(deps),
];

/** Requests no route matched (refused before one, or unknown) are counted under their area, not their path. */
const areas = ['/v1', '/webhooks', '/codec', '/oauth', '/assets'];
const routeLabel = (req: express.Request): string =>
  req.route
    ? `${req.baseUrl}${String(req.route.path)}`
    : `${areas.find((a) => req.path === a || req.path.startsWith(`${a}/`)) ?? ''}/*`;

export function createApp(given: ApiDeps): express.Express {
  const deps: ApiDeps = { ...given, metrics: given.metrics ?? createMetrics(given.db) };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    res.set('x-request-id', req.id);
    const started = Date.now();
    res.on('finish', () => {
      const ms = Date.now() - started;
      deps.logger.info(
        { requestId: req.id, method: req.method, path: req.path, status: res.statusCode, ms },
        'request',
      );
      deps.metrics!.httpRequest({
        method: req.method,
        route: routeLabel(req),
        status: res.statusCode,
        seconds: ms / 1000,
      });
    });
    next();
  });
  const limits = deps.rateLimits ?? { api: 600, webhooks: 1200 };
  const production = process.env.NODE_ENV === 'production';
  const uiOrigin = codecUiOrigin(deps.temporalUiUrl, production);
  if (deps.temporalUiUrl && !uiOrigin)
    deps.logger.warn(
      { temporalUiUrl: deps.temporalUiUrl },
      'outside production the Temporal Web UI may decode run data only from this machine (localhost); its codec calls will be refused',
    );
  app.use(
    '/webhooks',
    limiter(limits.webhooks, (req) => ipKeyGenerator(req.ip ?? '')),
  );
  // Authenticate (and rate-limit) before any body is read: an anonymous client gets 401, never 413.
  // Before authentication, so the Web UI can read a refusal (401) too.
  app.use('/codec', codecCors(uiOrigin));
  app.use(['/v1', '/codec', '/metrics'], ...requestGuard(deps.db, limits.api, { codecUiOrigin: uiOrigin }));
  // Webhooks read their raw body (signatures cover exact bytes), so they come before the JSON parser.
  app.use(webhookRouter(deps));
  app.use(codecRouter(deps));
  app.use(oauthCallbackRouter(deps));
  app.use(express.json({ limit: '1mb', strict: true }));

  const routes = apiRoutes(deps);
  const document = openApiDocument(routes, apiVersion);

  app.use(healthRouter(deps));
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  const router = Router();
  mountRoutes(router, routes, failureAudit(deps.db));
  app.use(router);
  // The review app (web/): pages at `/` acting through the same routes; Secure cookies where served over HTTPS.
  app.use(
    webRouter(deps, routes, {
      secureCookies: production || deps.publicUrl.startsWith('https:'),
    }),
  );
  app.use((req, _res, next) => next(new AppError('not_found', `no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(deps.logger));
  return app;
}

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
  }
}
