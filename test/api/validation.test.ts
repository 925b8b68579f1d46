import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture, tempDir } from '../support/git-repos.js';
import { createHarness, type Harness } from '../support/harness.js';

let harness: Harness;
let api: TestApi;
let fixture: ReturnType<typeof flagChangeFixture>;
let projectId: string;

const project = (overrides: Record<string, unknown> = {}) => ({
  name: 'app',
  context: [{ type: 'local-git', repo: fixture.source }],
  destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
  ...overrides,
});

beforeAll(async () => {
  // No worker: nothing in this file may start a workflow that needs one to make progress.
  harness = await createHarness();
  api = await startTestApi(harness);
  fixture = flagChangeFixture();
  const created = await api.call('POST', '/v1/projects', project());
  expect(created.status).toBe(201);
  projectId = created.body.id;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
});

async function runCount() {
  const { count } = await harness.client.workflow.count(`TaskQueue = '${harness.taskQueue}'`);
  const rows = await harness.db.selectFrom('runs').select('id').execute();
  return { workflows: count, rows: rows.length };
}

describe('authentication', () => {
  it('refuses /v1 without a valid bearer key, and serves health and OpenAPI without one', async () => {
    const none = await fetch(`${api.url}/v1/projects`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).error.code).toBe('unauthorized');
    const wrong = await api.call('GET', '/v1/projects', undefined, { authorization: 'Bearer dfk_nope' });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect((await ready.json()) as any).toMatchObject({ checks: { database: 'ok', temporal: 'ok' } });
  });

  it('stores keys hashed', async () => {
    const rows = await harness.db.selectFrom('api_keys').select(['hash', 'prefix']).execute();
    expect(rows.some((r) => r.hash === api.key)).toBe(false);
    expect(rows.some((r) => api.key.startsWith(r.prefix))).toBe(true);
  });
});

describe('OpenAPI document', () => {
  it('describes every route the API serves', async () => {
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, method] of [
      ['/v1/projects', 'post'],
      ['/v1/projects/{id}', 'put'],
      ['/v1/projects/{id}/runs', 'post'],
      ['/v1/runs', 'get'],
      ['/v1/runs/{id}', 'get'],
      ['/v1/runs/{id}/approve', 'post'],
      ['/v1/runs/{id}/reject', 'post'],
      ['/v1/runs/{id}/source', 'post'],
      ['/v1/integrations', 'post'],
      ['/v1/integrations/{id}', 'delete'],
      ['/webhooks/{provider}/{integrationId}', 'post'],
      ['/v1/runs/{id}/request-changes', 'post'],
      ['/healthz', 'get'],
      ['/readyz', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/v1/projects'].post.requestBody.content['application/json'].schema.required).toContain('name');
    const run = doc.paths['/v1/runs/{id}'].get.responses['200'].content['application/json'].schema;
    expect(run.properties.suggestedReviewers.items.properties.reasons.items.enum).toEqual([
      'project',
      'author',
      'codeowners',
    ]);
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['malformed JSON', () => '{"name": ', /not valid JSON/],
    ['unknown top-level field', () => project({ colour: 'blue' }), /colour: unknown field/],
    [
      'relative repository path',
      () => project({ context: [{ type: 'local-git', repo: 'relative/path' }] }),
      /context\.0\.repo: must be an absolute path/,
    ],
    [
      'repository that is not git',
      () => project({ context: [{ type: 'local-git', repo: tempDir() }] }),
      /context\.0.*not a git repository/,
    ],
    [
      'docs repository without the base branch',
      () => project({ destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'trunk' }] }),
      /destinations\.0.*branch "trunk"/,
    ],
    ['bad expiry', () => project({ review: { required: true, expireAfter: 'soon' } }), /review\.expireAfter/],
  ])('project with %s', async (_name, body, message) => {
    const before = await api.call('GET', '/v1/projects');
    const res = await api.call('POST', '/v1/projects', body());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toMatch(message);
    const after = await api.call('GET', '/v1/projects');
    expect(after.body.projects).toHaveLength(before.body.projects.length);
  });

  it('names the field path of each problem', async () => {
    const res = await api.call(
      'POST',
      '/v1/projects',
      project({ destinations: [{ type: 'local-git', repo: 'x', baseBranch: '' }] }),
    );
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['destinations.0.repo', 'destinations.0.baseBranch']),
    );
  });

  it.each([
    [
      'an unknown revision',
      () => ({ source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: 'no-such-rev' } }),
      400,
      /no-such-rev/,
    ],
    [
      "a repository that is not the project's context",
      () => ({ source: { type: 'local-git', repo: fixture.docs, base: 'main', head: 'main' } }),
      400,
      /not a local-git context/,
    ],
    ['an unknown source type', () => ({ source: { type: 'svn', repo: '/x' } }), 400, /svn/],
    [
      'an unknown field',
      () => ({ source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head, extra: 1 } }),
      400,
      /source\.extra: unknown field/,
    ],
    [
      'an option-like revision',
      () => ({ source: { type: 'local-git', repo: fixture.source, base: '--output=/tmp/x', head: fixture.head } }),
      400,
      /source\.base/,
    ],
  ])('a run from %s is refused and nothing starts', async (_name, body, status, message) => {
    const before = await runCount();
    const res = await api.call('POST', `/v1/projects/${projectId}/runs`, body());
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await runCount()).toEqual(before);
  });

  it('404s unknown projects and runs, and names unknown routes', async () => {
    expect((await api.call('GET', '/v1/projects/prj_nope')).status).toBe(404);
    expect((await api.call('POST', '/v1/projects/prj_nope/runs', { source: { type: 'local-git' } })).status).toBe(404);
    expect((await api.call('GET', '/v1/runs/run_nope')).status).toBe(404);
    const review = await api.call('POST', '/v1/runs/run_nope/approve');
    expect(review.status).toBe(404);
    expect(review.body.error.code).toBe('not_found');
    const reject = await api.call('POST', '/v1/runs/run_nope/reject', {});
    expect(reject.status).toBe(400);
    expect(reject.body.error.details[0].path).toBe('reason');
    expect((await api.call('GET', '/v1/runs?status=sleeping')).status).toBe(400);
  });

  it('updates and deletes projects', async () => {
    const created = await api.call('POST', '/v1/projects', project({ name: 'temp' }));
    const id = created.body.id;
    const updated = await api.call('PUT', `/v1/projects/${id}`, project({ name: 'renamed' }));
    expect(updated).toMatchObject({ status: 200, body: { id, name: 'renamed' } });
    expect((await api.call('DELETE', `/v1/projects/${id}`)).status).toBe(204);
    expect((await api.call('GET', `/v1/projects/${id}`)).status).toBe(404);
    const audit = await harness.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('target', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['project.create', 'project.update', 'project.delete']);
  });
});
