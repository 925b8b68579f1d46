import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { providerDefaults } from '../../support/provider-deps.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { createGitHubClients, type GitHubClients } from '../../../integrations/github/clients.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github/index.js';

const appId = 777;
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
let fake: FakeGitHub;
let db: Db;
let clients: GitHubClients;

beforeAll(async () => {
  fake = await startFakeGitHub({ appId, publicKeyPem: publicKey });
  fake.addRepo('acme/code', { files: { 'a.ts': 'x\n' }, installationId: 5 });
  fake.addRepo('other/code', { files: { 'a.ts': 'x\n' }, installationId: 6 });
  db = await openDatabase({});
  const secrets = createSecretBox([randomBytes(32)]);
  await insertIntegration(db, {
    id: 'int_app',
    provider: 'github',
    baseUrl: fake.url,
    settings: { auth: 'app', appId: String(appId) },
    sealedSecrets: secrets.seal(JSON.stringify({ privateKey, webhookSecret: 'w' })),
    createdBy: 'test',
  });
  clients = createGitHubClients({
    db,
    secrets,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://x',
    allowPrivateUrls: true,
    ...providerDefaults,
  });
});
afterAll(async () => {
  await db?.destroy();
  await fake?.close();
});

describe('GitHub clients', () => {
  it('use one cached installation token per installation, found per repository', async () => {
    const first = await clients.forRepo('int_app', 'acme/code');
    await first.rest.repos.get({ owner: 'acme', repo: 'code' });
    const again = await clients.forRepo('int_app', 'acme/code');
    await again.rest.repos.get({ owner: 'acme', repo: 'code' });
    expect(fake.requests.filter((r) => r.path === '/app/installations/5/access_tokens')).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path === '/repos/acme/code/installation')).toHaveLength(1);
  });

  it('wait out a primary rate limit (x-ratelimit-remaining: 0) instead of failing', async () => {
    const octokit = await clients.forRepo('int_app', 'acme/code');
    const reset = Math.ceil(Date.now() / 1000) + 1;
    fake.failNext(
      { method: 'GET', pathPattern: /^\/repos\/acme\/code$/ },
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        body: { message: 'API rate limit exceeded' },
      },
    );
    const started = Date.now();
    const repo = await octokit.rest.repos.get({ owner: 'acme', repo: 'code' });
    expect(repo.data.full_name).toBe('acme/code');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('surface a 429 with its retry-after for the activity retry to honour', async () => {
    const octokit = await clients.forRepo('int_app', 'acme/code');
    fake.failNext(
      { method: 'GET', pathPattern: /^\/repos\/acme\/code$/ },
      { status: 429, headers: { 'retry-after': '7' }, body: { message: 'slow down' } },
    );
    const error = await octokit.rest.repos.get({ owner: 'acme', repo: 'code' }).catch((e) => e);
    expect(error.status).toBe(429);
    expect(error.response.headers['retry-after']).toBe('7');
  });

  it('say clearly when the App is not installed on a repository or the integration is gone', async () => {
    fake.addRepo('nobody/code', { files: { 'a.ts': 'x\n' } });
    await expect(clients.forRepo('int_app', 'nobody/code')).rejects.toMatchObject({
      code: 'forbidden',
      message: /not installed on nobody\/code/,
    });
    await expect(clients.forRepo('int_missing', 'acme/code')).rejects.toMatchObject({
      code: 'integration_disconnected',
    });
    expect(fake.violations).toEqual([]);
  });
});
