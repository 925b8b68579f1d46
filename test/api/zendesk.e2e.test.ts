import { createHmac } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../integrations/catalog.js';
import { providers } from '../../integrations/registry.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeZendesk, type FakeZendesk, type TicketFixture } from '../support/fake-zendesk/index.js';
import { tempDir } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { folder } from '../support/toy-provider/index.js';
import { writeFiles } from '../support/toy-provider/flag-change-folders.js';
import { webhookContract } from '../integrations/contracts/webhook-contract.js';
import { personalData, ticketWithPersonalData, zendeskWebhookSecret } from '../integrations/zendesk/zendesk-setup.js';

const catalog = createCatalog([...providers, folder]);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const person = (n: number) => ({ name: `Customer Number${n}`, email: `customer${n}@mail.test` });
const ticket = (id: number, h: number, text: string, extra: Partial<TicketFixture> = {}): TicketFixture => ({
  id,
  subject: `Question ${id}`,
  updatedAt: hoursAgo(h),
  requester: person(id),
  comments: [
    { from: 'requester', body: text },
    { from: 'agent', body: `Answer: ${text}` },
  ],
  ...extra,
});

let fake: FakeZendesk;
let harness: Harness;
let api: TestApi;
let integrationId: string;
let projectId: string;
let docsRoot: string;

