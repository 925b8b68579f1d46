import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokenFor } from '../../integrations/kit/oauth/access-token.js';
import { checkConnection } from '../../integrations/kit/oauth/check-connection.js';
import { oauthClientsFrom } from '../../integrations/kit/oauth/tokens.js';
import { zendeskOAuth } from '../../integrations/zendesk/oauth.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeOAuth } from '../support/fake-oauth.js';
import { createHarness, type Harness } from '../support/harness.js';
import { createTestDatabase } from '../support/postgres.js';

const app = { clientId: 'docflow-client', clientSecret: 'docflow-client-secret-123' };
let fake: Awaited<ReturnType<typeof startFakeOAuth>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let harness: Harness;
let api: TestApi;
let clients: ReturnType<typeof oauthClientsFrom>;

beforeAll(async () => {
  fake = await startFakeOAuth({
    ...app,
    tokenPath: '/oauth/tokens',
    healthPath: '/api/v2/users/me.json',
    refreshDelayMs: 150,
  });
  // PostgreSQL, so concurrent refreshes really run in parallel transactions.
  database = await createTestDatabase();
  harness = await createHarness({ databaseUrl: database.url });
  clients = oauthClientsFrom({ zendesk: { ...app, baseUrl: fake.url } }, 'http://docflow.test');
  api = await startTestApi(harness, { oauthClients: clients });
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await database?.drop();
  await fake?.close();
});

async function connect(): Promise<string> {
  const started = await fetch(`${api.url}/v1/integrations/zendesk/connect?subdomain=acme`, {
    headers: { authorization: `Bearer ${api.key}` },
    redirect: 'manual',
  });
  expect(started.status).toBe(302);
  const location = started.headers.get('location')!;
  expect(new URL(location).searchParams.get('code_challenge_method')).toBe('S256');
  expect(new URL(location).searchParams.get('scope')).toBe('tickets:read hc:read hc:write');
  const { code, state } = fake.consent(location, 'http://docflow.test/oauth/zendesk/callback');
  const done = await fetch(`${api.url}/oauth/zendesk/callback?code=${code}&state=${encodeURIComponent(state)}`);
  const body = (await done.json()) as any;
  expect(done.status, JSON.stringify(body)).toBe(200);
  return body.id;
}

describe('OAuth 2.0 connections', () => {
  it('connect → consent → callback stores sealed tokens and schedules a health check', async () => {
    const id = await connect();
    const listed = await api.call('GET', '/v1/integrations');
    expect(listed.body.integrations).toEqual([
      expect.objectContaining({ id, provider: 'zendesk', status: 'connected' }),
    ]);
    const row = await harness.db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.sealed_secrets).not.toMatch(/at_|rt_/);
    expect((await harness.client.schedule.getHandle(`zendesk-health-check-${id}`).describe()).action).toMatchObject({
      workflowType: 'maintenanceWorkflow',
      args: [{ provider: 'zendesk', task: 'health-check', integrationId: id }],
    });
    expect(fake.problems).toEqual([]);
  });

  it('refuses a tampered or foreign state, a denied consent, and unknown or unconfigured providers', async () => {
    const bad = await fetch(`${api.url}/oauth/zendesk/callback?code=x&state=${'A'.repeat(40)}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toMatch(/not one docflow issued/);
    const denied = await fetch(`${api.url}/oauth/zendesk/callback?error=access_denied`);
    expect(((await denied.json()) as any).error.message).toMatch(/did not grant access: access_denied/);
    expect((await api.call('GET', '/v1/integrations/myspace/connect')).status).toBe(404);
    expect((await api.call('GET', '/v1/integrations/slack/connect')).status).toBe(501);
    expect((await api.call('GET', '/v1/integrations/zendesk/connect')).body.error.message).toMatch(/subdomain/);
  });

  it('refreshes once for many concurrent callers, storing the rotated pair before use', async () => {
    const id = await connect();
    const expire = () =>
      harness.db
        .updateTable('integrations')
        .set((eb) => ({
          settings: eb.fn('jsonb_set', [
            eb.ref('settings'),
            eb.val('{expiresAt}'),
            eb.val(JSON.stringify(Date.now() - 1000)),
          ]),
        }))
        .where('id', '=', id)
        .execute();
    await expire();
    const before = fake.refreshCount();
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => accessTokenFor(harness.db, harness.secrets, zendeskOAuth, clients, id)),
    );
    expect(fake.refreshCount() - before).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    await expire();
    await accessTokenFor(harness.db, harness.secrets, zendeskOAuth, clients, id); // the rotated refresh token works
    expect(fake.refreshCount() - before).toBe(2);
  });

  it('health checks mark a broken connection once, and its recovery once', async () => {
    const id = await connect();
    expect(await checkConnection(harness.db, harness.secrets, zendeskOAuth, clients, id)).toEqual({
      status: 'connected',
    });
    fake.revokeAll();
    const changes: unknown[] = [];
    const onChange = async (change: unknown) => void changes.push(change);
    expect(await checkConnection(harness.db, harness.secrets, zendeskOAuth, clients, id, onChange)).toMatchObject({
      status: 'broken',
    });
    expect(await checkConnection(harness.db, harness.secrets, zendeskOAuth, clients, id, onChange)).toMatchObject({
      status: 'broken',
    });
    // Told once per change of status, with what failed.
    expect(changes).toEqual([
      { provider: 'zendesk', status: 'broken', detail: expect.stringMatching(/refused the token/) },
    ]);
    const audit = await harness.db.selectFrom('audit_log').select('action').where('target', '=', id).execute();
    expect(audit.filter((a) => a.action === 'integration.broken')).toHaveLength(1);
    const listed = await api.call('GET', '/v1/integrations');
    expect(listed.body.integrations.find((i: { id: string }) => i.id === id)).toMatchObject({
      status: 'broken',
      statusDetail: expect.stringMatching(/refused the token/),
    });
  });

  it('disconnecting wipes the credentials and removes the health check', async () => {
    const id = await connect();
    expect((await api.call('DELETE', `/v1/integrations/${id}`)).status).toBe(204);
    expect(await harness.db.selectFrom('integrations').selectAll().where('id', '=', id).execute()).toEqual([]);
    expect(
      await harness.client.schedule
        .getHandle(`zendesk-health-check-${id}`)
        .describe()
        .catch((e) => e.constructor.name),
    ).toBe('ScheduleNotFoundError');
    const audit = await harness.db
      .selectFrom('audit_log')
      .select('target')
      .where('action', '=', 'integration.delete')
      .execute();
    expect(audit.map((a) => a.target).join()).toContain(`${id} (provider revocation: not_supported`);
  });
});
