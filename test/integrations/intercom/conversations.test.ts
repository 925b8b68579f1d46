import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import type { Project } from '../../../core/project.js';
import type { Db } from '../../../db/database.js';
import type {
  ProviderAdapters,
  SourceAdapter,
  SupportSource,
  WebhookReceiver,
} from '../../../integrations/contract.js';
import { newId } from '../../../core/ids.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { createIntercomClients } from '../../../integrations/intercom/clients.js';
import type { IntercomSource, IntercomTrigger } from '../../../integrations/intercom/schemas.js';
import { intercomSupportSource } from '../../../integrations/intercom/support-source.js';
import { startFakeIntercom, type ConversationFixture, type FakeIntercom } from '../../support/fake-intercom/server.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { rateLimitContract } from '../contracts/rate-limit-contract.js';
import {
  conversationWithPersonalData,
  inboxUrl,
  intercomAgainstFake,
  intercomClientSecret,
  personalData,
  secrets,
} from './conversations-fixture.js';
import { intercomToken } from './intercom-fixture.js';
import { pino } from 'pino';

let fake: FakeIntercom;
let db: Db;
let adapters: ProviderAdapters;
let integrationId: string;
// One clock for the whole file, so fixtures and expectations name the same seconds.
const startedAt = Math.floor(Date.now() / 1000);
const secondsAgo = (s: number) => startedAt - s;
const hoursAgo = (h: number) => secondsAgo(h * 3600);

beforeAll(async () => {
  fake = await startFakeIntercom(intercomToken);
  ({ db, adapters, integrationId } = await intercomAgainstFake(fake));
});
afterAll(async () => {
  await db?.destroy();
  await fake?.close();
});

const trigger = (sweep: Partial<NonNullable<IntercomTrigger['sweep']>> = {}): IntercomTrigger =>
  ({ type: 'intercom', integrationId, webhook: false, sweep: { lookback: '30d', ...sweep } }) as IntercomTrigger;
const support = () => adapters.supportSource as SupportSource<IntercomTrigger>;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );
const simple = (id: string, updatedAt: number, question: string, extra: Partial<ConversationFixture> = {}) =>
  ({
    id,
    updatedAt,
    contact: { name: `Customer Number${id}`, email: `customer${id}@mail.test` },
    messages: [
      { from: 'contact', body: question },
      { from: 'admin', body: `Answer: ${question}` },
    ],
    ...extra,
  }) as ConversationFixture;

