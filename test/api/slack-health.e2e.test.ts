import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { insertIntegration } from '../../db/repositories/integrations.js';
import { createWebSession } from '../../db/repositories/web-sessions.js';
import { sessionCookie } from '../../web/session.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack/index.js';
import { signingSecret } from '../support/fake-slack/signed.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const operatorChannel = 'C0OPS';
const operatorIntegration = 'int_operator_slack';
/** The operators' workspace, where broken integrations are reported. */
let ops: FakeSlack;
/** The workspace whose token-mode connection is revoked. */
let team: FakeSlack;
let harness: Harness;
let api: TestApi;
let integrationId: string;

beforeAll(async () => {
  ops = await startFakeSlack({ token: 'xoxb-operators-0123456789-abcdef' });
  team = await startFakeSlack();
  harness = await createHarness({
    env: { DOCFLOW_SLACK_OPERATOR_CHANNEL: operatorChannel, DOCFLOW_SLACK_OPERATOR_INTEGRATION: operatorIntegration },
  });
  // The operator channel's integration is named by the environment, so it exists with a known id.
  const prepared = await harness.integrations.connection('slack').prepare({
    provider: 'slack',
    baseUrl: ops.url,
    auth: { type: 'token', botToken: ops.token },
    signingSecret,
  });
  await insertIntegration(harness.db, {
    id: operatorIntegration,
    provider: 'slack',
    baseUrl: prepared.baseUrl,
    settings: prepared.settings,
    sealedSecrets: harness.secrets.seal(JSON.stringify(prepared.secrets)),
    createdBy: 'test',
  });
  await harness.startWorker();
  api = await startTestApi(harness);
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await ops?.close();
  await team?.close();
});

const scheduleId = () => `slack-health-check-${integrationId}`;
const shown = async () =>
  ((await api.call('GET', '/v1/integrations')).body.integrations as Record<string, string>[]).find(
    (i) => i.id === integrationId,
  )!;
const operatorMessages = () =>
  ops
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === operatorChannel)
    .map((c) => String(c.args.text));

/** Triggers the connection's schedule now and waits for the health check it starts to finish. */
async function checkNow(): Promise<unknown> {
  const handle = harness.client.schedule.getHandle(scheduleId());
  const before = (await handle.describe()).info.recentActions.length;
  await handle.trigger();
  const workflowId = await eventually(async () => {
    const actions = (await handle.describe()).info.recentActions;
    return actions.length > before ? actions.at(-1)!.action.workflow.workflowId : undefined;
  }, 'the triggered health check to start');
  return harness.client.workflow.getHandle(workflowId).result();
}

describe('the health check of a Slack connection made with a bot token, end to end', () => {
  it('is scheduled every 15 minutes when the connection is made', async () => {
    const connected = await api.call('POST', '/v1/integrations', {
      provider: 'slack',
      baseUrl: team.url,
      auth: { type: 'token', botToken: team.token },
      signingSecret,
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    integrationId = connected.body.id;
    const schedule = await harness.client.schedule.getHandle(scheduleId()).describe();
    expect(schedule.action).toMatchObject({
      workflowType: 'maintenanceWorkflow',
      args: [{ provider: 'slack', task: 'health-check', integrationId }],
    });
    expect(schedule.spec.intervals).toEqual([expect.objectContaining({ every: 15 * 60_000 })]);
    expect(await checkNow()).toEqual({ status: 'connected' });
    expect(await shown()).toMatchObject({ status: 'connected', checkedAt: expect.any(String) });
    expect(operatorMessages()).toEqual([]);
  });

  it('a revoked token shows broken, and the operators hear it once: which integration, what failed, how to reconnect', async () => {
    team.revoke('token_revoked');
    expect(await checkNow()).toMatchObject({ status: 'broken' });
    expect(await shown()).toMatchObject({
      status: 'broken',
      statusDetail: expect.stringContaining('auth.test answered token_revoked'),
    });
    const messages = operatorMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`The slack integration ${integrationId} is broken`);
    expect(messages[0]).toContain('Slack refused the bot token: auth.test answered token_revoked');
    expect(messages[0]).toMatch(/To reconnect: Reinstall the Slack app .*POST \/v1\/integrations/);

    // The review app's Integrations page shows it too, with what failed and the provider's advice.
    const admin = await createApiKey(harness.db, { name: 'web admin', role: 'admin' });
    const session = await createWebSession(harness.db, admin.id, 60_000);
    const page = await fetch(`${api.url}/integrations`, {
      headers: { cookie: `${sessionCookie}=${session.token}` },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    const row = html.slice(html.indexOf(integrationId), html.indexOf('</tr>', html.indexOf(integrationId)));
    expect(row).toContain('status-broken');
    expect(row).toContain('auth.test answered token_revoked');
    expect(row).toContain('disconnect the integration and connect it again');

    // Still broken at the next check: nobody is told again.
    const before = (await shown()).checkedAt;
    expect(await checkNow()).toMatchObject({ status: 'broken' });
    expect((await shown()).checkedAt).not.toBe(before);
    expect(operatorMessages()).toHaveLength(1);
    const audit = await harness.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', integrationId)
      .where('actor', '=', 'docflow-health-check')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['integration.broken']);
  });

  it('an outage proves nothing: still broken, nobody told', async () => {
    team.restore();
    team.failNext('auth.test', 503);
    expect(await checkNow()).toMatchObject({ status: 'unknown' });
    expect((await shown()).status).toBe('broken');
    expect(operatorMessages()).toHaveLength(1);
  });

  it('a valid token again shows connected, and the operators hear "works again" once', async () => {
    expect(await checkNow()).toEqual({ status: 'connected' });
    expect(await checkNow()).toEqual({ status: 'connected' });
    const shownNow = await shown();
    expect(shownNow.status).toBe('connected');
    expect(shownNow.statusDetail).toBeUndefined();
    expect(operatorMessages()).toEqual([
      expect.stringContaining('is broken'),
      `The slack integration ${integrationId} works again.`,
    ]);
  });

  it('disconnecting removes the schedule', async () => {
    expect((await api.call('DELETE', `/v1/integrations/${integrationId}`)).status).toBe(204);
    await expect(harness.client.schedule.getHandle(scheduleId()).describe()).rejects.toMatchObject({
      name: 'ScheduleNotFoundError',
    });
  });
});
