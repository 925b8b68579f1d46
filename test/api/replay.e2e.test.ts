import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { runIdFor } from '../../runs/handle-webhook.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { fakeLinearApiKey, startFakeLinear, type FakeLinear } from '../support/fake-linear/index.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { examplePayload, signedDelivery } from '../support/github-payloads.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { issuePayload, linearWebhookSecret, signedLinearDelivery } from '../support/linear-payloads.js';

const webhookSecret = 'a-webhook-secret-of-some-length';
const repo = 'Codertocat/Hello-World';
let harness: Harness;
let api: TestApi;
let github: FakeGitHub;
let linear: FakeLinear;
let githubId: string;
let linearId: string;
let projectId: string;
let config: Record<string, any>;

beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  github = await startFakeGitHub();
  linear = await startFakeLinear();
  linear.addIssue({
    identifier: 'ENG-9',
    title: 'Requests hang forever',
    description: 'Add a timeout.',
    state: { name: 'Done', type: 'completed' },
    labels: ['docs'],
  });
  const gh = await api.call('POST', '/v1/integrations', {
    provider: 'github',
    baseUrl: github.url,
    auth: { type: 'token', token: 'github_pat_test_0123456789abcdefghij' },
    webhookSecret,
  });
  expect(gh.status, JSON.stringify(gh.body)).toBe(201);
  githubId = gh.body.id;
  const lin = await api.call('POST', '/v1/integrations', {
    provider: 'linear',
    baseUrl: linear.url,
    auth: { type: 'api_key', apiKey: fakeLinearApiKey },
    webhookSecret: linearWebhookSecret,
  });
  expect(lin.status, JSON.stringify(lin.body)).toBe(201);
  linearId = lin.body.id;
  config = {
    name: 'replayed',
    triggers: [
      { type: 'github', integrationId: githubId, repos: [repo] },
      { type: 'linear', integrationId: linearId, teams: ['ENG'], labels: ['docs'], states: ['Done'] },
    ],
    context: [{ type: 'github', integrationId: githubId }],
    destinations: [{ type: 'local-git', repo: flagChangeFixture().docs, baseBranch: 'main' }],
  };
  const project = await api.call('POST', '/v1/projects', config);
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  projectId = project.body.id;
});
afterAll(async () => {
  await harness?.client.schedule
    .getHandle(harness.runs().deliveryPurgeScheduleId())
    .delete()
    .catch(() => {});
  await api?.close();
  await harness?.close();
  await github?.close();
  await linear?.close();
});

async function post(provider: string, integrationId: string, delivery: { body: string; headers: object }) {
  const res = await fetch(`${api.url}/webhooks/${provider}/${integrationId}`, {
    method: 'POST',
    headers: delivery.headers as Record<string, string>,
    body: delivery.body,
  });
  return { status: res.status, body: (await res.json()) as any };
}
const kept = () =>
  harness.db.selectFrom('webhook_deliveries').selectAll().where('sealed_request', 'is not', null).execute();
const runCount = async () => (await harness.db.selectFrom('runs').select('id').execute()).length;
const workflowCount = async () => (await harness.client.workflow.count(`TaskQueue = "${harness.taskQueue}"`)).count;

const opened = (number: number, draft: boolean) =>
  examplePayload(
    'pull_request',
    (p) => p.action === 'opened',
    (p) => {
      p.number = p.pull_request.number = number;
      p.pull_request.draft = draft;
      p.pull_request.title = `Secret plans number ${number}`;
    },
  );
const openedId = `gh-opened-${Date.now()}`;
const draftId = `gh-draft-${Date.now()}`;
const linearDelivery = `lin-${Date.now()}`;

