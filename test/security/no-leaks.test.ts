import { execFileSync } from 'node:child_process';
import { providerDefaults } from '../support/provider-deps.js';
import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { createLogger } from '../../config/logger.js';
import { createIntegrations } from '../../integrations/integrations.js';
import { signedDelivery, examplePayload } from '../support/github-payloads.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { createHarness, type Harness } from '../support/harness.js';
import { createTestDatabase } from '../support/postgres.js';

// docflow checks credentials on connect: a fake GitHub answers GET /user and GET /app.
let fake: FakeGitHub;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let harness: Harness;
let url: string;
let closeServer: () => void;
let adminKey: string;
const captured: string[] = [];
const secrets = {
  token: 'github_pat_leakcheck_0123456789abcdefXYZ',
  webhookSecret: 'leakcheck-webhook-secret-9f8e7d',
  privateKey: generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey,
};

beforeAll(async () => {
  fake = await startFakeGitHub({ appId: 1 });
  database = await createTestDatabase();
  harness = await createHarness({ databaseUrl: database.url });
  const logger = createLogger(
    'trace',
    'leak-check',
    new Writable({
      write(chunk, _enc, done) {
        captured.push(String(chunk));
        done();
      },
    }),
  );
  const integrations = createIntegrations({
    db: harness.db,
    secrets: harness.secrets,
    logger,
    publicUrl: 'http://x',
    allowPrivateUrls: true,
    ...providerDefaults,
  });
  const app = createApp({
    db: harness.db,
    logger,
    runs: harness.runs(integrations),
    integrations,
    secrets: harness.secrets,
    publicUrl: 'http://x',
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
  closeServer = () => server.close();
  adminKey = (await createApiKey(harness.db, { name: 'admin', role: 'admin' })).key;
});
afterAll(async () => {
  closeServer?.();
  await harness?.close();
  await database?.drop();
  await fake?.close();
});

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(url + path, { method: 'POST', headers, body });

describe('secrets at rest and in logs', () => {
  it('leaves no secret in a database dump or in the logs of a session that used them all', async () => {
    const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
    const token = await post(
      '/v1/integrations',
      JSON.stringify({
        provider: 'github',
        baseUrl: fake.url,
        auth: { type: 'token', token: secrets.token },
        webhookSecret: secrets.webhookSecret,
      }),
      auth,
    );
    expect(token.status).toBe(201);
    const app = await post(
      '/v1/integrations',
      JSON.stringify({
        provider: 'github',
        baseUrl: fake.url,
        auth: { type: 'app', appId: '1', privateKey: secrets.privateKey },
        webhookSecret: secrets.webhookSecret,
      }),
      auth,
    );
    expect(app.status).toBe(201);
    const integrationId = ((await token.json()) as any).id;
    const created = (await (
      await post('/v1/keys', JSON.stringify({ name: 'bot', role: 'editor' }), auth)
    ).json()) as any;

    const good = signedDelivery('ping', examplePayload('ping'), secrets.webhookSecret);
    expect((await post(`/webhooks/github/${integrationId}`, good.body, good.headers)).status).toBe(200);
    const bad = signedDelivery('ping', examplePayload('ping'), 'wrong-secret-entirely');
    expect((await post(`/webhooks/github/${integrationId}`, bad.body, bad.headers)).status).toBe(401);
    expect((await fetch(`${url}/v1/projects`, { headers: { authorization: `Bearer ${created.key}` } })).status).toBe(
      200,
    );
    expect((await fetch(`${url}/v1/integrations`, { headers: { authorization: 'Bearer dfk_not_a_key' } })).status).toBe(
      401,
    );
    // Use the sealed credentials once, so they are decrypted in this process.
    await harness.integrations
      .webhook('github')
      .receive({ integrationId, headers: good.headers, rawBody: Buffer.from(good.body) }, async () => []);

    const dump = execFileSync('pg_dump', ['--data-only', new URL(database.url).pathname.slice(1)], {
      encoding: 'utf8',
      env: { ...process.env, PGHOST: '127.0.0.1', PGUSER: 'postgres' },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(dump).toContain('integrations');
    const logs = captured.join('');
    expect(logs).toContain('"status":401');
    const privateKeyBody = secrets.privateKey.split('\n')[5]!;
    for (const [name, value] of Object.entries({
      ...secrets,
      privateKey: privateKeyBody,
      adminKey,
      editorKey: created.key,
    })) {
      expect(dump.includes(value), `${name} in the database dump`).toBe(false);
      expect(logs.includes(value), `${name} in the logs`).toBe(false);
    }
  });
});
