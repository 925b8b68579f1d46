import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/create-activities.js';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { createDrafter } from '../../drafting/create-drafter.js';
import { documentedReason } from '../../activities/failure-reason.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

// Issue 9, items 3, 5, 6, 11 and the low ones: what a black-box attack found at the HTTP edge.
let harness: Harness;
let api: TestApi;
const keys: Record<string, { id: string; key: string }> = {};

beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  keys.editor = await createApiKey(harness.db, { name: 'ed', role: 'editor' });
  keys.reviewer = await createApiKey(harness.db, { name: 'rev', role: 'reviewer', teams: ['docs'] });
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
});

const as = (who: string) => ({ authorization: `Bearer ${keys[who]!.key}` });

function projectBody(fixture: ReturnType<typeof flagChangeFixture>, extra: Record<string, unknown> = {}) {
  return {
    name: 'app',
    context: [{ type: 'local-git', repo: fixture.source, paths: ['src/**'] }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    ...extra,
  };
}

async function awaitingRun(extra: Record<string, unknown> = {}, starter?: string) {
  const fixture = flagChangeFixture();
  const project = await api.call('POST', '/v1/projects', projectBody(fixture, extra));
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  const started = await api.call(
    'POST',
    `/v1/projects/${project.body.id}/runs`,
    { source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head } },
    starter ? as(starter) : {},
  );
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await runInStatus(started.body.id, 'awaiting_review');
  return { projectId: project.body.id as string, runId: started.body.id as string, fixture };
}

const runInStatus = (id: string, status: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/runs/${id}`);
    return res.body.status === status ? res.body : undefined;
  }, `run ${id} to be ${status}`);

const auditOf = (target: string) =>
  harness.db.selectFrom('audit_log').selectAll().where('target', '=', target).orderBy('id').execute();

describe('text the database cannot store (NUL, lone surrogates)', () => {
  it('is refused with 400 naming the field, on every route', async () => {
    const fixture = flagChangeFixture();
    const project = await api.call('POST', '/v1/projects', projectBody(fixture));
    const cases: [string, string, unknown, string][] = [
      ['POST', '/v1/projects', projectBody(fixture, { name: 'a\u0000b' }), 'name'],
      [
        'POST',
        '/v1/projects',
        projectBody(fixture, { reviewers: { users: ['ana'], teams: ['do\u0000cs'] } }),
        'reviewers.teams.0',
      ],
      ['PUT', `/v1/projects/${project.body.id}`, projectBody(fixture, { name: 'x\ud800y' }), 'name'],
      [
        'POST',
        `/v1/projects/${project.body.id}/runs`,
        {
          source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
          note: 'n\u0000',
        },
        'note',
      ],
      ['POST', '/v1/keys', { name: 'k\u0000', role: 'reviewer' }, 'name'],
      ['POST', '/v1/keys', { name: 'k', role: 'reviewer', teams: ['t\u0000'] }, 'teams.0'],
      ['POST', '/v1/runs/run_x/reject', { reason: 'x\u0000y' }, 'reason'],
      ['POST', '/v1/runs/run_x/request-changes', { feedback: '\udc00' }, 'feedback'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await api.call(method, path, body);
      expect(res.status, `${method} ${path} ${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.details[0].path).toBe(field);
      expect(res.body.error.message).toMatch(/NUL/);
    }
    const query = await api.call('GET', '/v1/runs?projectId=a%00b');
    expect(query.status).toBe(400);
    expect(query.body.error.details[0].path).toBe('query.projectId');
    expect(
      (await api.call('GET', '/v1/projects')).body.projects.some((p: { name: string }) => p.name.includes('\u0000')),
    ).toBe(false);
  });

  it('leaves a run awaiting review when a decision carries NUL, and the next decision works', async () => {
    const { runId } = await awaitingRun();
    expect((await api.call('POST', `/v1/runs/${runId}/reject`, { reason: 'x\u0000y' })).status).toBe(400);
    expect((await api.call('POST', `/v1/runs/${runId}/request-changes`, { feedback: 'x\u0000y' })).status).toBe(400);
    expect((await api.call('GET', `/v1/runs/${runId}`)).body.status).toBe('awaiting_review');
    const changes = await api.call('POST', `/v1/runs/${runId}/request-changes`, { feedback: 'shorter please' });
    expect(changes).toMatchObject({ status: 200, body: { status: 'drafting' } });
    // The row says awaiting_review until the workflow records drafting: wait for the second draft's review.
    await eventually(async () => {
      const run = (await api.call('GET', `/v1/runs/${runId}`)).body;
      return run.status === 'awaiting_review' && run.suggestion?.revision === 2 ? run : undefined;
    }, `run ${runId} awaiting review of its second draft`);
    expect((await api.call('POST', `/v1/runs/${runId}/reject`, { reason: 'fine' })).status).toBe(200);
    // The request-changes that took effect is a success; the refused attempts are failures.
    const entries = (await auditOf(runId)).map((e) => [e.action, e.outcome]);
    expect(entries).toEqual([
      ['run.reject', 'failure'],
      ['run.request_changes', 'failure'],
      ['run.request_changes', 'success'],
      ['run.reject', 'success'],
    ]);
  });

  it('makes recordStatus fail for good (not retry for ever) on a value the database refuses', async () => {
    const activities = createActivities({
      db: harness.db,
      drafter: createDrafter({ provider: 'offline' }),
      integrations: harness.integrations,
    });
    const project = await api.call('POST', '/v1/projects', projectBody(flagChangeFixture()));
    const transition = {
      runId: 'run_nul',
      run: { projectId: project.body.id as string, trigger: 'manual', source: { type: 'local-git' } },
      status: 'rejected' as const,
      at: Date.now(),
      reason: 'rejected_by_reviewer',
      reasonMessage: 'x\u0000y',
    };
    const failure = await activities.recordStatus(transition).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'unstorable_value', nonRetryable: true });
    expect((failure as Error).message).not.toContain('\u0000');
    const inSource = await activities
      .recordStatus({ ...transition, reasonMessage: 'ok', run: { ...transition.run, source: { type: 'x\u0000' } } })
      .catch((error: unknown) => error);
    expect(inSource).toMatchObject({ type: 'unstorable_value', nonRetryable: true });
  });

  it('reports only documented reasons for failed runs', () => {
    expect(documentedReason('unstorable_value')).toBe('unstorable_value');
    expect(documentedReason('edit_conflict')).toBe('edit_conflict');
    expect(documentedReason('DatabaseError')).toBe('activity_failed');
    expect(documentedReason('O')).toBe('activity_failed');
    expect(documentedReason(undefined)).toBe('activity_failed');
  });
});