describe('kept webhook deliveries', () => {
  it('keeps verified GitHub and Linear deliveries sealed (no plaintext in the row) and nothing of an unverified one', async () => {
    expect(
      (await post('github', githubId, signedDelivery('pull_request', opened(2, false), webhookSecret, openedId)))
        .status,
    ).toBe(202);
    expect(
      (await post('github', githubId, signedDelivery('pull_request', opened(3, true), webhookSecret, draftId))).status,
    ).toBe(202);
    // Signed 58.5 s ago: fresh when received, stale by the time it is replayed unless judged at its received-at time.
    const issue = issuePayload({
      action: 'update',
      identifier: 'ENG-9',
      id: linear.issueId('ENG-9'),
      title: 'Requests hang forever',
      state: 'Done',
      labels: ['docs'],
      from: { state: 'In Review' },
      webhookTimestamp: Date.now() - 58_500,
    });
    const lin = await post('linear', linearId, signedLinearDelivery(issue, linearWebhookSecret, linearDelivery));
    expect(lin.status, JSON.stringify(lin.body)).toBe(202);
    const forged = signedDelivery('pull_request', opened(4, false), 'not-the-secret-at-all', 'gh-forged');
    expect((await post('github', githubId, forged)).status).toBe(401);

    const rows = await kept();
    expect(rows.map((r) => r.delivery_id).sort()).toEqual([draftId, openedId, linearDelivery].sort());
    for (const row of rows) {
      expect(row.sealed_outcome).toBeTruthy();
      const raw = JSON.stringify(row);
      for (const plain of [
        'Secret plans',
        'Hello-World',
        'Codertocat',
        'ada@acme.test',
        'Requests hang',
        'x-hub-signature',
        'linear-signature',
      ])
        expect(raw).not.toContain(plain);
    }
    const forgedRow = await harness.db
      .selectFrom('webhook_deliveries')
      .select('delivery_id')
      .where('delivery_id', '=', 'gh-forged')
      .executeTakeFirst();
    expect(forgedRow).toBeUndefined();
  });

  it('replays them against a changed config side by side, starting, signalling and storing nothing', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the Linear delivery is now over 60 s old
    const before = { runs: await runCount(), workflows: await workflowCount(), kept: await kept() };
    const changed = structuredClone(config);
    changed.triggers[0].on = 'merged';
    changed.triggers[1].labels = ['api'];
    const res = await api.call('POST', `/v1/projects/${projectId}/replay`, { since: '1d', config: changed });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byId = new Map(res.body.deliveries.map((d: any) => [d.deliveryId, d]));
    const openedRun = runIdFor(projectId, `${repo}#2`);
    expect(byId.get(openedId)).toMatchObject({
      provider: 'github',
      changed: true,
      then: [{ kind: 'start', runId: openedRun, run: { status: expect.any(String) } }],
      now: { effects: [] },
    });
    expect(byId.get(draftId)).toMatchObject({
      changed: true,
      then: [{ kind: 'skip', reason: 'draft_pull_request', run: { status: 'skipped' } }],
      now: { effects: [] },
    });
    expect(byId.get(linearDelivery)).toMatchObject({
      provider: 'linear',
      changed: true,
      then: [{ kind: 'start' }],
      now: { effects: [] },
    });
    expect(res.body.summary).toMatchObject({ kept: 3, listed: 3, changed: 3, unchanged: 0, errors: 0 });

    const same = await api.call('POST', `/v1/projects/${projectId}/replay`, { since: '1d', config });
    expect(same.body.summary).toMatchObject({ listed: 3, changed: 0, unchanged: 3, errors: 0 });
    const linearNow = same.body.deliveries.find((d: any) => d.deliveryId === linearDelivery);
    expect(linearNow.now.effects).toEqual([expect.objectContaining({ kind: 'start' })]);

    // With batching on, the change that started a run then would join the open batch now.
    const batching = await api.call('POST', `/v1/projects/${projectId}/replay`, {
      since: '1d',
      config: { ...config, batch: { window: '1h' } },
    });
    expect(batching.status, JSON.stringify(batching.body)).toBe(200);
    expect(batching.body.deliveries.find((d: any) => d.deliveryId === openedId)).toMatchObject({
      changed: true,
      now: {
        effects: [
          { kind: 'batch', change: `${repo}#2`, action: 'add', description: `add ${repo}#2 to the open batch` },
        ],
      },
    });

    expect(await runCount()).toBe(before.runs);
    expect(await workflowCount()).toBe(before.workflows);
    expect(await kept()).toEqual(before.kept);
    const project = await api.call('GET', `/v1/projects/${projectId}`);
    expect(project.body.triggers[0].on ?? 'opened').toBe('opened');
  });

  it('refuses a bad config with 400 naming the fields, and changes nothing', async () => {
    const before = { runs: await runCount(), project: (await api.call('GET', `/v1/projects/${projectId}`)).body };
    const bad = await api.call('POST', `/v1/projects/${projectId}/replay`, {
      since: '1d',
      config: { ...config, triggers: [{ type: 'github', integrationId: githubId, repos: 'not-a-list' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^config\.triggers\.0/)]),
    );
    const unknown = await api.call('POST', `/v1/projects/${projectId}/replay`, {
      since: '1d',
      config: { ...config, triggers: [{ type: 'github', integrationId: 'int_missing', repos: [repo] }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: 'config.triggers.0.integrationId' })]);
    expect((await api.call('POST', `/v1/projects/${projectId}/replay`, { since: 'soon', config })).status).toBe(400);
    expect(await runCount()).toBe(before.runs);
    expect((await api.call('GET', `/v1/projects/${projectId}`)).body).toEqual(before.project);
  });

  it('prints one line per delivery with docflow replay, and the API answer with --json', async () => {
    const file = `/tmp/replay-config-${process.pid}.json`;
    const changed = structuredClone(config);
    changed.triggers[0].on = 'merged';
    (await import('node:fs')).writeFileSync(file, JSON.stringify(changed));
    const env = { DOCFLOW_URL: api.url, DOCFLOW_API_KEY: api.key };
    const lines = (await main(['replay', '--project', projectId, '--since', '1d', '--config', file], env)) as string[];
    expect(lines.find((l) => l.includes(openedId))).toMatch(/^≠ .* then start or update run_\S+ .*\| now nothing$/);
    expect(lines.find((l) => l.includes(linearDelivery))).toMatch(
      /^= .* then start or update .* \| now start or update/,
    );
    expect(lines.at(-1)).toMatch(/3 kept deliveries since .*: 2 changed, 1 unchanged/);
    const json = (await main(
      ['replay', '--project', projectId, '--since', '1d', '--config', file, '--json'],
      env,
    )) as any;
    expect(json.summary.changed).toBe(2);
  });

  it('purges deliveries older than the retention with the deployment schedule', async () => {
    const old = new Date(Date.now() - 31 * 86_400_000);
    await harness.db
      .updateTable('webhook_deliveries')
      .set({ received_at: old })
      .where('delivery_id', '=', draftId)
      .execute();
    const runs = harness.runs();
    await runs.ensureDeliveryPurge();
    await runs.ensureDeliveryPurge(); // idempotent
    await harness.client.schedule.getHandle(runs.deliveryPurgeScheduleId()).trigger();
    await eventually(
      async () => ((await kept()).some((r) => r.delivery_id === draftId) ? undefined : true),
      'the old delivery to be purged',
    );
    expect((await kept()).map((r) => r.delivery_id).sort()).toEqual([openedId, linearDelivery].sort());
    // The row stays, so a redelivery of it is still deduplicated.
    const redelivered = await post(
      'github',
      githubId,
      signedDelivery('pull_request', opened(3, true), webhookSecret, draftId),
    );
    expect(redelivered.body.duplicate).toBe(true);
  });
});
