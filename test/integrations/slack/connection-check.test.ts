import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import type { ConnectionAdapter, StoredConnection } from '../../../integrations/contract.js';
import { checkConnection } from '../../../integrations/kit/oauth/check-connection.js';
import { slackOAuth } from '../../../integrations/slack/oauth.js';
import { slack } from '../../../integrations/slack/index.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack/index.js';
import { signingSecret } from '../../support/fake-slack/signed.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { contractSecrets } from '../contracts/against-fakes.js';

let fake: FakeSlack;
let connection: ConnectionAdapter;
let stored: StoredConnection;
let db: Db;

beforeAll(async () => {
  db = await openDatabase({});
  fake = await startFakeSlack();
  // prepare() and check() read nothing from the database or the vault.
  connection = slack.create({
    db: {} as never,
    secrets: {} as never,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls: true,
    ...providerDefaults,
  }).connection!;
  const prepared = await connection.prepare({
    provider: 'slack',
    baseUrl: fake.url,
    auth: { type: 'token', botToken: fake.token },
    signingSecret,
  });
  stored = { id: 'int_slack_check', ...prepared };
});
afterAll(async () => {
  await db?.destroy();
  await fake?.close();
});

describe('the health check of a token-mode Slack connection (auth.test)', () => {
  it('is working while Slack accepts the bot token', async () => {
    expect(await connection.check!(stored)).toEqual({ status: 'working' });
    expect(fake.callsTo('auth.test').length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['token_revoked', /revoked/],
    ['invalid_auth', /not valid/],
    ['account_inactive', /deactivated/],
  ])('is broken when auth.test answers %s, saying so and how to reconnect', async (code, meaning) => {
    fake.revoke(code);
    try {
      const health = await connection.check!(stored);
      expect(health).toEqual({
        status: 'broken',
        detail: expect.stringContaining(`Slack refused the bot token: auth.test answered ${code}`),
        reconnectHint: expect.stringMatching(/xoxb-.*POST \/v1\/integrations/),
      });
      expect((health as { detail: string }).detail).toMatch(meaning);
    } finally {
      fake.restore();
    }
  });

  it('is unknown, not broken, for a rate limit, a 5xx, another refusal or no answer at all', async () => {
    fake.limitNext('auth.test', 30);
    const started = Date.now();
    expect(await connection.check!(stored)).toEqual({
      status: 'unknown',
      detail: expect.stringContaining('rate-limited auth.test (retry after 30s)'),
    });
    expect(Date.now() - started).toBeLessThan(5000); // not waited out: the next check is the retry
    fake.failNext('auth.test', 503);
    expect(await connection.check!(stored)).toEqual({ status: 'unknown', detail: expect.stringContaining('HTTP 503') });
    fake.revoke('fatal_error');
    expect(await connection.check!(stored)).toEqual({ status: 'unknown', detail: 'auth.test answered fatal_error' });
    fake.restore();
    const gone = { ...stored, baseUrl: 'http://127.0.0.1:9/api' };
    expect(await connection.check!(gone)).toEqual({
      status: 'unknown',
      detail: expect.stringMatching(/could not be reached/),
    });
  });

  it('is broken when no bot token is stored', async () => {
    expect(await connection.check!({ ...stored, secrets: {} })).toMatchObject({
      status: 'broken',
      detail: 'no bot token is stored',
    });
  });
});

describe('the health check of a Slack OAuth install', () => {
  it('takes auth.test answering 200 with ok: false (a revoked token) for broken, and recovers', async () => {
    try {
      const id = 'int_slack_oauth_check';
      await insertIntegration(db, {
        id,
        provider: 'slack',
        baseUrl: 'https://slack.com',
        settings: { oauth: true, baseUrl: new URL(fake.url).origin },
        sealedSecrets: contractSecrets.seal(JSON.stringify({ accessToken: fake.token })),
        createdBy: 'test',
      });
      const check = () => checkConnection(db, contractSecrets, slackOAuth, {}, id);
      expect(await check()).toEqual({ status: 'connected' });
      fake.revoke('token_revoked');
      expect(await check()).toEqual({
        status: 'broken',
        detail: expect.stringContaining('slack refused the token (auth.test answered token_revoked'),
      });
      fake.restore();
      expect(await check()).toEqual({ status: 'connected' });
    } finally {
      fake.restore();
    }
  });
});
