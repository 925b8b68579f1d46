import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { createMetrics } from '../../metrics/metrics.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { examplePayload, signedDelivery } from '../support/github-payloads.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let harness: Harness;
let api: TestApi;
let fake: FakeGitHub;
let reviewerKey: string;

beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  // One registry shared by the API and the runs service, as bin/services.ts does.
  const metrics = createMetrics(harness.db);
  api = await startTestApi(harness, { metrics, runs: harness.runs(harness.integrations, metrics) });
  fake = await startFakeGitHub();
  reviewerKey = (await createApiKey(harness.db, { name: 'prometheus', role: 'reviewer' })).key;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

const scrape = async (key: string | null = reviewerKey) => {
  const res = await fetch(`${api.url}/metrics`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

/** The value of one sample (`name{labels} value`), labels matched exactly; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]),
    );
    if (
      Object.keys(found).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => found[k] === v)
    )
      return Number(match[3]);
  }
  return undefined;
}

const runInStatus = (id: string, status: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/runs/${id}`);
    if (res.body.status === 'failed') throw new Error(`run failed: ${res.body.reason}: ${res.body.message}`);
    return res.body.status === status ? res.body : undefined;
  }, `run ${id} to be ${status}`);

describe('GET /metrics', () => {
  it("adds other sources' text after docflow's own, and a comment in place of a source that fails", async () => {
    const metrics = createMetrics(harness.db);
    metrics.alsoServe({ name: 'worker', read: async () => '# TYPE temporal_up gauge\ntemporal_up 1\n' });
    metrics.alsoServe({
      name: 'broken',
      read: async () => {
        throw new Error('connection refused');
      },
    });
    const text = await metrics.text();
    expect(text.indexOf('docflow_runs')).toBeGreaterThan(-1);
    expect(text.indexOf('temporal_up 1')).toBeGreaterThan(text.indexOf('docflow_runs'));
    expect(text).toContain('# broken unavailable: connection refused');
    expect(sample(text, 'temporal_up')).toBe(1);
  });

  it('needs a valid API key, of any role, as a bearer token', async () => {
    const anon = await scrape(null);
    expect(anon.status, anon.text.slice(0, 300)).toBe(401);
    expect((await scrape('dfk_not_a_key')).status).toBe(401);
    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE docflow_http_requests_total counter');
    expect(text).toContain('# TYPE docflow_review_latency_seconds histogram');
    expect(text).toContain('# TYPE docflow_process_resident_memory_bytes gauge');
    const names = [...text.matchAll(/^# TYPE (\S+)/gm)].map(([, name]) => name!);
    expect(names.filter((n) => !n.startsWith('docflow_'))).toEqual([]);
    // Every status is reported, at 0 when no run has it.
    expect(sample(text, 'docflow_runs', { status: 'awaiting_review' })).toBe(0);
  });

  it('counts HTTP requests by route template and status, never by raw path', async () => {
    await api.call('GET', '/v1/runs/run_does_not_exist');
    const { text } = await scrape();
    expect(sample(text, 'docflow_http_requests_total', { method: 'GET', route: '/v1/runs/:id', status: '404' })).toBe(
      1,
    );
    expect(text).not.toContain('run_does_not_exist');
    // Refused before any route matched: counted under its area.
    expect(sample(text, 'docflow_http_requests_total', { method: 'GET', route: '/metrics', status: '401' })).toBe(
      undefined,
    );
    expect(sample(text, 'docflow_http_requests_total', { method: 'GET', route: '/*', status: '401' })).toBe(2);
  });

  it('reflects a run: runs by status, review latency on approval, published', async () => {
    const fixture = flagChangeFixture();
    const project = await api.call('POST', '/v1/projects', {
      name: 'metrics',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
      review: { required: true },
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const run = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
      source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
    });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    await runInStatus(run.body.id, 'awaiting_review');
    let { text } = await scrape();
    expect(sample(text, 'docflow_runs', { status: 'awaiting_review' })).toBe(1);
    expect(sample(text, 'docflow_review_latency_seconds_count', { decision: 'approve' })).toBe(undefined);

    expect((await api.call('POST', `/v1/runs/${run.body.id}/approve`)).status).toBe(200);
    await runInStatus(run.body.id, 'published');
    ({ text } = await scrape());
    expect(sample(text, 'docflow_runs', { status: 'awaiting_review' })).toBe(0);
    expect(sample(text, 'docflow_runs', { status: 'published' })).toBe(1);
    expect(sample(text, 'docflow_review_latency_seconds_count', { decision: 'approve' })).toBe(1);
    const waited = sample(text, 'docflow_review_latency_seconds_sum', { decision: 'approve' })!;
    expect(waited).toBeGreaterThanOrEqual(0);
    expect(waited).toBeLessThan(60);
  });

  it('reports runs that failed while publishing by reason, and not other failures', async () => {
    const at = new Date();
    const runs = [
      {
        id: 'run_metrics_pub_1',
        events: ['drafting', 'awaiting_review', 'publishing', 'failed'],
        reason: 'edit_conflict',
      },
      { id: 'run_metrics_pub_2', events: ['publishing', 'failed'], reason: 'edit_conflict' },
      { id: 'run_metrics_early', events: ['gathering_context', 'failed'], reason: 'invalid_source' },
    ];
    const projectId = (await harness.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()).id;
    for (const run of runs) {
      await harness.db
        .insertInto('runs')
        .values({
          id: run.id,
          project_id: projectId,
          status: 'failed',
          reason: run.reason,
          trigger: 'manual',
          source: JSON.stringify({ type: 'local-git' }),
        })
        .execute();
      for (const status of run.events)
        await harness.db.insertInto('run_events').values({ run_id: run.id, status, at, detail: null }).execute();
    }
    const { text } = await scrape();
    expect(sample(text, 'docflow_publish_failures', { reason: 'edit_conflict' })).toBe(2);
    expect(sample(text, 'docflow_publish_failures', { reason: 'invalid_source' })).toBe(undefined);
    expect(sample(text, 'docflow_runs', { status: 'failed' })).toBe(3);
  });

  it('counts webhook deliveries by provider and outcome, and connections by provider and health', async () => {
    const webhookSecret = 'a-webhook-secret-of-some-length';
    const integration = await api.call('POST', '/v1/integrations', {
      provider: 'github',
      baseUrl: fake.url,
      auth: { type: 'token', token: 'github_pat_test_0123456789abcdefghij' },
      webhookSecret,
    });
    expect(integration.status, JSON.stringify(integration.body)).toBe(201);
    const deliver = async (secret: string, deliveryId?: string, path = `github/${integration.body.id}`) => {
      const { body, headers } = signedDelivery('ping', examplePayload('ping'), secret, deliveryId);
      return (await fetch(`${api.url}/webhooks/${path}`, { method: 'POST', headers, body })).status;
    };
    expect(await deliver(webhookSecret, 'delivery-1')).toBe(200);
    expect(await deliver(webhookSecret, 'delivery-1')).toBe(200);
    expect(await deliver('the-wrong-secret-entirely-0000')).toBe(401);
    expect(await deliver(webhookSecret, undefined, `not-a-provider/${integration.body.id}`)).toBe(404);

    const { text } = await scrape();
    const webhooks = (provider: string, outcome: string) =>
      sample(text, 'docflow_webhook_deliveries_total', { provider, outcome });
    expect(webhooks('github', 'ignored')).toBe(1);
    expect(webhooks('github', 'duplicate')).toBe(1);
    expect(webhooks('github', 'refused')).toBe(1);
    expect(webhooks('unknown', 'refused')).toBe(1);
    expect(text).not.toContain('not-a-provider');
    expect(
      sample(text, 'docflow_http_requests_total', {
        method: 'POST',
        route: '/webhooks/:provider/:integrationId',
        status: '401',
      }),
    ).toBe(1);
    const row = await harness.db.selectFrom('integrations').select('status').executeTakeFirstOrThrow();
    expect(sample(text, 'docflow_integrations', { provider: 'github', status: row.status })).toBe(1);
  });

  it('is described in /openapi.json as text for any role', async () => {
    const document = (await api.call('GET', '/openapi.json')).body;
    const operation = document.paths['/metrics'].get;
    expect(operation['x-required-role']).toBe('reviewer');
    expect(Object.keys(operation.responses['200'].content)).toEqual(['text/plain; version=0.0.4']);
  });
});