describe('Intercom sweep (support source)', () => {
  beforeAll(() => {
    fake.addConversation(conversationWithPersonalData('215000000000101', hoursAgo(50)));
    fake.addConversation(
      simple('215000000000102', hoursAgo(40), 'How do I rotate keys?', { tags: ['no-docs', 'billing'] }),
    );
    fake.addConversation(simple('215000000000103', hoursAgo(30), 'Still open: `--delimiter`?', { state: 'open' }));
    fake.addConversation({
      id: '215000000000104',
      updatedAt: hoursAgo(20),
      contact: { name: 'Lead Person', email: 'lead@prospect.test', type: 'lead' },
      messages: [
        { from: 'contact', body: 'Does the API accept `page_size` above 100?' },
        { from: 'bot', body: 'Fin here: `page_size` is capped at `100`.' },
        { from: 'admin', type: 'assignment', body: '' },
        { from: 'admin', body: 'Confirming: values above `100` are refused with `invalid_page_size`.' },
      ],
    });
    // Outside the lookback: never read.
    fake.addConversation(simple('215000000000105', hoursAgo(24 * 40), 'Old question about `--format`'));
  });

  it('reads closed conversations since the lookback: public messages only, as text, by role, with personal data removed', async () => {
    const swept = await support().sweep(trigger(), undefined);
    expect(swept.read).toBe(3);
    expect(swept.skipped).toEqual([{ id: '215000000000102', reason: 'excluded_tag' }]);
    const byId = new Map(swept.threads.map((t) => [t.id, t]));
    expect([...byId.keys()].sort()).toEqual(['215000000000101', '215000000000104']);

    const personal = byId.get('215000000000101')!;
    expect(personal.url).toBe(inboxUrl('215000000000101'));
    expect(personal.updatedAt).toBe(new Date(hoursAgo(50) * 1000).toISOString().replace('.000Z', 'Z'));
    expect(personal.messages.map((m) => m.role)).toEqual(['asker', 'answerer', 'answerer']);
    const text = JSON.stringify(personal);
    // The internal note is never read.
    expect(text).not.toContain('INTERNAL');
    expect(text).not.toContain('VIP account');
    for (const value of [
      personalData.contact.name,
      personalData.contact.email,
      personalData.admin.name,
      personalData.phone,
      personalData.card,
      personalData.token,
      'hunter2secret',
      'Margarethe',
      'Tobias',
    ])
      expect(text).not.toContain(value);
    expect(personal.subject).toBe('Export fails for [person]');
    expect(personal.messages[1]!.text).toContain('--delimiter ";"');

    // HTML bodies become text with their code spans; a bot answers, an assignment says nothing.
    const lead = byId.get('215000000000104')!;
    expect(lead.messages).toEqual([
      { role: 'asker', text: 'Does the API accept `page_size` above 100?', ref: '2150000000001040' },
      { role: 'answerer', text: 'Fin here: `page_size` is capped at `100`.', ref: expect.any(String) },
      {
        role: 'answerer',
        text: 'Confirming: values above `100` are refused with `invalid_page_size`.',
        ref: expect.any(String),
      },
    ]);
    // A chat has no title: the customer's first line names it.
    expect(lead.subject).toBe('Does the API accept `page_size` above 100?');
    expect(fake.requests.filter((r) => r === 'GET /conversations/215000000000102')).toEqual([]);
  });

  it('continues from its cursor: only conversations updated since are read, one closed again is read again', async () => {
    const first = await support().sweep(trigger(), undefined);
    const nothing = await support().sweep(trigger(), first.cursor);
    expect(nothing).toMatchObject({ read: 0, threads: [], skipped: [] });
    // Updated in the very second of the cursor, but not read yet: not lost.
    const cursorSecond = (JSON.parse(first.cursor) as { since: number }).since;
    fake.addConversation(simple('215000000000106', cursorSecond, 'Same second as the cursor: `--quiet`?'));
    fake.addConversation(
      simple('215000000000101', secondsAgo(60), 'Reopened and closed again: `--delimiter` once more'),
    );
    const next = await support().sweep(trigger(), nothing.cursor);
    expect(next.threads.map((t) => t.id).sort()).toEqual(['215000000000101', '215000000000106']);
    expect(next.threads.find((t) => t.id === '215000000000101')!.updatedAt).not.toBe(
      first.threads.find((t) => t.id === '215000000000101')!.updatedAt,
    );
    expect(await support().sweep(trigger(), next.cursor)).toMatchObject({ read: 0 });
  });

  it('pages through the search with starting_after (150 a page), continuing in the next sweep when it stops early', async () => {
    const paged = await startFakeIntercom(intercomToken);
    const other = await intercomAgainstFake(paged);
    for (let i = 0; i < 160; i++)
      paged.addConversation(simple(String(316000000000000 + i), hoursAgo(10) + i, `Question ${i} about \`--x${i}\``));
    const clients = createIntercomClients({
      db: other.db,
      secrets,
      logger: pino({ level: 'silent' }),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls: true,
      ...providerDefaults,
    });
    const onePage = intercomSupportSource(clients, { maxPages: 1 });
    const t = { ...trigger(), integrationId: other.integrationId };
    const first = await onePage.sweep(t, undefined);
    expect(first.read).toBe(150);
    const second = await onePage.sweep(t, first.cursor);
    expect(second.read).toBe(10);
    const ids = new Set([...first.threads, ...second.threads].map((c) => c.id));
    expect(ids.size).toBe(160);
    expect((await onePage.sweep(t, second.cursor)).read).toBe(0);
    // All of it in one sweep, two pages.
    const searches = paged.requests.length;
    const all = await intercomSupportSource(clients).sweep(t, undefined);
    expect(all.read).toBe(160);
    expect(paged.requests.slice(searches).filter((r) => r === 'POST /conversations/search')).toHaveLength(2);
    await other.db.destroy();
    await paged.close();
  });
});

