import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack/index.js';
import { interactionBody, signingSecret, slackHeaders } from '../support/fake-slack/signed.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const reviewChannel = 'C0REVIEW';
let fake: FakeSlack;
let harness: Harness;
let api: TestApi;
let integrationId: string;
let projectId: string;
let fixture: ReturnType<typeof flagChangeFixture>;

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.group('S0DOCS', ['U0GROUPIE']);
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  fixture = flagChangeFixture();
  const integration = await api.call('POST', '/v1/integrations', {
    provider: 'slack',
    baseUrl: fake.url,
    auth: { type: 'token', botToken: fake.token },
    signingSecret,
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  integrationId = integration.body.id;
  const project = await api.call('POST', '/v1/projects', {
    name: 'reviewed in slack',
    triggers: [{ type: 'manual' }],
    context: [{ type: 'local-git', repo: fixture.source, paths: ['src/**'] }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    review: {
      required: true,
      channel: { type: 'slack', integrationId, channel: reviewChannel, approvers: ['U0APPROVER', 'S0DOCS'] },
    },
    notify: [{ type: 'slack', integrationId, channel: 'C0NEWS', on: ['awaiting_review', 'published'] }],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  projectId = project.body.id;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

const runReaches = (runId: string, status: string) =>
  eventually(async () => {
    const run = (await api.call('GET', `/v1/runs/${runId}`)).body;
    if (run.status === 'failed') throw new Error(`run failed: ${run.reason}: ${run.message}`);
    return run.status === status ? run : undefined;
  }, `${runId} ${status}`);

async function startRun(): Promise<string> {
  const started = await api.call('POST', `/v1/projects/${projectId}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await runReaches(started.body.id, 'awaiting_review');
  return started.body.id;
}

const cardOf = (runId: string) =>
  eventually(
    async () =>
      fake
        .callsTo('chat.postMessage')
        .find((c) => c.args.channel === reviewChannel && String(c.args.blocks ?? '').includes(runId)),
    `the review card of ${runId}`,
  );
const blocksOf = (call: { args: Record<string, unknown> }) => JSON.parse(String(call.args.blocks)) as any[];
const cardUpdates = (ts: string) => fake.callsTo('chat.update').filter((c) => c.args.ts === ts);

async function click(user: string, actionId: string, value: string, triggerId = fake.triggerId()) {
  const body = interactionBody({
    type: 'block_actions',
    trigger_id: triggerId,
    user: { id: user },
    team: { id: 'T0001' },
    channel: { id: reviewChannel },
    container: { type: 'message', channel_id: reviewChannel },
    actions: [{ action_id: actionId, block_id: 'docflow_review', value, action_ts: String(Date.now() / 1000) }],
  });
  return fetch(`${api.url}/webhooks/slack/${integrationId}`, {
    method: 'POST',
    headers: slackHeaders(body, { contentType: 'application/x-www-form-urlencoded' }),
    body,
  });
}

describe('reviewing in Slack: a card per run, decided by approvers', () => {
  it('posts a card when a run awaits review; an approver approves it, the run publishes and the card says so', async () => {
    const runId = await startRun();
    const card = await cardOf(runId);
    const blocks = blocksOf(card);
    const buttons = blocks.find((b) => b.type === 'actions').elements;
    expect(buttons.map((b: any) => b.text.text)).toEqual(['Approve', 'Reject', 'Request changes']);
    expect(JSON.stringify(blocks)).toContain('docs/');
    expect(JSON.stringify(blocks)).toContain('--timeout');
    const value = buttons[0].value as string;
    const ts = card.result.ts as string;

    // Someone not among the approvers: told privately, nothing changes.
    const refused = await click('U0MALLORY', buttons[0].action_id, value);
    expect(refused.status).toBe(200);
    const ephemeral = fake.callsTo('chat.postEphemeral').find((c) => c.args.user === 'U0MALLORY');
    expect(ephemeral?.args.text).toContain('not a reviewer');
    expect((await api.call('GET', `/v1/runs/${runId}`)).body.status).toBe('awaiting_review');

    const approved = await click('U0APPROVER', buttons[0].action_id, value);
    expect(approved.status).toBe(200);
    expect(await approved.text()).toBe('');
    const published = await runReaches(runId, 'published');
    const audit = (await api.call('GET', `/v1/audit?actor=slack:U0APPROVER`)).body;
    expect(JSON.stringify(audit)).toContain(runId);
    const final = await eventually(
      async () => cardUpdates(ts).find((c) => String(c.args.text).includes('published')),
      'the card updated with the outcome',
    );
    expect(String(final.args.text)).toContain('<@U0APPROVER>');
    expect(String(final.args.text)).toContain(published.result.location);
    expect(blocksOf(final).some((b) => b.type === 'actions')).toBe(false);

    // The project's notify channel heard about the statuses it asked for, once each.
    const news = await eventually(async () => {
      const posted = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0NEWS');
      return posted.length >= 2 ? posted.map((c) => String(c.args.text)) : undefined;
    }, 'the notifications');
    expect(news).toHaveLength(2);
    expect(news[0]).toMatch(/awaits review.*docflow\.test\/runs\//);
    expect(news[1]).toContain(`published`);
    expect(news[1]).toContain(published.result.location);

    // A late click on a finished run is explained, not an error.
    const late = await click('U0APPROVER', buttons[0].action_id, value);
    expect(late.status).toBe(200);
    await eventually(
      async () =>
        fake
          .callsTo('chat.postEphemeral')
          .find((c) => c.args.user === 'U0APPROVER' && String(c.args.text).includes('no longer awaits review')),
      'the late click explained',
    );
  });

  it('Reject opens a modal; its submission by a group approver rejects the run with the reason', async () => {
    const runId = await startRun();
    const card = await cardOf(runId);
    const reject = blocksOf(card).find((b) => b.type === 'actions').elements[1];
    const triggerId = fake.triggerId();
    expect((await click('U0GROUPIE', reject.action_id, reject.value, triggerId)).status).toBe(200);
    const modal = fake.callsTo('views.open').find((c) => c.args.trigger_id === triggerId);
    const view = JSON.parse(String(modal!.args.view));
    expect(view.type).toBe('modal');

    const body = interactionBody({
      type: 'view_submission',
      user: { id: 'U0GROUPIE' },
      view: {
        id: 'V123',
        hash: 'h1',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: { values: { reason: { text: { type: 'plain_text_input', value: 'The flag is internal only.' } } } },
      },
    });
    const submitted = await fetch(`${api.url}/webhooks/slack/${integrationId}`, {
      method: 'POST',
      headers: slackHeaders(body, { contentType: 'application/x-www-form-urlencoded' }),
      body,
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe('');
    const rejected = await runReaches(runId, 'rejected');
    expect(rejected).toMatchObject({ reason: 'rejected_by_reviewer', message: 'The flag is internal only.' });
    // "rejected" is not among the statuses the notify entry asked for.
    const news = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0NEWS');
    expect(news.filter((c) => String(c.args.text).includes(runId)).map((c) => String(c.args.text))).toEqual([
      expect.stringContaining('awaits review'),
    ]);
    const audit = (await api.call('GET', `/v1/audit?actor=slack:U0GROUPIE`)).body;
    expect(JSON.stringify(audit)).toContain(runId);
  });

  it('a stale trigger_id is refused by Slack; the reviewer is asked to click again and nothing changes', async () => {
    const runId = await startRun();
    const card = await cardOf(runId);
    const changes = blocksOf(card).find((b) => b.type === 'actions').elements[2];
    const triggerId = fake.triggerId();
    await new Promise((resolve) => setTimeout(resolve, 3100));
    expect((await click('U0APPROVER', changes.action_id, changes.value, triggerId)).status).toBe(200);
    expect(fake.callsTo('views.open').find((c) => c.args.trigger_id === triggerId)).toBeUndefined();
    expect(
      fake.callsTo('chat.postEphemeral').find((c) => String(c.args.text).includes('click the button again')),
    ).toBeDefined();
    expect((await api.call('GET', `/v1/runs/${runId}`)).body.status).toBe('awaiting_review');
  });
});
