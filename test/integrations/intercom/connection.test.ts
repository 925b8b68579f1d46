import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { openDatabase, type Db } from '../../../db/database.js';
import { intercom } from '../../../integrations/intercom/index.js';
import { startFakeIntercom, type FakeIntercom } from '../../support/fake-intercom/server.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { intercomToken, secrets } from './intercom-fixture.js';

let db: Db;
let fake: FakeIntercom;
beforeAll(async () => {
  db = await openDatabase({});
  fake = await startFakeIntercom(intercomToken);
});
afterAll(async () => {
  await fake?.close();
  await db?.destroy();
});

const connection = (allowPrivateUrls: boolean) =>
  intercom.create({
    db,
    secrets,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls,
    ...providerDefaults,
  }).connection!;
const refusal = (e: unknown) => (e instanceof AppError ? { code: e.code, details: e.details } : e);

describe('intercom connection', () => {
  it('checks the token with GET /me and keeps the workspace, the admin and the secrets apart', async () => {
    const prepared = await connection(true).prepare({
      provider: 'intercom',
      baseUrl: `${fake.url}/`,
      auth: { type: 'token', accessToken: intercomToken },
      clientSecret: 'client-secret-0123456789',
    });
    expect(prepared).toEqual({
      baseUrl: fake.url,
      settings: {
        auth: 'token',
        appId: 'abc123xy',
        adminId: '991267001',
        identity: { appId: 'abc123xy', workspace: 'Acme', admin: 'docs@acme.test' },
      },
      secrets: { accessToken: intercomToken, clientSecret: 'client-secret-0123456789' },
    });
  });

  it('refuses a wrong token, an OAuth body, and an internal address unless private URLs are allowed', async () => {
    const wrong = await connection(true)
      .prepare({ provider: 'intercom', baseUrl: fake.url, auth: { type: 'token', accessToken: `${intercomToken}x` } })
      .catch(refusal);
    expect(wrong).toMatchObject({ code: 'invalid_request', details: [{ path: 'auth.accessToken' }] });
    const oauth = await connection(true)
      .prepare({ provider: 'intercom', region: 'eu', auth: { type: 'oauth' } })
      .catch(refusal);
    expect(oauth).toMatchObject({ code: 'invalid_request', details: [{ path: 'auth.type' }] });
    const internal = await connection(false)
      .prepare({ provider: 'intercom', baseUrl: fake.url, auth: { type: 'token', accessToken: intercomToken } })
      .catch(refusal);
    expect(internal).toMatchObject({ code: 'invalid_request', details: [{ path: 'baseUrl' }] });
    const metadata = await connection(false)
      .prepare({
        provider: 'intercom',
        baseUrl: 'http://169.254.169.254',
        auth: { type: 'token', accessToken: intercomToken },
      })
      .catch(refusal);
    expect(metadata).toMatchObject({ code: 'invalid_request', details: [{ path: 'baseUrl' }] });
  });

  it('the fake refuses what Intercom refuses: a request without Intercom-Version', async () => {
    const plainFetch = await fetch(`${fake.url}/me`, { headers: { authorization: `Bearer ${intercomToken}` } });
    expect(plainFetch.status).toBe(400);
    expect(((await plainFetch.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe(
      'intercom_version_invalid',
    );
  });
});