describe('Intercom sweep task', () => {
  beforeAll(() => {
    fake.addConversation(simple('215000000000301', hoursAgo(5), 'What does `--verbose` print?'));
    fake.addConversation(simple('215000000000302', hoursAgo(4), 'Where is `LOG_DIR` set?'));
  });
  const run = (sweep: Record<string, unknown>) =>
    adapters.projectTasks![0]!.run(
      { id: 'prj_1' } as Project,
      { type: 'intercom', integrationId, sweep: { lookback: '30d', ...sweep } },
      undefined,
      { assessDocs: async () => ({ verdict: 'gap', summary: 'nothing documents it' }) },
    );

  it('is scheduled as the trigger asks, and keeps minConversations and maxRuns', async () => {
    const task = adapters.projectTasks![0]!;
    expect(task.name).toBe('sweep');
    expect(task.every({ type: 'intercom', integrationId, sweep: { every: '2h' } })).toBe('2h');
    expect(task.every({ type: 'intercom', integrationId, webhook: true })).toBeUndefined();
    const few = await run({ minConversations: 50 });
    expect(few.counts.analysed).toBeGreaterThanOrEqual(2);
    expect(few.commands).toEqual([]);
    expect(few.counts.skipped).toMatchObject({ below_min_tickets: few.counts.analysed });
    const capped = await run({ maxRuns: 1 });
    expect(capped.commands).toHaveLength(1);
    expect(capped.commands[0]).toMatchObject({
      kind: 'start_or_update',
      trigger: 'intercom.sweep',
      source: { type: 'intercom', integrationId, conversations: expect.any(Array) },
    });
    expect((capped.counts.skipped as Record<string, number>).run_cap).toBeGreaterThan(0);
    expect(JSON.parse(capped.cursor!)).toMatchObject({ since: expect.any(Number), seen: expect.any(Array) });
  });
});