describe('review settings and self-approval', () => {
  it('lets only admins change review or reviewers settings, and audits both outcomes', async () => {
    const fixture = flagChangeFixture();
    const created = await api.call(
      'POST',
      '/v1/projects',
      projectBody(fixture, { reviewers: { users: ['ana'] } }),
      as('editor'),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const change of [
      { reviewers: { users: ['ed'] } },
      { reviewers: undefined },
      { review: { required: false } },
      { review: { required: true, expireAfter: '14d', allowSelfApproval: false } },
    ]) {
      const res = await api.call(
        'PUT',
        `/v1/projects/${id}`,
        projectBody(fixture, { reviewers: { users: ['ana'] }, ...change }),
        as('editor'),
      );
      expect(res.status, JSON.stringify(change)).toBe(403);
      expect(res.body.error.message).toMatch(/review or reviewers settings needs the admin role/);
    }
    expect((await api.call('GET', `/v1/projects/${id}`)).body.reviewers).toEqual({ users: ['ana'], teams: [] });
    // Other edits by an editor still work, reviewers listed in another order count as unchanged.
    const renamed = await api.call(
      'PUT',
      `/v1/projects/${id}`,
      projectBody(fixture, { name: 'renamed', reviewers: { users: ['ana'], teams: [] } }),
      as('editor'),
    );
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const byAdmin = await api.call('PUT', `/v1/projects/${id}`, projectBody(fixture, { reviewers: { users: ['ed'] } }));
    expect(byAdmin.status).toBe(200);
    const entries = (await auditOf(id)).map((e) => [e.actor, e.action, e.outcome]);
    expect(entries).toEqual([
      [keys.editor!.id, 'project.create', 'success'],
      ...Array(4).fill([keys.editor!.id, 'project.update', 'failure']),
      [keys.editor!.id, 'project.update', 'success'],
      [expect.stringMatching(/^key_/), 'project.update', 'success'],
      [expect.stringMatching(/^key_/), 'project.review_settings', 'success'],
    ]);
  });

  it("refuses approval by the run's requester when allowSelfApproval is false", async () => {
    const { runId } = await awaitingRun(
      { review: { required: true, expireAfter: '14d', allowSelfApproval: false } },
      'editor',
    );
    expect((await api.call('GET', `/v1/runs/${runId}`)).body.requestedBy).toBe(keys.editor!.id);
    const self = await api.call('POST', `/v1/runs/${runId}/approve`, undefined, as('editor'));
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/does not allow self-approval/);
    expect((await api.call('POST', `/v1/runs/${runId}/approve`, undefined, as('reviewer'))).status).toBe(200);
  });
});

