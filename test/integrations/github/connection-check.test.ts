import { generateKeyPairSync } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionAdapter, StoredConnection } from '../../../integrations/contract.js';
import { github } from '../../../integrations/github/index.js';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github/index.js';
import { providerDefaults } from '../../support/provider-deps.js';

const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const { publicKey, privateKey } = keyPair();
const token = 'ghp_connection_check_0123456789';
let fake: FakeGitHub;
let connection: ConnectionAdapter;
let asToken: StoredConnection;
let asApp: StoredConnection;

beforeAll(async () => {
  fake = await startFakeGitHub({ appId: 77, publicKeyPem: publicKey });
  // prepare() and check() read nothing from the database or the vault.
  connection = github.create({
    db: {} as never,
    secrets: {} as never,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls: true,
    ...providerDefaults,
  }).connection!;
  const webhookSecret = 'a-webhook-secret-of-some-length';
  const prepare = async (auth: Record<string, unknown>) => ({
    id: 'int_github_check',
    ...(await connection.prepare({ provider: 'github', baseUrl: fake.url, webhookSecret, auth })),
  });
  asToken = await prepare({ type: 'token', token });
  asApp = await prepare({ type: 'app', appId: '77', privateKey });
});
afterAll(async () => {
  expect(fake.violations).toEqual([]);
  await fake?.close();
});

describe('the health check of a GitHub connection made with credentials', () => {
  it('asks GitHub with the stored token (GET /user) or App key (GET /app)', async () => {
    const before = fake.requests.length;
    expect(await connection.check!(asToken)).toEqual({ status: 'working' });
    expect(await connection.check!(asApp)).toEqual({ status: 'working' });
    expect(fake.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /user', 'GET /app']);
  });

  it('is broken when GitHub refuses the token or the App key, or the key cannot sign', async () => {
    fake.revoke(token);
    expect(await connection.check!(asToken)).toEqual({
      status: 'broken',
      detail: `GitHub at ${fake.url} refused the token: GET /user answered 401`,
    });
    fake.restore(token);
    const otherKey = { ...asApp, secrets: { ...asApp.secrets, privateKey: keyPair().privateKey } };
    expect(await connection.check!(otherKey)).toEqual({
      status: 'broken',
      detail: `GitHub at ${fake.url} refused the App's id and private key: GET /app answered 401`,
    });
    const garbage = { ...asApp, secrets: { ...asApp.secrets, privateKey: 'not a key' } };
    expect(await connection.check!(garbage)).toMatchObject({
      status: 'broken',
      detail: expect.stringMatching(/private key cannot sign/),
    });
    fake.failNext({ method: 'GET', pathPattern: /^\/user$/ }, { status: 403 });
    expect(await connection.check!(asToken)).toMatchObject({ status: 'broken', detail: expect.stringMatching(/403/) });
  });

  it('is unknown, not broken, for a rate limit (429, or a 403 with no requests left), a 5xx or no answer', async () => {
    const started = Date.now();
    fake.failNext({ method: 'GET', pathPattern: /^\/user$/ }, { status: 429, headers: { 'retry-after': '30' } });
    expect(await connection.check!(asToken)).toMatchObject({
      status: 'unknown',
      detail: expect.stringMatching(/rate-limited/),
    });
    const reset = String(Math.floor(Date.now() / 1000) + 30);
    fake.failNext(
      { method: 'GET', pathPattern: /^\/user$/ },
      { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } },
    );
    expect(await connection.check!(asToken)).toMatchObject({
      status: 'unknown',
      detail: expect.stringMatching(/rate-limited/),
    });
    expect(Date.now() - started).toBeLessThan(5000); // not waited out: the next check is the retry
    fake.failNext({ method: 'GET', pathPattern: /^\/app$/ }, { status: 502 });
    expect(await connection.check!(asApp)).toEqual({
      status: 'unknown',
      detail: `GitHub at ${fake.url} answered HTTP 502 to GET /app`,
    });
    expect(await connection.check!({ ...asToken, baseUrl: 'http://127.0.0.1:9' })).toMatchObject({
      status: 'unknown',
      detail: expect.stringMatching(/could not be reached/),
    });
  });
});
