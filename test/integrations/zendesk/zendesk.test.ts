import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import type { Db } from '../../../db/database.js';
import type { Project } from '../../../core/project.js';
import type { ProviderAdapters, SupportSource, WebhookReceiver } from '../../../integrations/contract.js';
import type { ZendeskTrigger } from '../../../integrations/zendesk/schemas.js';
import { startFakeZendesk, type FakeZendesk } from '../../support/fake-zendesk/index.js';
import { rateLimitContract } from '../contracts/rate-limit-contract.js';
import { personalData, ticketWithPersonalData, zendeskAgainstFake, zendeskWebhookSecret } from './zendesk-setup.js';

let fake: FakeZendesk;
let db: Db;
let adapters: ProviderAdapters;
let integrationId: string;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');

beforeAll(async () => {
  fake = await startFakeZendesk();
  ({ db, adapters, integrationId } = await zendeskAgainstFake(fake));
});
afterAll(async () => {
  await db?.destroy();
  await fake?.close();
});

const trigger = (sweep: Partial<NonNullable<ZendeskTrigger['sweep']>> = {}): ZendeskTrigger =>
  ({ type: 'zendesk', integrationId, webhook: false, sweep: { lookback: '30d', ...sweep } }) as ZendeskTrigger;
const support = () => adapters.supportSource as SupportSource<ZendeskTrigger>;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );

describe('Zendesk connection', () => {
  it('checks the API token with GET /api/v2/users/me and stores only the email and the sealed token', async () => {
    const prepared = await adapters.connection!.prepare({
      provider: 'zendesk',
      baseUrl: fake.url,
      auth: { type: 'token', email: fake.email, apiToken: fake.apiToken },
    });
    expect(prepared).toEqual({
      baseUrl: fake.url,
      settings: { auth: 'token', email: fake.email },
      secrets: { apiToken: fake.apiToken },
    });
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/v2/users/me.json', authorized: true });
  });

  it('refuses a wrong API token with invalid_request naming auth.apiToken', async () => {
    const error = await refusal(
      adapters.connection!.prepare({
        provider: 'zendesk',
        baseUrl: fake.url,
        auth: { type: 'token', email: fake.email, apiToken: 'not-the-right-token-0123456789' },
      }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error!.code).toBe('invalid_request');
    expect(error!.details).toEqual([{ path: 'auth.apiToken', message: 'answered 401' }]);
  });

  it('sends OAuth connections to the OAuth connect route', async () => {
    const error = await refusal(
      adapters.connection!.prepare({ provider: 'zendesk', subdomain: 'acme', auth: { type: 'oauth' } }),
    );
    expect(error!.code).toBe('invalid_request');
    expect(error!.message).toContain('/v1/integrations/zendesk/connect?subdomain=');
  });
});

describe('Zendesk sweep (support source)', () => {
  beforeAll(() => {
    fake.addTicket(ticketWithPersonalData(101, hoursAgo(50)));
    fake.addTicket({
      id: 102,
      subject: 'How do I rotate keys?',
      tags: ['no-docs'],
      updatedAt: hoursAgo(40),
      requester: { name: 'Ana Lee', email: 'ana@c.test' },
      comments: [{ from: 'requester', body: 'question' }],
    });
    fake.addTicket({
      id: 103,
      subject: 'Still open',
      status: 'open',
      updatedAt: hoursAgo(30),
      requester: { name: 'Bo Chan', email: 'bo@c.test' },
      comments: [{ from: 'requester', body: 'question' }],
    });
    // 150 public comments: two pages of the comments endpoint.
    fake.addTicket({
      id: 104,
      subject: 'Long thread',
      updatedAt: hoursAgo(20),
      requester: { name: 'Cy Dane', email: 'cy@c.test' },
      comments: Array.from({ length: 150 }, (_, i) => ({ from: 'agent' as const, body: `reply ${i}` })),
    });
  });

  it('reads solved tickets since the lookback, their public comments only, with personal data removed', async () => {
    const { threads, skipped, read, cursor } = await support().sweep(trigger(), undefined);
    expect(read).toBe(4);
    expect(threads.map((t) => t.id)).toEqual(['101', '104']);
    expect(skipped).toEqual([
      { id: '102', reason: 'excluded_tag' },
      { id: '103', reason: 'status_open' },
    ]);
    expect(cursor).not.toBe('');
    const ticket = threads[0]!;
    expect(ticket.url).toBe(`${fake.url}/agent/tickets/101`);
    expect(ticket.messages).toHaveLength(2);
    const text = JSON.stringify(ticket);
    for (const value of [
      personalData.requester.name,
      'Margarethe',
      'Oyelaran',
      personalData.requester.email,
      personalData.agent.name,
      personalData.phone,
      personalData.card,
      personalData.token,
      'hunter2secret',
      'INTERNAL',
      '99-1234',
    ])
      expect(text).not.toContain(value);
    expect(ticket.messages.map((m) => m.role)).toEqual(['asker', 'answerer']);
    expect(ticket.messages[1]!.text).toContain('--delimiter');
    expect(threads[1]!.messages).toHaveLength(150);
  });

  it('continues from its cursor: only tickets changed since are read again', async () => {
    const first = await support().sweep(trigger(), undefined);
    fake.addTicket({
      id: 105,
      subject: 'New one',
      updatedAt: hoursAgo(1),
      requester: { name: 'Di Egan', email: 'di@c.test' },
      comments: [{ from: 'requester', body: 'new question' }],
    });
    const next = await support().sweep(trigger(), first.cursor);
    expect(next.threads.map((t) => t.id)).toEqual(['105']);
    const after = await support().sweep(trigger(), next.cursor);
    expect(after).toMatchObject({ threads: [], read: 0 });
  });

  it('pages through the incremental export (100 tickets a page) until end_of_stream', async () => {
    const separate = await startFakeZendesk();
    try {
      for (let i = 1; i <= 230; i++)
        separate.addTicket({
          id: 2000 + i,
          subject: `t${i}`,
          updatedAt: new Date(Date.now() - 5 * 3_600_000 + i * 1000).toISOString(),
          requester: { name: 'Ed Fox', email: 'ed@c.test' },
          comments: [{ from: 'requester', body: 'q' }],
        });
      const other = await zendeskAgainstFake(separate);
      const swept = await (other.adapters.supportSource as SupportSource<ZendeskTrigger>).sweep(
        { ...trigger(), integrationId: other.integrationId },
        undefined,
      );
      expect(swept.threads).toHaveLength(230);
      expect(separate.requests.filter((r) => r.path.startsWith('/api/v2/incremental/')).length).toBe(3);
      await other.db.destroy();
    } finally {
      await separate.close();
    }
  });
});

rateLimitContract('zendesk', async () => {
  const limited = await startFakeZendesk();
  limited.addTicket(ticketWithPersonalData(1, hoursAgo(2)));
  const other = await zendeskAgainstFake(limited);
  const source = other.adapters.supportSource as SupportSource<ZendeskTrigger>;
  return {
    call: () => source.sweep({ ...trigger(), integrationId: other.integrationId }, undefined),
    limitNext: ({ status, headers }) => limited.failNext('/api/v2/incremental/', status, headers),
    close: async () => {
      await other.db.destroy();
      await limited.close();
    },
  };
});

describe('Zendesk webhook', () => {
  const body = Buffer.from(JSON.stringify({ ticket_id: '101', status: 'solved', updated_at: '2026-01-01T00:00:00Z' }));
  const sign = (timestamp: string, raw: Buffer, secret = zendeskWebhookSecret) =>
    createHmac('sha256', secret).update(timestamp).update(raw).digest('base64');
  const headers = (timestamp = new Date().toISOString(), secret?: string) => ({
    'x-zendesk-webhook-signature-timestamp': timestamp,
    'x-zendesk-webhook-signature': sign(timestamp, body, secret),
    'x-zendesk-webhook-invocation-id': 'inv-1',
  });
  const project = (webhook: boolean, id = 'prj_1') =>
    ({ id, triggers: [{ type: 'zendesk', integrationId, webhook }] }) as unknown as Project;
  const receiver = () => adapters.webhook as WebhookReceiver;

  it('starts a run of each project listening for solved tickets, keyed by ticket and solve time', async () => {
    const received = await receiver().receive({ integrationId, headers: headers(), rawBody: body }, async () => [
      project(true),
      project(false, 'prj_2'),
    ]);
    expect(received.delivery).toEqual({ id: 'inv-1', event: 'ticket.solved' });
    expect(received.commands).toEqual([
      {
        kind: 'start_or_update',
        projectId: 'prj_1',
        workflowKey: `zendesk:${integrationId}:ticket:101:2026-01-01T00:00:00Z`,
        source: { type: 'zendesk', integrationId, tickets: [{ id: 101, url: `${fake.url}/agent/tickets/101` }] },
        trigger: 'zendesk.ticket_solved',
      },
    ]);
  });

  it.each([
    ['a wrong secret', () => headers(undefined, 'another-secret-0123456789')],
    ['a replayed (old) timestamp', () => headers(new Date(Date.now() - 10 * 60_000).toISOString())],
    ['no signature', () => ({ ...headers(), 'x-zendesk-webhook-signature': undefined })],
  ])('refuses %s with unauthorized before reading the body', async (_what, make) => {
    const error = await refusal(
      receiver().receive({ integrationId, headers: make(), rawBody: body }, async () => {
        throw new Error('projects must not be read');
      }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error!.code).toBe('unauthorized');
  });

  it('refuses a signed body that names no ticket with invalid_request', async () => {
    const raw = Buffer.from('{"hello":1}');
    const timestamp = new Date().toISOString();
    const error = await refusal(
      receiver().receive(
        {
          integrationId,
          headers: { ...headers(timestamp), 'x-zendesk-webhook-signature': sign(timestamp, raw) },
          rawBody: raw,
        },
        async () => [],
      ),
    );
    expect(error!.code).toBe('invalid_request');
  });
});
