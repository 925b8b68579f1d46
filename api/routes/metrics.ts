import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

/** `GET /metrics`: Prometheus text format, for any valid API key (Prometheus scrapes with `bearer_token`). */
export function metricsRoutes(deps: ApiDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/metrics',
      tag: 'operations',
      role: 'reviewer',
      summary:
        "Prometheus metrics (docflow_*): HTTP requests, webhook deliveries, runs by status, review latency, publish failures, connection health, process; with `npm start` and DOCFLOW_TEMPORAL_METRICS_ADDRESS, the worker's Temporal SDK metrics (temporal_*) too",
      responses: {
        200: {
          description: 'Prometheus text exposition format',
          schema: z.string(),
          contentType: 'text/plain; version=0.0.4',
        },
        401: { description: 'Missing or invalid API key', schema: errorSchema },
      },
      async handle({ res }) {
        const text = await deps.metrics!.text();
        res.set('content-type', deps.metrics!.registry.contentType).set('cache-control', 'no-store').send(text);
        return { streamed: true };
      },
    }),
  ];
}
