import type { ChangeContext } from '../../core/change.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listIntegrations } from '../../db/repositories/integrations.js';
import { runIdFor } from '../../runs/handle-webhook.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack/index.js';
import { interactionBody, mentionEvent, signingSecret, slackHeaders } from '../support/fake-slack/signed.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const channel = 'C0DOCS';
let fake: FakeSlack;
let harness: Harness;
let api: TestApi;
let integrationId: string;
let projectId: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  const fixture = flagChangeFixture();
  const integration = await api.call('POST', '/v1/integrations', {
    provider: 'slack',
    baseUrl: fake.url,
    auth: { type: 'token', botToken: fake.token },
    signingSecret,
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  integrationId = integration.body.id;
  expect(integration.body.webhookUrl).toBe(`http://docflow.test/webhooks/slack/${integrationId}`);
  expect(integration.body.identity).toEqual({
    workspace: 'Acme',
    workspaceId: 'T0001',
    botUser: 'docflow',
    botUserId: 'UBOT0001',
  });
  const project = await api.call('POST', '/v1/projects', {
    name: 'slack-docs',
    triggers: [{ type: 'slack', integrationId, channels: [channel] }],
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  projectId = project.body.id;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

async function deliver(body: string, headers: Record<string, string>) {
  const res = await fetch(`${api.url}/webhooks/slack/${integrationId}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const deliverEvent = (payload: unknown, extra: Record<string, string> = {}) => {
  const body = JSON.stringify(payload);
  return deliver(body, { ...slackHeaders(body), ...extra });
};
const runCount = async () => (await api.call('GET', `/v1/runs?projectId=${projectId}`)).body.runs.length;
const threadRun = (threadTs: string) => runIdFor(projectId, `slack:${integrationId}:${channel}:${threadTs}`);
const repliesIn = (threadTs: string) =>
  fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === threadTs && c.args.channel === channel);
const finished = (runId: string) =>
  eventually(async () => {
    const run = (await api.call('GET', `/v1/runs/${runId}`)).body;
    return ['no_changes', 'published', 'failed', 'awaiting_review'].includes(run.status) ? run : undefined;
  }, `${runId} to finish drafting`);

describe('Slack end to end through the HTTP API, against a fake Slack Web API', () => {
  it('connects in token mode only with a token auth.test accepts', async () => {
    const before = (await listIntegrations(harness.db)).length;
    const refused = await api.call('POST', '/v1/integrations', {
      provider: 'slack',
      baseUrl: fake.url,
      auth: { type: 'token', botToken: 'xoxb-wrong-0123456789' },
      signingSecret,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('invalid_auth');
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'auth.botToken' })]);
    const malformed = await api.call('POST', '/v1/integrations', {
      provider: 'slack',
      auth: { type: 'token', botToken: 'not-a-bot-token' },
      signingSecret: 'short',
    });
    expect(malformed.status).toBe(400);
    // The connection, trigger and review-channel entries are documented from their schemas.
    const openapi = JSON.stringify(await (await fetch(`${api.url}/openapi.json`)).json());
    for (const field of ['"botToken"', '"signingSecret"', '"approvers"', '"message_action"'])
      expect(openapi).toContain(field);
    expect((await listIntegrations(harness.db)).length).toBe(before);
  });

  it('a thread that says the docs are wrong about something concrete is drafted offline, cited with permalinks', async () => {
    const threadTs = '1712345690.000100';
    fake.post(channel, {
      ts: threadTs,
      user: 'U0ALICE',
      text: '<@UBOT0001> the docs are wrong: `--port` defaults to `8080` since last week.',
    });
    expect((await deliverEvent(mentionEvent(channel, threadTs, '<@UBOT0001> the docs are wrong'))).status).toBe(202);
    const run = await finished(threadRun(threadTs));
    expect(run.status, JSON.stringify(run)).toBe('awaiting_review');
    expect(run.suggestion.edits).toEqual([
      expect.objectContaining({
        path: 'docs/cli.md',
        before: '- `--port <number>`: Port to listen on. Default: `3000`.\n',
        after: '- `--port <number>`: Port to listen on. Default: `8080`.\n',
      }),
    ]);
    expect(run.suggestion.edits[0].citations).toEqual([
      expect.objectContaining({
        path: `slack/${channel}/${threadTs}`,
        url: `https://acme.slack.com/archives/${channel}/p1712345690000100`,
      }),
    ]);
  });

  it('echoes the url_verification challenge, and refuses bad or stale signatures with 401 and nothing else', async () => {
    const challenge = await deliverEvent({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    expect(challenge).toEqual({ status: 200, body: { challenge: 'c-123' } });

    const payload = JSON.stringify(mentionEvent(channel, '1712340000.000100', '<@UBOT0001> docs?'));
    const before = await runCount();
    const wrong = await deliver(payload, slackHeaders(payload, { secret: '0'.repeat(32) }));
    expect(wrong.status).toBe(401);
    const stale = await deliver(payload, slackHeaders(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 }));
    expect(stale.status).toBe(401);
    const unsigned = await deliver(payload, { 'content-type': 'application/json' });
    expect(unsigned.status).toBe(401);
    const tampered = slackHeaders(payload);
    expect((await deliver(payload.replace('docs?', 'docs!'), tampered)).status).toBe(401);
    expect(await runCount()).toBe(before);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === '1712340000.000100')).toHaveLength(0);
  });

  it('a signed app_mention starts one run on its thread, answered in the thread; a retry starts nothing', async () => {
    const threadTs = '1712345678.000100';
    fake.post(channel, {
      ts: threadTs,
      user: 'U0ALICE',
      text: 'The docs still say the default port is 3000; we changed it last week. Mail ada@example.com or call +44 20 7946 0958.',
    });
    fake.post(channel, {
      ts: '1712345679.000200',
      thread_ts: threadTs,
      user: 'U0BOB',
      text: '<@UBOT0001> can you fix it?',
    });
    const event = mentionEvent(channel, '1712345679.000200', '<@UBOT0001> can you fix it?', threadTs);
    const first = await deliverEvent(event);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const runId = threadRun(threadTs);
    expect(first.body.actions).toEqual([`started or updated ${runId}`]);

    const ack = await eventually(async () => repliesIn(threadTs)[0], 'the acknowledgement in the thread');
    expect(ack.args.text).toContain(`Looking into it: <http://docflow.test/runs/${runId}|`);

    const retry = await deliverEvent(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.body).toMatchObject({ duplicate: true, actions: [] });

    const run = await finished(runId);
    expect(run.trigger).toBe('slack:mention');
    expect(run.source).toMatchObject({ type: 'slack', channel, threadTs, latestTs: '1712345679.000200' });
    const contexts = await harness.db
      .selectFrom('change_contexts')
      .select('body')
      .where('run_id', '=', runId)
      .execute();
    const body = contexts[0]!.body as ChangeContext;
    // The thread is a conversation file of the change: drafters cite its lines, each linked to its message.
    const thread = body.files.find((f) => f.path === `slack/${channel}/${threadTs}`)!.content!;
    expect(thread).toContain('default port is 3000');
    expect(thread).toContain('<@U0BOB>');
    expect(JSON.stringify(body)).not.toContain('ada@example.com');
    expect(JSON.stringify(body)).not.toContain('7946');
    expect(thread).toMatch(/\[email\]/);
    expect(body.conversations![0]!.messages.map((m) => m.url)).toEqual([
      `https://acme.slack.com/archives/${channel}/p1712345678000100`,
      `https://acme.slack.com/archives/${channel}/p1712345679000200?thread_ts=${threadTs}&cid=${channel}`,
    ]);
    // The outcome is said in the thread too; the retry added nothing.
    await eventually(async () => (repliesIn(threadTs).length === 2 ? true : undefined), 'the outcome in the thread');
    expect(repliesIn(threadTs)[1]!.args.text).toMatch(/^No docs change/);
    expect(
      (await api.call('GET', `/v1/runs?projectId=${projectId}`)).body.runs.filter((r: any) => r.id === runId),
    ).toHaveLength(1);
  });

  it('a follow-up mention in the same thread reaches the same run, which gathers and drafts again', async () => {
    const threadTs = '1712345700.000100';
    fake.post(channel, { ts: threadTs, user: 'U0ALICE', text: '<@UBOT0001> the timeout flag is undocumented' });
    await deliverEvent(mentionEvent(channel, threadTs, '<@UBOT0001> the timeout flag is undocumented'));
    const runId = threadRun(threadTs);
    await finished(runId);
    const gathered = fake.callsTo('conversations.replies').filter((c) => c.args.ts === threadTs).length;

    fake.post(channel, { ts: '1712345701.000200', thread_ts: threadTs, user: 'U0BOB', text: '<@UBOT0001> and --host' });
    const followUp = await deliverEvent(mentionEvent(channel, '1712345701.000200', '<@UBOT0001> and --host', threadTs));
    expect(followUp.body.actions).toEqual([`started or updated ${runId}`]);
    await eventually(
      async () =>
        fake.callsTo('conversations.replies').filter((c) => c.args.ts === threadTs).length > gathered
          ? true
          : undefined,
      'the thread gathered again',
    );
    const run = await finished(runId);
    expect(run.source.latestTs).toBe('1712345701.000200');
    await eventually(
      async () => repliesIn(threadTs).find((c) => String(c.args.text).startsWith('Added to the run')),
      'the follow-up acknowledged',
    );
  });

  it('the "Update docs" message shortcut starts a run on that message; other shortcuts and channels do not', async () => {
    const ts = '1712345800.000100';
    fake.post(channel, { ts, user: 'U0ALICE', text: 'Rate limits changed to 100/min' });
    const shortcut = (callbackId: string, channelId = channel) =>
      interactionBody({
        type: 'message_action',
        callback_id: callbackId,
        trigger_id: fake.triggerId(),
        response_url: 'https://hooks.slack.test/x',
        team: { id: 'T0001' },
        user: { id: 'U0ALICE' },
        channel: { id: channelId },
        message: { type: 'message', ts, user: 'U0ALICE', text: 'Rate limits changed to 100/min' },
      });
    const form = { contentType: 'application/x-www-form-urlencoded' };
    const other = shortcut('something_else');
    expect((await deliver(other, slackHeaders(other, form))).body.actions ?? []).toEqual([]);
    const elsewhere = shortcut('docflow_update_docs', 'C0OTHER');
    expect((await deliver(elsewhere, slackHeaders(elsewhere, form))).body.actions ?? []).toEqual([]);

    const body = shortcut('docflow_update_docs');
    const res = await deliver(body, slackHeaders(body, form));
    expect(res.status).toBe(200);
    const runId = threadRun(ts);
    const run = await finished(runId);
    expect(run.trigger).toBe('slack:message_action');
  });

  it('a message in a thread without a run starts nothing, and the bot ignores its own messages', async () => {
    const before = await runCount();
    const reply = mentionEvent(channel, '1712345900.000200', 'just chatting', '1712345900.000100', 'message');
    expect((await deliverEvent(reply)).body.actions).toEqual([`no running ${threadRun('1712345900.000100')}`]);
    const own = {
      ...mentionEvent(channel, '1712345901.000100', 'Looking into it', undefined),
      event: { type: 'app_mention', user: fake.botUserId, text: 'x', ts: '1712345901.000100', channel },
    };
    expect((await deliverEvent(own)).body.actions ?? []).toEqual([]);
    expect(await runCount()).toBe(before);
  });
});
