import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../runs/handle-webhook.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { examplePayload, signedDelivery } from '../support/github-payloads.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { createHarness, type Harness } from '../support/harness.js';

// No worker runs here: these tests stop at "the right workflow was started or signalled".
let harness: Harness;
// Only for the credential check on connect (GET /user).
let fake: FakeGitHub;
let api: TestApi;
let integrationId: string;
let projectId: string;
const webhookSecret = 'a-webhook-secret-of-some-length';
const token = 'github_pat_test_0123456789abcdefghij';
const repo = 'Codertocat/Hello-World';

beforeAll(async () => {
  harness = await createHarness();
  api = await startTestApi(harness);
  fake = await startFakeGitHub();
  const integration = await api.call('POST', '/v1/integrations', {
    provider: 'github',
    baseUrl: fake.url,
    auth: { type: 'token', token },
    webhookSecret,
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  integrationId = integration.body.id;
  const fixture = flagChangeFixture();
  const project = await api.call('POST', '/v1/projects', {
    name: 'gh',
    triggers: [{ type: 'github', integrationId, repos: [repo] }],
    context: [{ type: 'github', integrationId }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main' }],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  projectId = project.body.id;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

async function deliver(
  event: string,
  payload: unknown,
  options: { secret?: string; deliveryId?: string; drop?: string } = {},
) {
  const { body, headers } = signedDelivery(event, payload, options.secret ?? webhookSecret, options.deliveryId);
  if (options.drop) delete (headers as Record<string, string>)[options.drop];
  const res = await fetch(`${api.url}/webhooks/github/${integrationId}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}
const deliveries = () => harness.db.selectFrom('webhook_deliveries').selectAll().execute();
const opened = () => examplePayload('pull_request', (p) => p.action === 'opened');

describe('GitHub integrations', () => {
  it('answer with the webhook URL and never echo or store a secret in the clear', async () => {
    const listed = await api.call('GET', '/v1/integrations');
    expect(listed.body.integrations).toEqual([
      expect.objectContaining({
        id: integrationId,
        provider: 'github',
        auth: 'token',
        webhookUrl: `http://docflow.test/webhooks/github/${integrationId}`,
      }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(JSON.stringify(listed.body)).not.toContain(webhookSecret);
    const row = await harness.db.selectFrom('integrations').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(webhookSecret);
  });

  it('refuse bad connection settings with field paths', async () => {
    const res = await api.call('POST', '/v1/integrations', {
      provider: 'github',
      auth: { type: 'app', appId: 'x', privateKey: 'nope' },
      webhookSecret: 'short',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['auth.appId', 'auth.privateKey', 'webhookSecret']),
    );
  });
});

describe('POST /webhooks/github/:integrationId', () => {
  it('answers 401 and records nothing when the signature is missing or wrong', async () => {
    const before = (await deliveries()).length;
    expect((await deliver('pull_request', opened(), { drop: 'x-hub-signature-256' })).status).toBe(401);
    const wrong = await deliver('pull_request', opened(), { secret: 'not-the-secret-at-all' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/webhook secret/);
    expect((await deliveries()).length).toBe(before);
  });

  it('answers 404 for an unknown integration (fail closed)', async () => {
    const { body, headers } = signedDelivery('ping', examplePayload('ping'), webhookSecret);
    const res = await fetch(`${api.url}/webhooks/github/int_unknown`, { method: 'POST', headers, body });
    expect(res.status).toBe(404);
  });

  it('acknowledges ping with 200', async () => {
    expect(await deliver('ping', examplePayload('ping'))).toMatchObject({ status: 200, body: { actions: [] } });
  });

  it('starts one run per pull request; redeliveries and later events reach the same run', async () => {
    const first = await deliver('pull_request', opened());
    expect(first.status).toBe(202);
    const runId = runIdFor(projectId, `${repo}#2`);
    expect(first.body.actions).toEqual([`started or updated ${runId}`]);
    const run = await api.call('GET', `/v1/runs/${runId}`);
    expect(run.body).toMatchObject({
      id: runId,
      projectId,
      trigger: 'github:pull_request.opened',
      source: { type: 'github', repo, pullNumber: 2 },
    });

    const again = await deliver('pull_request', opened(), { deliveryId: first.body.delivery });
    expect(again).toMatchObject({ status: 200, body: { duplicate: true, actions: [] } });

    const sync = examplePayload(
      'pull_request',
      (p) => p.action === 'synchronize',
      (p) => (p.pull_request.head.sha = 'b'.repeat(40)),
    );
    expect((await deliver('pull_request', sync)).body.actions).toEqual([`started or updated ${runId}`]);

    const history = await harness.client.workflow.getHandle(runId).fetchHistory();
    const started = history.events!.filter((e) => e.workflowExecutionStartedEventAttributes);
    const signals = history.events!.filter((e) => e.workflowExecutionSignaledEventAttributes);
    expect(started).toHaveLength(1);
    expect(signals).toHaveLength(2); // the start's own signal and the new head; the redelivery sent none
  });

  it("audits the runs webhooks start and update, with the delivery's request id", async () => {
    const runId = runIdFor(projectId, `${repo}#2`);
    const entries = await harness.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target', '=', runId)
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.actor, e.action, e.outcome])).toEqual([
      [`webhook:github:${integrationId}`, 'run.start', 'success'],
      [`webhook:github:${integrationId}`, 'run.source_updated', 'success'],
    ]);
    expect(entries.every((e) => e.request_id)).toBe(true);
  });

  it('records skipped events as runs with their reason', async () => {
    const draft = examplePayload(
      'pull_request',
      (p) => p.action === 'opened',
      (p) => {
        p.pull_request.draft = true;
        p.pull_request.number = 77;
      },
    );
    const res = await deliver('pull_request', draft);
    expect(res.status).toBe(202);
    const skipped = await api.call('GET', `/v1/runs?projectId=${projectId}&status=skipped`);
    expect(skipped.body.runs).toEqual([
      expect.objectContaining({
        status: 'skipped',
        reason: 'draft_pull_request',
        source: expect.objectContaining({ pullNumber: 77 }),
      }),
    ]);
  });

  it('closing an unmerged PR signals its run; the webhook of a deleted integration is 404', async () => {
    const closed = await deliver(
      'pull_request',
      examplePayload('pull_request', (p) => p.action === 'closed'),
    );
    expect(closed.body.actions).toEqual([`signalled ${runIdFor(projectId, `${repo}#2`)}`]);
    expect((await api.call('DELETE', `/v1/integrations/${integrationId}`)).status).toBe(204);
    expect((await deliver('ping', examplePayload('ping'))).status).toBe(404);
  });
});