async function createProject(name: string, trigger: Record<string, unknown>) {
  const root = tempDir();
  writeFiles(root, { 'code/README.md': '# app\n' });
  const project = await api.call('POST', '/v1/projects', {
    name,
    triggers: [{ type: 'zendesk', integrationId, ...trigger }],
    context: [{ type: 'folder', root: `${root}/code` }],
    destinations: [{ type: 'folder', root: docsRoot, docsDir: 'docs' }],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  return project.body.id as string;
}

const schedule = (id: string) => harness.client.schedule.getHandle(`zendesk-sweep-${id}`).describe();
const runsOf = async (id: string) =>
  (await harness.db.selectFrom('runs').selectAll().where('project_id', '=', id).orderBy('id').execute()).filter(
    (r) => r.trigger === 'zendesk.sweep',
  );
const sweepDone = (id: string, sweepId: string) =>
  eventually(async () => {
    const sweeps = (await api.call('GET', `/v1/projects/${id}/sweeps`)).body.sweeps as { id: string; status: string }[];
    const sweep = sweeps.find((s) => s.id === sweepId);
    if (sweep?.status === 'failed') throw new Error(`sweep failed: ${JSON.stringify(sweep)}`);
    return sweep?.status === 'completed' ? sweep : undefined;
  }, `sweep ${sweepId}`);

beforeAll(async () => {
  fake = await startFakeZendesk();
  // A gap (three duplicates and the ticket full of personal data: `--delimiter` is documented nowhere), a
  // contradiction (support corrects the documented timeout), one the docs cover, one excluded, one still open.
  fake.addTicket(ticket(11, 60, 'The export ignores `--delimiter` when I pass a semicolon'));
  fake.addTicket(ticket(12, 50, 'How do I set --delimiter for the export?'));
  fake.addTicket(ticket(13, 40, 'Is --delimiter documented anywhere?'));
  fake.addTicket(
    ticket(21, 45, 'Exports time out after half a minute?', {
      comments: [
        { from: 'requester', body: 'My exports stop after half a minute, the docs say a minute.' },
        { from: 'agent', body: 'EXPORT_TIMEOUT_SECONDS has a default of 30 since 2.0, not 60.' },
      ],
    }),
  );
  fake.addTicket(ticket(22, 35, 'Can I raise EXPORT_TIMEOUT_SECONDS above 60?'));
  fake.addTicket(ticketWithPersonalData(31, hoursAgo(30)));
  fake.addTicket(
    ticket(71, 25, 'How often are uploads retried?', {
      comments: [
        { from: 'requester', body: 'How often are failed uploads retried?' },
        { from: 'agent', body: 'Three times: `retry.max_attempts` defaults to `3`.' },
      ],
    }),
  );
  fake.addTicket(ticket(41, 20, 'Please delete my account', { tags: ['no-docs'] }));
  fake.addTicket(ticket(51, 10, 'Still waiting on `--delimiter`', { status: 'open' }));
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
    provider: 'zendesk',
    baseUrl: fake.url,
    auth: { type: 'token', email: fake.email, apiToken: fake.apiToken },
    webhookSecret: zendeskWebhookSecret,
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

describe('Zendesk end to end through the HTTP API', () => {
  it('refuses a wrong API token with 400 and stores nothing', async () => {
    const refused = await api.call('POST', '/v1/integrations', {
      provider: 'zendesk',
      baseUrl: fake.url,
      auth: { type: 'token', email: fake.email, apiToken: 'wrong-token-0123456789abcdef' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'auth.apiToken', message: 'answered 401' }]);
    expect(await harness.db.selectFrom('integrations').select('id').execute()).toHaveLength(1);
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
    expect(sweep).toMatchObject({
      counts: {
        read: 9,
        analysed: 7,
        grouped: 3,
        runsStarted: 2,
        findings: { gap: 1, contradiction: 1, covered: 1 },
        skipped: { excluded_tag: 1, status_open: 1, covered: 1 },
      },
    });
    const runs = await runsOf(projectId);
    const ticketSets = runs.map((r) => (r.source as { tickets: { id: number }[] }).tickets.map((t) => t.id)).sort();
    // The ticket full of personal data asks about `--delimiter` too: it joins that topic.
    expect(ticketSets).toEqual([
      [11, 12, 13, 31],
      [21, 22],
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
      const tickets = (run.source as { tickets: { id: number; url: string }[] }).tickets;
      for (const t of tickets) expect(t.url).toBe(`${fake.url}/agent/tickets/${t.id}`);
      drafted.set(tickets.map((t) => t.id).join(','), done.suggestion);
    }
    // The gap: an entry for `--delimiter` next to `--format`, citing the tickets that asked, linked to them.
    const gap = drafted.get('11,12,13,31')!;
    expect(gap.edits).toEqual([expect.objectContaining({ path: 'docs/export.md' })]);
    expect(gap.edits[0]!.after).toMatch(/^- `--format <csv\|json>`: output format\.\n- `--delimiter`/);
    expect(gap.edits[0]!.citations.map((c) => c.url)).toContain(`${fake.url}/agent/tickets/11`);
    // The contradiction: the documented default corrected to support's answer.
    const contradiction = drafted.get('21,22')!;
    expect(contradiction.edits).toEqual([
      expect.objectContaining({
        path: 'docs/limits.md',
        after: '| `EXPORT_TIMEOUT_SECONDS` | `30` | Seconds before an export stops. |\n',
      }),
    ]);
    expect(contradiction.edits[0]!.citations).toEqual([
      expect.objectContaining({ path: 'zendesk/tickets/21', url: `${fake.url}/agent/tickets/21` }),
    ]);
    const stored = JSON.stringify([
      await harness.db.selectFrom('change_contexts').selectAll().execute(),
      await harness.db.selectFrom('suggestions').selectAll().execute(),
      await harness.db.selectFrom('project_task_runs').selectAll().execute(),
    ]);
    expect(stored).toContain('--delimiter');
    for (const value of [
      personalData.requester.name,
      personalData.requester.email,
      personalData.agent.name,
      personalData.phone,
      personalData.card,
      personalData.token,
      'hunter2secret',
      'VIP account',
      'Margarethe',
      'Customer Number',
    ])
      expect(stored).not.toContain(value);
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
    fake.addTicket(
      ticket(61, 1, 'Can uploads wait between retries?', {
        comments: [
          { from: 'requester', body: 'Can uploads wait between retries?' },
          { from: 'agent', body: 'Yes, set `retry.backoff_seconds` to the number of seconds to wait.' },
        ],
      }),
    );
    const next = await api.call('POST', `/v1/projects/${projectId}/sweep`);
    const sweep = await sweepDone(projectId, next.body.sweepId);
    expect(sweep).toMatchObject({ counts: { read: 1, analysed: 1, runsStarted: 1 } });
  });

  it('sweeps when its schedule fires', async () => {
    const scheduleId = `zendesk-sweep-${projectId}`;
    await harness.client.schedule.getHandle(scheduleId).trigger();
    const sweep = await eventually(async () => {
      const { sweeps } = (await api.call('GET', `/v1/projects/${projectId}/sweeps`)).body as {
        sweeps: { id: string; status: string; counts: Record<string, unknown> }[];
      };
      return sweeps.find((s) => s.id.startsWith(`${scheduleId}-run`) && s.status === 'completed');
    }, 'the scheduled sweep');
    expect(sweep.counts).toMatchObject({ read: 0, runsStarted: 0 });
  });

  it('answers 400 to a sweep of a project that has none', async () => {
    const plain = await api.call('POST', '/v1/projects', {
      name: 'no sweep',
      triggers: [{ type: 'zendesk', integrationId, webhook: true }],
      context: [{ type: 'folder', root: docsRoot }],
      destinations: [{ type: 'folder', root: docsRoot, docsDir: 'docs' }],
    });
    expect(plain.status).toBe(201);
    expect((await api.call('POST', `/v1/projects/${plain.body.id}/sweep`)).status).toBe(400);
    expect((await api.call('DELETE', `/v1/projects/${plain.body.id}`)).status).toBe(204);
  });

  it('removes the schedule with the project', async () => {
    const other = await createProject('short-lived', { sweep: { every: '1h' } });
    expect((await schedule(other)).spec.intervals?.[0]?.every).toBe(3_600_000);
    expect((await api.call('DELETE', `/v1/projects/${other}`)).status).toBe(204);
    await expect(schedule(other)).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });

  it('receives a signed solved-ticket webhook over HTTP: the ticket joins the sweep of its grouping window, once', async () => {
    const body = JSON.stringify({ ticket_id: 13, status: 'solved', updated_at: '2026-02-02T10:00:00Z' });
    const timestamp = new Date().toISOString();
    const signature = createHmac('sha256', zendeskWebhookSecret).update(timestamp).update(body).digest('base64');
    const headers = {
      'content-type': 'application/json',
      'x-zendesk-webhook-signature': signature,
      'x-zendesk-webhook-signature-timestamp': timestamp,
      'x-zendesk-webhook-invocation-id': 'inv-http-1',
    };
    const first = await api.call('POST', `/webhooks/zendesk/${integrationId}`, body, headers);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    // No run of its own: a sweep that starts when the 15-minute window closes, shared by the window's tickets.
    const [action] = first.body.actions as string[];
    const sweepId = /^sweep (zendesk-sweep-\S+-w(\d+)) at /.exec(action!)!;
    expect(sweepId[1]).toBe(`zendesk-sweep-${projectId}-w${sweepId[2]}`);
    const windowEnd = Number(sweepId[2]);
    expect(windowEnd % (15 * 60_000)).toBe(0);
    expect(windowEnd - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect((await harness.client.workflow.getHandle(sweepId[1]!).describe()).type).toBe('projectTaskWorkflow');
    const again = await api.call('POST', `/webhooks/zendesk/${integrationId}`, body, headers);
    expect(again.body).toMatchObject({ duplicate: true });
    const other = await api.call('POST', `/webhooks/zendesk/${integrationId}`, body.replace('13', '12'), {
      ...headers,
      'x-zendesk-webhook-invocation-id': 'inv-http-3',
      'x-zendesk-webhook-signature': createHmac('sha256', zendeskWebhookSecret)
        .update(timestamp)
        .update(body.replace('13', '12'))
        .digest('base64'),
    });
    // The same window's sweep (or, across a window's end, the next one's).
    expect([sweepId[1], `zendesk-sweep-${projectId}-w${windowEnd + 15 * 60_000}`]).toContain(
      /^sweep (\S+) at /.exec((other.body.actions as string[])[0]!)![1],
    );
    const bad = await api.call('POST', `/webhooks/zendesk/${integrationId}`, body, {
      ...headers,
      'x-zendesk-webhook-invocation-id': 'inv-http-2',
      'x-zendesk-webhook-signature': 'AAAA',
    });
    expect(bad.status).toBe(401);
  });

  it('pauses the sweep schedule when the integration is disconnected', async () => {
    expect((await api.call('DELETE', `/v1/integrations/${integrationId}`)).status).toBe(204);
    expect((await schedule(projectId)).state.paused).toBe(true);
  });
});

webhookContract('zendesk', async () => {
  const body = (deliveryId: string) =>
    Buffer.from(JSON.stringify({ ticket_id: 12, status: 'solved', updated_at: `2026-03-03T00:00:00Z#${deliveryId}` }));
  const delivery = (deliveryId: string, secret: string | undefined) => {
    const rawBody = body(deliveryId);
    const timestamp = new Date().toISOString();
    return {
      headers: {
        'x-zendesk-webhook-signature-timestamp': timestamp,
        'x-zendesk-webhook-invocation-id': deliveryId,
        ...(secret
          ? {
              'x-zendesk-webhook-signature': createHmac('sha256', secret)
                .update(timestamp)
                .update(rawBody)
                .digest('base64'),
            }
          : {}),
      },
      rawBody,
    };
  };
  const contractFake = await startFakeZendesk();
  const contractHarness = await createHarness({ catalog });
  const contractApi = await startTestApi(contractHarness);
  const connected = await contractApi.call('POST', '/v1/integrations', {
    provider: 'zendesk',
    baseUrl: contractFake.url,
    auth: { type: 'token', email: contractFake.email, apiToken: contractFake.apiToken },
    webhookSecret: zendeskWebhookSecret,
  });
  const project = await contractApi.call('POST', '/v1/projects', {
    name: 'webhook contract',
    triggers: [{ type: 'zendesk', integrationId: connected.body.id, webhook: true }],
    context: [{ type: 'folder', root: tempDir() }],
    destinations: [{ type: 'folder', root: writeFiles(tempDir(), { 'docs/a.md': '# A\n' }), docsDir: 'docs' }],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  return {
    harness: contractHarness,
    provider: 'zendesk',
    integrationId: connected.body.id,
    projectId: project.body.id,
    signed: (id) => delivery(id, zendeskWebhookSecret),
    unsigned: (id) => delivery(id, undefined),
    wronglySigned: (id) => delivery(id, 'another-secret-0123456789abc'),
    async close() {
      await contractApi.close();
      await contractHarness.close();
      await contractFake.close();
    },
  };
});
