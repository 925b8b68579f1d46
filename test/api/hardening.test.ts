import type { AddressInfo } from 'node:net';
import { providerDefaults } from '../support/provider-deps.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { assertPublicUrl } from '../../integrations/kit/url-guard.js';
import { createIntegrations } from '../../integrations/integrations.js';
import { createHarness, type Harness } from '../support/harness.js';

let harness: Harness;
let url: string;
let key: string;
let close: () => void;

beforeAll(async () => {
  harness = await createHarness();
  const integrations = createIntegrations({
    db: harness.db,
    secrets: harness.secrets,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://x',
    allowPrivateUrls: false,
    ...providerDefaults,
  });
  const app = createApp({
    db: harness.db,
    logger: pino({ level: 'silent' }),
    runs: harness.runs(integrations),
    integrations,
    secrets: harness.secrets,
    publicUrl: 'http://x',
    rateLimits: { api: 10, webhooks: 3 },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
  key = (await createApiKey(harness.db, { name: 'a', role: 'admin' })).key;
});
afterAll(async () => {
  close?.();
  await harness?.close();
});

describe('hardening', () => {
  it('sends security headers and a request id', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses user-supplied base URLs that point at metadata, link-local or private addresses', async () => {
    for (const baseUrl of [
      'http://169.254.169.254/latest',
      'http://metadata.google.internal',
      'http://127.0.0.1:9/api',
      'http://10.1.2.3',
      'http://[fe80::1]/',
    ]) {
      const res = await fetch(`${url}/v1/integrations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          provider: 'github',
          baseUrl,
          auth: { type: 'token', token: 'github_pat_0123456789abcdefghij' },
          webhookSecret: '0123456789abcdef',
        }),
      });
      const body = (await res.json()) as any;
      expect(res.status, baseUrl).toBe(400);
      expect(body.error.message).toMatch(/DOCFLOW_ALLOW_PRIVATE_URLS/);
    }
    expect(await harness.db.selectFrom('integrations').selectAll().execute()).toEqual([]);
    await expect(assertPublicUrl('http://169.254.169.254', true)).resolves.toBeUndefined();
    await expect(assertPublicUrl('file:///etc/passwd', true)).rejects.toThrow(/http\(s\)/);
    await expect(assertPublicUrl('https://8.8.8.8/api/v3', false)).resolves.toBeUndefined();
  });

  it('limits body sizes', async () => {
    const res = await fetch(`${url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
    });
    expect(res.status).toBe(413);
  });
  it('rate-limits /v1 per key with a 429 in the usual error shape', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await fetch(`${url}/v1/projects`, { headers: { authorization: `Bearer ${key}` } })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    const limited = await fetch(`${url}/v1/projects`, { headers: { authorization: `Bearer ${key}` } });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as any).error.code).toBe('rate_limited');
    expect(limited.headers.get('ratelimit-policy') ?? limited.headers.get('ratelimit')).toBeTruthy();
  });
});
