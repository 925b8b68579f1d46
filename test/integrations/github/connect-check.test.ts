import { generateKeyPairSync } from 'node:crypto';
import { providerDefaults } from '../../support/provider-deps.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegrations } from '../../../integrations/integrations.js';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github/index.js';

const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const { publicKey, privateKey } = keyPair();
const webhookSecret = 'a-webhook-secret-of-some-length';
let fake: FakeGitHub;
// prepare() reads nothing from the database or the vault.
const integrations = createIntegrations({
  db: {} as never,
  secrets: {} as never,
  logger: pino({ level: 'silent' }),
  publicUrl: 'http://x',
  allowPrivateUrls: true,
  ...providerDefaults,
});
const prepare = (body: Record<string, unknown>) =>
  integrations.connection('github').prepare({ provider: 'github', webhookSecret, ...body });

beforeAll(async () => {
  fake = await startFakeGitHub({ appId: 77, publicKeyPem: publicKey });
});
afterAll(async () => {
  expect(fake.violations).toEqual([]);
  await fake?.close();
});

describe('connecting GitHub checks the credentials first', () => {
  it('accepts a token GitHub knows (GET /user) and an App whose JWT it accepts (GET /app)', async () => {
    await expect(
      prepare({ baseUrl: fake.url, auth: { type: 'token', token: 'github_pat_0123456789abcdefghij' } }),
    ).resolves.toMatchObject({ settings: { auth: 'token' } });
    await expect(prepare({ baseUrl: fake.url, auth: { type: 'app', appId: '77', privateKey } })).resolves.toMatchObject(
      { settings: { auth: 'app', appId: '77' } },
    );
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /user', 'GET /app']),
    );
  });

  it('says what failed, with a 4xx code and the field to fix', async () => {
    const badToken = await prepare({
      baseUrl: fake.url,
      auth: { type: 'token', token: 'not-a-known-token-0123456789' },
    }).catch((e: unknown) => e);
    expect(badToken).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/refused the token: GET \/user answered 401/),
      details: [{ path: 'auth.token' }],
    });
    const otherKey = await prepare({
      baseUrl: fake.url,
      auth: { type: 'app', appId: '77', privateKey: keyPair().privateKey },
    }).catch((e: unknown) => e);
    expect(otherKey).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/refused the App id and private key: GET \/app answered 401/),
      details: [{ path: 'auth.privateKey' }],
    });
    const unreachable = await prepare({
      baseUrl: 'http://127.0.0.1:9',
      auth: { type: 'token', token: 'github_pat_0123456789abcdefghij' },
    }).catch((e: unknown) => e);
    expect(unreachable).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/could not be reached/),
      details: [{ path: 'baseUrl' }],
    });
  });
});