describe('the fake refuses what Intercom refuses', () => {
  const search = (body: unknown) =>
    fetch(`${fake.url}/conversations/search`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${intercomToken}`,
        'intercom-version': '2.14',
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  it.each([
    ['no query', { pagination: { per_page: 10 } }],
    ['a `>=` operator', { query: { field: 'updated_at', operator: '>=', value: 1 } }],
    ['an unknown field', { query: { field: 'colour', operator: '=', value: 'red' } }],
    ['a timestamp as text', { query: { field: 'updated_at', operator: '>', value: 'yesterday' } }],
    [
      'per_page above 150',
      { query: { field: 'state', operator: '=', value: 'closed' }, pagination: { per_page: 151 } },
    ],
    [
      'a foreign cursor',
      { query: { field: 'state', operator: '=', value: 'closed' }, pagination: { starting_after: 'nope' } },
    ],
    [
      'three levels of nesting',
      {
        query: {
          operator: 'AND',
          value: [
            { operator: 'OR', value: [{ operator: 'AND', value: [{ field: 'state', operator: '=', value: 'open' }] }] },
          ],
        },
      },
    ],
  ])('refuses %s with 400', async (_what, body) => {
    const res = await search(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { type: string }).type).toBe('error.list');
  });

  it('refuses a wrong token with 401', async () => {
    const res = await fetch(`${fake.url}/conversations/215000000000101`, {
      headers: { authorization: 'Bearer wrong', 'intercom-version': '2.14' },
    });
    expect(res.status).toBe(401);
  });
});

describe('Intercom conversations as a source', () => {
  const source = () => adapters.source as SourceAdapter<IntercomSource>;
  const project = {} as Project;

  it('pins each conversation to its updated_at and its Inbox link', async () => {
    const pinned = await source().validateSource(
      { type: 'intercom', integrationId, conversations: [{ id: '215000000000104' }] },
      project,
    );
    expect(pinned.conversations).toEqual([
      {
        id: '215000000000104',
        updatedAt: new Date(hoursAgo(20) * 1000).toISOString().replace('.000Z', 'Z'),
        url: inboxUrl('215000000000104'),
      },
    ]);
    expect(await source().validateSource(pinned, project)).toEqual(pinned);
    expect(source().sourceUrl!(pinned)).toBe(inboxUrl('215000000000104'));
    expect(source().citationUrl!(pinned, { path: 'intercom/conversations/215000000000104' } as never)).toBe(
      inboxUrl('215000000000104'),
    );
  });

  it('refuses a conversation the workspace does not have with invalid_source', async () => {
    const error = await refusal(
      source().validateSource({ type: 'intercom', integrationId, conversations: [{ id: '999' }] }, project),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error!.code).toBe('invalid_source');
  });

  it('gathers the conversations as a change of redacted files at intercom/conversations/<id>', async () => {
    const gathered = await source().gatherContext(
      { type: 'intercom', integrationId, conversations: [{ id: '215000000000101' }, { id: '215000000000104' }] },
      project,
    );
    if (!('change' in gathered)) throw new Error('skipped');
    expect(gathered.change.files.map((f) => f.path)).toEqual([
      'intercom/conversations/215000000000101',
      'intercom/conversations/215000000000104',
    ]);
    expect(gathered.change.sourceLabel).toBe('Intercom conversations #215000000000101, #215000000000104');
    expect(gathered.change.files[1]!.content).toContain('Customer: Does the API accept `page_size` above 100?');
    expect(JSON.stringify(gathered)).not.toContain(personalData.contact.email);
  });
});

describe('Intercom webhook', () => {
  const webhook = () => adapters.webhook as WebhookReceiver;
  const sign = (body: string, secret = intercomClientSecret) =>
    `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
  const notification = (topic: string, item: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      type: 'notification_event',
      app_id: 'abc123xy',
      id: `notif_${Math.random().toString(16).slice(2)}`,
      topic,
      data: { type: 'notification_event_data', item },
      created_at: secondsAgo(1),
      ...extra,
    });
  const projects = (triggers: Record<string, unknown>[]) => async () =>
    [
      { id: 'prj_1', triggers: triggers.map((t) => ({ type: 'intercom', integrationId, ...t })) },
    ] as unknown as Project[];
  const receive = (body: string, signature: string | undefined, triggers: Record<string, unknown>[] = []) =>
    webhook().receive(
      { integrationId, headers: signature ? { 'x-hub-signature': signature } : {}, rawBody: Buffer.from(body) },
      projects(triggers),
    );
  const closed = (extra: Record<string, unknown> = {}) =>
    notification(
      'conversation.admin.closed',
      { type: 'conversation', id: '215000000000104', updated_at: 1700000000 },
      extra,
    );

  it('refuses a missing or wrong signature before reading the body', async () => {
    for (const signature of [undefined, sign('{}'), sign(closed(), 'another-secret-0123456789'), 'sha256=abc']) {
      const error = await refusal(receive(closed(), signature));
      expect(error?.code).toBe('unauthorized');
    }
    expect((await refusal(receive('not json', undefined)))?.code).toBe('unauthorized');
  });

  it('answers ping with nothing to do', async () => {
    const body = notification('ping', { type: 'ping', message: 'something something interzen' });
    const received = await receive(body, sign(body), [{ webhook: true }]);
    expect(received.commands).toEqual([]);
    expect(received.delivery.event).toBe('ping');
  });

  it('a closed conversation joins the sweep window with a sweep, starts its own run without one', async () => {
    const body = closed();
    const received = await receive(body, sign(body), [
      { webhook: true, sweep: { every: '6h', webhookWindow: '15m' } },
      { webhook: true },
      { webhook: false },
    ]);
    expect(received.delivery).toEqual({ id: JSON.parse(body).id, event: 'conversation.admin.closed' });
    expect(received.commands).toEqual([
      { kind: 'run_project_task', projectId: 'prj_1', task: 'sweep', windowMs: 15 * 60_000 },
      {
        kind: 'start_or_update',
        projectId: 'prj_1',
        workflowKey: `intercom:${integrationId}:conversation:215000000000104:1700000000`,
        source: {
          type: 'intercom',
          integrationId,
          conversations: [{ id: '215000000000104', url: inboxUrl('215000000000104') }],
        },
        trigger: 'intercom.conversation_closed',
      },
    ]);
  });

  it("ignores another workspace's notification and refuses a body that is not a notification", async () => {
    const other = closed({ app_id: 'someoneelse' });
    expect((await receive(other, sign(other), [{ webhook: true }])).commands).toEqual([]);
    const broken = JSON.stringify({ hello: 'world' });
    expect((await refusal(receive(broken, sign(broken))))?.code).toBe('invalid_request');
    const noItem = notification('conversation.admin.closed', { type: 'contact', id: '1' });
    expect((await refusal(receive(noItem, sign(noItem))))?.code).toBe('invalid_request');
  });
});

