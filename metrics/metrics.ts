import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { runStatuses } from '../core/run-status.js';
import type { Db } from '../db/database.js';

/** What a webhook delivery came to: started or signalled something, a redelivery, nothing to do, refused (4xx), or an error. */
export type WebhookOutcome = 'handled' | 'duplicate' | 'ignored' | 'refused' | 'failed';

export interface Metrics {
  /** The Prometheus registry served at `GET /metrics`. */
  registry: Registry;
  /** What `GET /metrics` answers: the registry, then the text of every source added with `alsoServe`. */
  text(): Promise<string>;
  /** Adds metrics in the Prometheus text format from elsewhere (the in-process worker's Temporal SDK metrics). */
  alsoServe(source: { name: string; read(): Promise<string> }): void;
  httpRequest(request: { method: string; route: string; status: number; seconds: number }): void;
  webhookDelivery(provider: string, outcome: WebhookOutcome): void;
  /** A reviewer's decision taken `seconds` after the run reached `awaiting_review`. */
  reviewDecided(decision: string, seconds: number): void;
}

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * docflow's metrics, all named `docflow_`. Counters and histograms count what this process saw since it
 * started; runs by status, publish failures and connection health are read from the database on each
 * scrape (a few grouped counts), so they are the same whichever process is scraped and survive restarts.
 */
export function createMetrics(db: Db): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'docflow_' });

  const httpRequests = new Counter({
    name: 'docflow_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'docflow_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'docflow_webhook_deliveries_total',
    help: 'Webhook deliveries by provider and outcome (handled, duplicate, ignored, refused, failed)',
    labelNames: ['provider', 'outcome'] as const,
    registers: [registry],
  });
  const reviewLatency = new Histogram({
    name: 'docflow_review_latency_seconds',
    help: 'Time from awaiting_review to a reviewer decision, by decision (approve, reject, request_changes)',
    labelNames: ['decision'] as const,
    buckets: [minute, 5 * minute, 15 * minute, hour, 4 * hour, 12 * hour, day, 3 * day, 7 * day, 14 * day],
    registers: [registry],
  });

  new Gauge({
    name: 'docflow_runs',
    help: 'Runs by status (read from the database on scrape)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('runs')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('status')
        .execute();
      this.reset();
      // Every status is reported, at 0 when no run has it, so a series never disappears.
      for (const status of runStatuses) this.set({ status }, 0);
      for (const row of rows) this.set({ status: row.status }, Number(row.n));
    },
  });
  new Gauge({
    name: 'docflow_publish_failures',
    help: 'Runs that failed while publishing, by failure reason (read from the database on scrape; a deleted project takes its runs away)',
    labelNames: ['reason'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('runs')
        .select(['reason', (eb) => eb.fn.countAll<string>().as('n')])
        .where('status', '=', 'failed')
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('run_events')
              .select(sql`1`.as('one'))
              .whereRef('run_events.run_id', '=', 'runs.id')
              .where('run_events.status', '=', 'publishing'),
          ),
        )
        .groupBy('reason')
        .execute();
      this.reset();
      for (const row of rows) this.set({ reason: row.reason ?? 'unknown' }, Number(row.n));
    },
  });
  new Gauge({
    name: 'docflow_integrations',
    help: 'Connected integrations by provider and health status (read from the database on scrape)',
    labelNames: ['provider', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('integrations')
        .select(['provider', 'status', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy(['provider', 'status'])
        .execute();
      this.reset();
      for (const row of rows) this.set({ provider: row.provider, status: row.status }, Number(row.n));
    },
  });

  const sources: { name: string; read(): Promise<string> }[] = [];
  return {
    registry,
    async text() {
      const parts = [await registry.metrics()];
      for (const source of sources)
        // One source down must not take the scrape with it; a comment says what is missing.
        parts.push(await source.read().catch((error: Error) => `# ${source.name} unavailable: ${error.message}\n`));
      return parts.join('\n');
    },
    alsoServe(source) {
      sources.push(source);
    },
    httpRequest({ method, route, status, seconds }) {
      httpRequests.inc({ method, route, status: String(status) });
      httpDuration.observe({ method, route }, seconds);
    },
    webhookDelivery(provider, outcome) {
      webhooks.inc({ provider, outcome });
    },
    reviewDecided(decision, seconds) {
      reviewLatency.observe({ decision }, Math.max(0, seconds));
    },
  };
}
