import { createCatalog } from '../../integrations/catalog.js';
import { providers } from '../../integrations/registry.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../api/app.js';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { hasRole, roles } from '../../core/roles.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let harness: Harness;
let api: TestApi;
const keys: Record<string, string> = {};

beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  for (const role of roles)
    keys[role] = (
      await createApiKey(harness.db, { name: `${role}-user`, role, teams: role === 'reviewer' ? ['docs-team'] : [] })
    ).key;
  keys.outsider = (await createApiKey(harness.db, { name: 'outsider', role: 'reviewer', teams: ['other-team'] })).key;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
});

const call = async (method: string, path: string, key: string | undefined, body?: unknown) => {
  const res = await fetch(api.url + path, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
    body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(body ?? {}),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
};

describe('every route × every role', () => {
  const routes = apiRoutes({ integrations: { catalog: createCatalog(providers) } } as never);
  it('declares a role for every /v1 route', () => {
    expect(routes.length).toBeGreaterThanOrEqual(17);
    for (const route of routes) expect(roles, `${route.method} ${route.path}`).toContain(route.role);
  });

  for (const route of routes) {
    it(`${route.method.toUpperCase()} ${route.path} needs ${route.role}`, async () => {
      const path = route.path.replace(/:\w+/g, 'x_unknown');
      expect((await call(route.method.toUpperCase(), path, undefined)).status).toBe(401);
      for (const role of roles) {
        const res = await call(route.method.toUpperCase(), path, keys[role]);
        if (hasRole(role, route.role))
          expect([401, 403], `${role}: ${JSON.stringify(res.body)}`).not.toContain(res.status);
        else {
          expect(res.status, role).toBe(403);
          expect(res.body.error.message).toMatch(new RegExp(`needs the ${route.role} role`));
        }
      }
    });
  }
});

describe('project reviewers', () => {
  it("lets only the named users and teams (and admins) review a project's runs", async () => {
    const fixture = flagChangeFixture();
    const project = await call('POST', '/v1/projects', keys.editor, {
      name: 'scoped',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main' }],
      reviewers: { teams: ['docs-team'] },
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const run = await call('POST', `/v1/projects/${project.body.id}/runs`, keys.editor, {
      source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
    });
    await eventually(
      async () =>
        (await call('GET', `/v1/runs/${run.body.id}`, keys.reviewer)).body.status === 'awaiting_review'
          ? true
          : undefined,
      'awaiting_review',
    );

    const outsider = await call('POST', `/v1/runs/${run.body.id}/approve`, keys.outsider);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toMatch(/outsider is not a reviewer of project/);
    const editor = await call('POST', `/v1/runs/${run.body.id}/reject`, keys.editor, { reason: 'x' });
    expect(editor.status).toBe(403);
    expect(
      (await call('POST', `/v1/runs/${run.body.id}/reject`, keys.reviewer, { reason: 'by the team' })).status,
    ).toBe(200);
  });
});

describe('API keys', () => {
  it('are shown once, listed by prefix, expire, and stop working when revoked', async () => {
    const created = await call('POST', '/v1/keys', keys.admin, {
      name: 'ci bot',
      role: 'editor',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^dfk_/);
    const listed = await call('GET', '/v1/keys', keys.admin);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect(listed.body.keys.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({
      name: 'ci bot',
      role: 'editor',
      prefix: created.body.key.slice(0, 8),
    });
    expect((await call('GET', '/v1/projects', created.body.key)).status).toBe(200);
    expect((await call('DELETE', `/v1/keys/${created.body.id}`, keys.admin)).status).toBe(204);
    expect((await call('GET', '/v1/projects', created.body.key)).status).toBe(401);
    expect(
      (await call('POST', '/v1/keys', keys.admin, { name: 'old', role: 'editor', expiresAt: '2001-01-01T00:00:00Z' }))
        .status,
    ).toBe(400);
  });
});

describe('the audit log', () => {
  it('records mutations and decisions with actor, target and request id, and exports NDJSON', async () => {
    const res = await call('GET', '/v1/audit?action=key.revoke', keys.admin);
    expect(res.body.entries.length).toBeGreaterThanOrEqual(1);
    expect(res.body.entries).toContainEqual(
      expect.objectContaining({ action: 'key.revoke', outcome: 'success', requestId: expect.any(String) }),
    );
    // The route × role walk above was refused for editors and reviewers: those attempts are on record too.
    expect(res.body.entries).toContainEqual(
      expect.objectContaining({ action: 'key.revoke', outcome: 'failure', requestId: expect.any(String) }),
    );
    const decisions = await call('GET', '/v1/audit?action=run.reject', keys.admin);
    expect(decisions.body.entries.length).toBeGreaterThanOrEqual(1);
    const ndjson = await fetch(`${api.url}/v1/audit?format=ndjson`, {
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    expect(ndjson.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await ndjson.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.action)).toEqual(
      expect.arrayContaining(['key.create', 'key.revoke', 'project.create', 'run.start', 'run.reject']),
    );
    expect(lines.map((l) => l.id)).toEqual([...lines.map((l) => l.id)].sort((a, b) => a - b));
  });
});