describe('the client secret webhooks are checked with', () => {
  const connect = async (settings: Record<string, unknown>, sealed: Record<string, unknown>) => {
    const id = newId('int');
    await insertIntegration(db, {
      id,
      provider: 'intercom',
      baseUrl: fake.url,
      settings,
      sealedSecrets: secrets.seal(JSON.stringify(sealed)),
      createdBy: 'test',
    });
    return id;
  };
  it("is the OAuth app's for an OAuth connection, none for a token connection without one (every delivery refused)", async () => {
    const withDb = createIntercomClients({
      db,
      secrets,
      logger: pino({ level: 'silent' }),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls: true,
      ...providerDefaults,
      oauthClients: { intercom: { clientId: 'app', clientSecret: 'oauth-app-secret-0123456789', redirectUri: 'x' } },
    });
    const oauth = await connect({ oauth: true }, { accessToken: intercomToken });
    expect(await withDb.clientSecret(oauth)).toBe('oauth-app-secret-0123456789');
    const bare = await connect(
      { auth: 'token', appId: 'abc123xy', adminId: '991267001' },
      { accessToken: intercomToken },
    );
    expect(await withDb.clientSecret(bare)).toBeUndefined();
    const body = JSON.stringify({ id: 'notif_1', topic: 'ping' });
    const error = await refusal(
      (adapters.webhook as WebhookReceiver).receive(
        {
          integrationId: bare,
          headers: { 'x-hub-signature': `sha1=${createHmac('sha1', '').update(body).digest('hex')}` },
          rawBody: Buffer.from(body),
        },
        async () => [],
      ),
    );
    expect(error?.code).toBe('unauthorized');
    expect(error?.message).toContain('no client secret');
  });
});

rateLimitContract('intercom conversations', async () => {
  const limited = await startFakeIntercom(intercomToken);
  limited.addConversation(conversationWithPersonalData('215000000000201', hoursAgo(2)));
  const other = await intercomAgainstFake(limited);
  const source = other.adapters.supportSource as SupportSource<IntercomTrigger>;
  return {
    call: () => source.sweep({ ...trigger(), integrationId: other.integrationId }, undefined),
    limitNext: (response) => limited.limitNext(response),
    close: async () => {
      await other.db.destroy();
      await limited.close();
    },
  };
});