describe('rate limits', () => {
  const limited = () => startTestApi(harness, { rateLimits: { api: 4, webhooks: 4 } });

  it('count failed authentications per address, /codec included', async () => {
    for (const path of ['/v1/projects', '/codec/decode']) {
      const small = await limited();
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push(
          (
            await fetch(small.url + path, {
              method: path.startsWith('/codec') ? 'POST' : 'GET',
              headers: { authorization: `Bearer dfk_guess_${i}` },
            })
          ).status,
        );
      await small.close();
      expect(statuses.slice(0, 4), path).toEqual([401, 401, 401, 401]);
      expect(statuses.slice(5), path).toEqual([429, 429]);
    }
  });

  it('count per key id, however the Authorization header is spelled', async () => {
    const small = await limited();
    const statuses: number[] = [];
    for (const header of [
      `Bearer ${small.key}`,
      `Bearer  ${small.key}`,
      `BEARER ${small.key}`,
      `bearer\t${small.key}`,
      `Bearer   ${small.key}`,
      `BeArEr ${small.key}`,
    ]) {
      statuses.push((await fetch(`${small.url}/v1/projects`, { headers: { authorization: header } })).status);
    }
    const codec = await fetch(`${small.url}/codec/decode`, {
      method: 'POST',
      headers: { authorization: `Bearer ${small.key}`, 'content-type': 'application/json' },
      body: '{"payloads":[]}',
    });
    await small.close();
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(codec.status).toBe(429);
  });
});

describe('failed and refused mutations are audited', () => {
  it('records 400, 403 and 409 with actor, target, outcome and request id', async () => {
    const bad = await api.call('POST', '/v1/projects', { name: '' }, { 'x-request-id': 'req-invalid-1' });
    expect(bad.status).toBe(400);
    const refused = await api.call('DELETE', '/v1/keys/key_nope', undefined, {
      ...as('reviewer'),
      'x-request-id': 'req-refused-1',
    });
    expect(refused.status).toBe(403);
    const { projectId } = await awaitingRun();
    const conflict = await api.call('DELETE', `/v1/projects/${projectId}`, undefined, {
      'x-request-id': 'req-conflict-1',
    });
    expect(conflict.status).toBe(409);
    const rows = await harness.db
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', 'in', ['req-invalid-1', 'req-refused-1', 'req-conflict-1'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.request_id, r.actor, r.action, r.target, r.outcome])).toEqual([
      ['req-invalid-1', expect.stringMatching(/^key_/), 'project.create', '/v1/projects', 'failure'],
      ['req-refused-1', keys.reviewer!.id, 'key.revoke', 'key_nope', 'failure'],
      ['req-conflict-1', expect.stringMatching(/^key_/), 'project.delete', projectId, 'failure'],
    ]);
  });
});

describe('the low ones', () => {
  it('authenticates before reading a body: an anonymous oversized body is 401, not 413', async () => {
    const res = await fetch(`${api.url}/v1/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
    });
    expect(res.status).toBe(401);
  });

  it('says a JSON null body is not an object, rather than not JSON', async () => {
    for (const [body, kind] of [
      ['null', 'null'],
      ['"x"', 'a string'],
      ['42', 'a number'],
    ]) {
      const res = await api.call('POST', '/v1/projects', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(`request body must be a JSON object, not ${kind}`);
    }
    expect((await api.call('POST', '/v1/projects', '{"name": ')).body.error.message).toMatch(/not valid JSON/);
  });

  it('answers 400 for every validation error and documents no 422', async () => {
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as any;
    const statuses = Object.values(doc.paths).flatMap((methods: any) =>
      Object.values(methods).flatMap((op: any) => Object.keys(op.responses)),
    );
    expect(statuses).not.toContain('422');
    const fixture = flagChangeFixture();
    const project = await api.call('POST', '/v1/projects', projectBody(fixture));
    const run = await api.call('POST', `/v1/projects/${project.body.id}/runs`, { source: { type: 'svn' } });
    expect(run.status).toBe(400);
  });

  it('refuses revoking the last admin key', async () => {
    const listed = await api.call('GET', '/v1/keys');
    const mine = listed.body.keys.find((k: { prefix: string }) => api.key.startsWith(k.prefix));
    for (const other of listed.body.keys.filter(
      (k: { role: string; id: string; revokedAt?: string }) => k.role === 'admin' && k.id !== mine.id && !k.revokedAt,
    )) {
      expect((await api.call('DELETE', `/v1/keys/${other.id}`)).status).toBe(204);
    }
    const last = await api.call('DELETE', `/v1/keys/${mine.id}`);
    expect(last.status).toBe(409);
    expect(last.body.error.message).toMatch(/last admin key/);
    expect((await api.call('GET', '/v1/keys')).status).toBe(200);
  });
});
