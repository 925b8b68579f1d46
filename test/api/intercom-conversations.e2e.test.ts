import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../integrations/catalog.js';
import { providers } from '../../integrations/registry.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeIntercom, type ConversationFixture, type FakeIntercom } from '../support/fake-intercom/server.js';
import { tempDir } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { folder } from '../support/toy-provider/index.js';
import { writeFiles } from '../support/toy-provider/flag-change-folders.js';
import { webhookContract } from '../integrations/contracts/webhook-contract.js';
import {
  conversationWithPersonalData,
  inboxUrl,
  intercomClientSecret,
  personalData,
} from '../integrations/intercom/conversations-fixture.js';
import { intercomToken } from '../integrations/intercom/intercom-fixture.js';

const catalog = createCatalog([...providers, folder]);
const startedAt = Math.floor(Date.now() / 1000);
const hoursAgo = (h: number) => startedAt - h * 3600;
/** Intercom conversation ids are long decimal strings. */
const cid = (n: number) => String(215000000000000 + n);
const conversation = (
  n: number,
  h: number,
  text: string,
  extra: Partial<ConversationFixture> = {},
): ConversationFixture => ({
  id: cid(n),
  updatedAt: hoursAgo(h),
  title: `Question ${n}`,
  contact: { name: `Customer Number${n}`, email: `customer${n}@mail.test` },
  messages: [
    { from: 'contact', body: text },
    { from: 'admin', body: `Answer: ${text}` },
  ],
  ...extra,
});
const sign = (body: string, secret = intercomClientSecret) =>
  `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;

let fake: FakeIntercom;
let harness: Harness;
let api: TestApi;
let integrationId: string;
let projectId: string;
let docsRoot: string;

async function createProject(name: string, trigger: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const root = tempDir();
  writeFiles(root, { 'code/README.md': '# app\n' });
  const project = await api.call('POST', '/v1/projects', {
    name,
    triggers: [{ type: 'intercom', integrationId, ...trigger }],
    context: [{ type: 'folder', root: `${root}/code` }],
    destinations: [{ type: 'folder', root: docsRoot, docsDir: 'docs' }],
    ...extra,
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  return project.body.id as string;
}

const schedule = (id: string) => harness.client.schedule.getHandle(`intercom-sweep-${id}`).describe();
const runsOf = async (id: string) =>
  (await harness.db.selectFrom('runs').selectAll().where('project_id', '=', id).orderBy('id').execute()).filter(
    (r) => r.trigger === 'intercom.sweep',
  );
const idsOf = (source: unknown) => (source as { conversations: { id: string }[] }).conversations.map((c) => c.id);
const sweepDone = (id: string, sweepId: string) =>
  eventually(async () => {
    const sweeps = (await api.call('GET', `/v1/projects/${id}/sweeps`)).body.sweeps as { id: string; status: string }[];
    const sweep = sweeps.find((s) => s.id === sweepId);
    if (sweep?.status === 'failed') throw new Error(`sweep failed: ${JSON.stringify(sweep)}`);
    return sweep?.status === 'completed' ? sweep : undefined;
  }, `sweep ${sweepId}`);

beforeAll(async () => {
  fake = await startFakeIntercom(intercomToken);
  // A gap (three duplicates and the conversation full of personal data: `--delimiter` is documented nowhere), a
  // contradiction (support corrects the documented timeout), one the docs cover, one excluded, one still open.
  fake.addConversation(conversation(11, 60, 'The export ignores `--delimiter` when I pass a semicolon'));
  fake.addConversation(conversation(12, 50, 'How do I set --delimiter for the export?'));
  fake.addConversation(conversation(13, 40, 'Is --delimiter documented anywhere?'));
  fake.addConversation(
    conversation(21, 45, 'Exports time out after half a minute?', {
      messages: [
        { from: 'contact', body: 'My exports stop after half a minute, the docs say a minute.' },
        { from: 'admin', type: 'note', body: 'Check with the EXPORT_TIMEOUT_SECONDS owners, docs say 90?' },
        { from: 'admin', body: 'EXPORT_TIMEOUT_SECONDS has a default of 30 since 2.0, not 60.' },
      ],
    }),
  );
  fake.addConversation(conversation(22, 35, 'Can I raise EXPORT_TIMEOUT_SECONDS above 60?'));
  fake.addConversation(conversationWithPersonalData(cid(31), hoursAgo(30)));
  fake.addConversation(
    conversation(71, 25, 'How often are uploads retried?', {
      messages: [
        { from: 'contact', body: 'How often are failed uploads retried?' },
        { from: 'bot', body: 'Three times: `retry.max_attempts` defaults to `3`.' },
      ],
    }),
  );
  fake.addConversation(conversation(41, 20, 'Please delete my account', { tags: ['no-docs'] }));
  fake.addConversation(conversation(51, 10, 'Still waiting on `--delimiter`', { state: 'open' }));
  docsRoot = tempDir();
  writeFiles(docsRoot, {
    'docs/export.md': '# Export\n\n- `--format <csv|json>`: output format.\n',
    'docs/limits.md':
      '# Limits\n\n| Setting | Default | Meaning |\n| --- | --- | --- |\n' +
      '| `EXPORT_TIMEOUT_SECONDS` | `60` | Seconds before an export stops. |\n',
    'docs/retries.md': '# Retries\n\n- `retry.max_attempts`: how often a failed upload is tried again. Default `3`.\n',
  });
  harness = await createHarness({ catalog });
  await harness.startWorker();
  api = await startTestApi(harness);
  const connected = await api.call('POST', '/v1/integrations', {
    provider: 'intercom',
    baseUrl: fake.url,
    auth: { type: 'token', accessToken: intercomToken },
    clientSecret: intercomClientSecret,
  });
  expect(connected.status, JSON.stringify(connected.body)).toBe(201);
  integrationId = connected.body.id;
  projectId = await createProject('support', { sweep: { every: '6h', lookback: '30d' }, webhook: true });
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

describe('Intercom conversations end to end through the HTTP API', () => {
  it('describes the trigger and the source in /openapi.json and refuses a bad sweep setting with 400', async () => {
    const spec = JSON.stringify((await api.call('GET', '/openapi.json')).body);
    expect(spec).toContain('minConversations');
    const refused = await api.call('POST', '/v1/projects', {
      name: 'bad sweep',
      triggers: [{ type: 'intercom', integrationId, sweep: { every: '1m' } }],
      context: [{ type: 'folder', root: docsRoot }],
      destinations: [{ type: 'folder', root: docsRoot, docsDir: 'docs' }],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('must be at least 15m');
  });

  it('creates the project with its sweep schedule, every 6 hours', async () => {
    const described = await schedule(projectId);
    expect(described.spec.intervals?.[0]?.every).toBe(6 * 3_600_000);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'projectTaskWorkflow' });
    expect(described.state.paused).toBe(false);
  });

  it('sweeps on request: one run per gap or contradiction, none for what the docs cover, no personal data stored', async () => {
    const started = await api.call('POST', `/v1/projects/${projectId}/sweep`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const sweep = await sweepDone(projectId, started.body.sweepId);
    // The open conversation is not even returned by the search (state = closed).
    expect(sweep).toMatchObject({
      counts: {
        read: 8,
        analysed: 7,
        grouped: 3,
        runsStarted: 2,
        findings: { gap: 1, contradiction: 1, covered: 1 },
        skipped: { excluded_tag: 1, covered: 1 },
      },
    });
    const runs = await runsOf(projectId);
    // The conversation full of personal data asks about `--delimiter` too: it joins that topic.
    expect(runs.map((r) => idsOf(r.source)).sort()).toEqual([
      [cid(11), cid(12), cid(13), cid(31)],
      [cid(21), cid(22)],
    ]);
    const drafted = new Map<
      string,
      { edits: { path: string; after: string; citations: { path: string; url?: string }[] }[] }
    >();
    for (const run of runs) {
      const done = await eventually(async () => {
        const res = await api.call('GET', `/v1/runs/${run.id}`);
        return ['no_changes', 'failed', 'awaiting_review'].includes(res.body.status) ? res.body : undefined;
      }, `run ${run.id} to finish drafting`);
      expect(done.status, JSON.stringify(done)).toBe('awaiting_review');
      const conversations = (run.source as { conversations: { id: string; url: string; updatedAt: string }[] })
        .conversations;
      for (const c of conversations) {
        expect(c.url).toBe(inboxUrl(c.id));
        expect(c.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
      drafted.set(conversations.map((c) => c.id).join(','), done.suggestion);
    }
    // The gap: an entry for `--delimiter` next to `--format`, citing the conversations that asked, linked to them.
    const gap = drafted.get([11, 12, 13, 31].map(cid).join(','))!;
    expect(gap.edits).toEqual([expect.objectContaining({ path: 'docs/export.md' })]);
    expect(gap.edits[0]!.after).toMatch(/^- `--format <csv\|json>`: output format\.\n- `--delimiter`/);
    expect(gap.edits[0]!.citations.map((c) => c.url)).toContain(inboxUrl(cid(11)));
    // The contradiction: the documented default corrected to support's public answer (not the internal note's 90).
    const contradiction = drafted.get([21, 22].map(cid).join(','))!;
    expect(contradiction.edits).toEqual([
      expect.objectContaining({
        path: 'docs/limits.md',
        after: '| `EXPORT_TIMEOUT_SECONDS` | `30` | Seconds before an export stops. |\n',
      }),
    ]);
    expect(contradiction.edits[0]!.citations).toEqual([
      expect.objectContaining({ path: `intercom/conversations/${cid(21)}`, url: inboxUrl(cid(21)) }),
    ]);
    const stored = JSON.stringify([
      await harness.db.selectFrom('change_contexts').selectAll().execute(),
      await harness.db.selectFrom('suggestions').selectAll().execute(),
      await harness.db.selectFrom('project_task_runs').selectAll().execute(),
    ]);
    expect(stored).toContain('--delimiter');
    for (const value of [
      personalData.contact.name,
      personalData.contact.email,
      personalData.admin.name,
      personalData.admin.email,
      personalData.phone,
      personalData.card,
      personalData.token,
      'hunter2secret',
      'VIP account',
      'docs say 90',
      'Margarethe',
      'Customer Number',
      'mail.test',
    ])
      expect(stored).not.toContain(value);
  });

  it('a batching project: the sweep hands its conversation groups to the open batch, which runs them as one', async () => {
    const batching = await createProject(
      'support, batched',
      { sweep: { every: '6h', lookback: '30d' } },
      {
        batch: { window: '1h', maxChanges: 2 },
      },
    );
    const started = await api.call('POST', `/v1/projects/${batching}/sweep`);
    const sweep = await sweepDone(batching, started.body.sweepId);
    expect(sweep).toMatchObject({ counts: { grouped: 3, batched: 2, runsStarted: 0 } });
    const run = await eventually(async () => {
      const rows = await harness.db.selectFrom('runs').selectAll().where('project_id', '=', batching).execute();
      return rows.find((r) => r.trigger === 'batch');
    }, 'the batch run');
    const members = (run.source as { members: unknown[] }).members.map(idsOf);
    expect(members.sort()).toEqual([
      [cid(11), cid(12), cid(13), cid(31)],
      [cid(21), cid(22)],
    ]);
    const drafted = await eventually(async () => {
      const res = await api.call('GET', `/v1/runs/${run.id}`);
      return res.body.status === 'awaiting_review' ? res.body : undefined;
    }, 'the batch run drafted');
    expect(drafted.sources).toHaveLength(2);
    const citations = drafted.suggestion.edits.flatMap(
      (e: { citations: { path: string; url?: string }[] }) => e.citations,
    );
    expect(new Set(citations.map((c: { path: string }) => c.path.split('/')[0]))).toEqual(
      new Set(['source-1', 'source-2']),
    );
    // A member's citation links to its own conversation, through its own provider.
    expect(citations.map((c: { url?: string }) => c.url)).toContain(inboxUrl(cid(11)));
  });

  it('a sweep that crashed before keeping its cursor plans the same runs again and starts none twice', async () => {
    const before = await runsOf(projectId);
    // As if the last sweep died after starting its runs: its cursor was never kept.
    await harness.db.deleteFrom('project_task_cursors').where('project_id', '=', projectId).execute();
    const again = await api.call('POST', `/v1/projects/${projectId}/sweep`);
    const sweep = await sweepDone(projectId, again.body.sweepId);
    expect(sweep).toMatchObject({ counts: { analysed: 7, runsStarted: 0 } });
    expect((await runsOf(projectId)).map((r) => r.id)).toEqual(before.map((r) => r.id));
  });

  it('the next sweep reads only what changed since the cursor', async () => {
    fake.addConversation(
      conversation(61, 1, 'Can uploads wait between retries?', {
        messages: [
          { from: 'contact', body: 'Can uploads wait between retries?' },
          { from: 'admin', body: 'Yes, set `retry.backoff_seconds` to the number of seconds to wait.' },
        ],
      }),
    );
    const next = await api.call('POST', `/v1/projects/${projectId}/sweep`);
    const sweep = await sweepDone(projectId, next.body.sweepId);
    expect(sweep).toMatchObject({ counts: { read: 1, analysed: 1, runsStarted: 1 } });
  });

  it('sweeps when its schedule fires', async () => {
    const scheduleId = `intercom-sweep-${projectId}`;
    await harness.client.schedule.getHandle(scheduleId).trigger();
    const sweep = await eventually(async () => {
      const { sweeps } = (await api.call('GET', `/v1/projects/${projectId}/sweeps`)).body as {
        sweeps: { id: string; status: string; counts: Record<string, unknown> }[];
      };
      return sweeps.find((s) => s.id.startsWith(`${scheduleId}-run`) && s.status === 'completed');
    }, 'the scheduled sweep');
    expect(sweep.counts).toMatchObject({ read: 0, runsStarted: 0 });
  });

  it('receives a signed conversation.admin.closed webhook: it joins the sweep of its grouping window, once', async () => {
    const notification = (id: string, conversationId: string) =>
      JSON.stringify({
        type: 'notification_event',
        app_id: 'abc123xy',
        id,
        topic: 'conversation.admin.closed',
        data: {
          type: 'notification_event_data',
          item: { type: 'conversation', id: conversationId, state: 'closed', updated_at: hoursAgo(0) },
        },
        created_at: hoursAgo(0),
      });
    const post = (body: string, signature = sign(body)) =>
      api.call('POST', `/webhooks/intercom/${integrationId}`, body, {
        'content-type': 'application/json',
        'x-hub-signature': signature,
      });
    const ping = JSON.stringify({ type: 'notification_event', id: 'notif_ping_1', topic: 'ping', data: { item: {} } });
    expect((await post(ping)).status).toBe(200);

    const body = notification('notif_http_1', cid(13));
    const first = await post(body);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    // No run of its own: a sweep that starts when the 15-minute window closes, shared by the window's conversations.
    const [action] = first.body.actions as string[];
    const sweepId = /^sweep (intercom-sweep-\S+-w(\d+)) at /.exec(action!)!;
    expect(sweepId[1]).toBe(`intercom-sweep-${projectId}-w${sweepId[2]}`);
    const windowEnd = Number(sweepId[2]);
    expect(windowEnd % (15 * 60_000)).toBe(0);
    expect(windowEnd - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect((await harness.client.workflow.getHandle(sweepId[1]!).describe()).type).toBe('projectTaskWorkflow');
    const again = await post(body);
    expect(again.body).toMatchObject({ duplicate: true });
    const other = await post(notification('notif_http_2', cid(12)));
    // The same window's sweep (or, across a window's end, the next one's).
    expect([sweepId[1], `intercom-sweep-${projectId}-w${windowEnd + 15 * 60_000}`]).toContain(
      /^sweep (\S+) at /.exec((other.body.actions as string[])[0]!)![1],
    );
    expect((await post(notification('notif_http_3', cid(12)), 'sha1=0000')).status).toBe(401);
    expect((await post(notification('notif_http_4', cid(12)), sign('x', 'another-secret-0123456789'))).status).toBe(
      401,
    );
    expect((await post('{"topic": "conversation.admin.closed"}')).status).toBe(400);
  });

  it('pauses the sweep schedule when the integration is disconnected', async () => {
    expect((await api.call('DELETE', `/v1/integrations/${integrationId}`)).status).toBe(204);
    expect((await schedule(projectId)).state.paused).toBe(true);
  });
});

webhookContract('intercom', async () => {
  const updates = new Map<string, number>();
  const delivery = (deliveryId: string, secret: string | undefined) => {
    if (!updates.has(deliveryId)) updates.set(deliveryId, 1_700_000_000 + updates.size);
    const rawBody = Buffer.from(
      JSON.stringify({
        type: 'notification_event',
        app_id: 'abc123xy',
        id: deliveryId,
        topic: 'conversation.admin.closed',
        data: { item: { type: 'conversation', id: cid(12), updated_at: updates.get(deliveryId) } },
      }),
    );
    return {
      headers: secret ? { 'x-hub-signature': `sha1=${createHmac('sha1', secret).update(rawBody).digest('hex')}` } : {},
      rawBody,
    };
  };
  const contractFake = await startFakeIntercom(intercomToken);
  contractFake.addConversation(conversation(12, 5, 'How do I set --delimiter for the export?'));
  const contractHarness = await createHarness({ catalog });
  const contractApi = await startTestApi(contractHarness);
  const connected = await contractApi.call('POST', '/v1/integrations', {
    provider: 'intercom',
    baseUrl: contractFake.url,
    auth: { type: 'token', accessToken: intercomToken },
    clientSecret: intercomClientSecret,
  });
  expect(connected.status, JSON.stringify(connected.body)).toBe(201);
  const project = await contractApi.call('POST', '/v1/projects', {
    name: 'webhook contract',
    triggers: [{ type: 'intercom', integrationId: connected.body.id, webhook: true }],
    context: [{ type: 'folder', root: tempDir() }],
    destinations: [{ type: 'folder', root: writeFiles(tempDir(), { 'docs/a.md': '# A\n' }), docsDir: 'docs' }],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  return {
    harness: contractHarness,
    provider: 'intercom',
    integrationId: connected.body.id,
    projectId: project.body.id,
    signed: (id) => delivery(id, intercomClientSecret),
    unsigned: (id) => delivery(id, undefined),
    wronglySigned: (id) => delivery(id, 'another-secret-0123456789abc'),
    async close() {
      await contractApi.close();
      await contractHarness.close();
      await contractFake.close();
    },
  };
});
