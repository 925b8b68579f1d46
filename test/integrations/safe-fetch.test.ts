import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFailureTypes } from '../../activities/failures.js';
import { blockedAddress } from '../../integrations/kit/ip-ranges.js';
import { assertPublicUrl } from '../../integrations/kit/url-guard.js';
import { octokitClass } from '../../integrations/github/octokit.js';
import { safeFetch } from '../../integrations/kit/safe-fetch.js';

let server: http.Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    if (req.url === '/elsewhere') return void res.writeHead(302, { location: `http://localhost:${port}/landed` }).end();
    if (req.url === '/same') return void res.writeHead(301, { location: '/landed' }).end();
    if (req.url === '/landed')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    res.writeHead(500, { 'content-type': 'text/plain' }).end('internal admin panel: db password hunter2');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('internal addresses', () => {
  it('are recognised in IPv4-mapped, NAT64, 6to4 and compatible IPv6 forms', () => {
    for (const address of [
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '::FFFF:10.0.0.1',
      '64:ff9b::7f00:1',
      '64:ff9b::a9fe:a9fe',
      '64:ff9b:1::1',
      '2002:7f00:1::',
      '::127.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '0.0.0.0',
      '100.64.0.1',
      '224.0.0.1',
    ]) {
      expect(blockedAddress(address), address).toBeDefined();
    }
    for (const address of ['8.8.8.8', '::ffff:8.8.8.8', '64:ff9b::808:808', '2606:4700:4700::1111', '140.82.112.3']) {
      expect(blockedAddress(address), address).toBeUndefined();
    }
  });

  it('are refused as base URLs in every spelling, and so are names that do not resolve', async () => {
    for (const url of [
      'http://[::ffff:127.0.0.1]:9',
      'http://[::ffff:7f00:1]:9',
      'http://[::ffff:a9fe:a9fe]/latest',
      'http://[64:ff9b::7f00:1]:9',
      'http://2130706433/',
      'http://0x7f.1/',
    ]) {
      await expect(assertPublicUrl(url, false), url).rejects.toThrow(/DOCFLOW_ALLOW_PRIVATE_URLS/);
    }
    await expect(assertPublicUrl('https://no-such-host.invalid/api/v3', false)).rejects.toThrow(/does not resolve/);
  });
});

describe('safeFetch', () => {
  it('checks the address it actually connects to, for IP literals and names (so DNS rebinding fails)', async () => {
    const guarded = safeFetch({ allowPrivate: false });
    const before = hits.length;
    await expect(guarded(`http://127.0.0.1:${port}/landed`)).rejects.toThrow(/loopback address; refused/);
    await expect(guarded(`http://[::ffff:127.0.0.1]:${port}/landed`)).rejects.toThrow(/refused/);
    // A name is checked in the connection's lookup hook, on every request, not once at creation.
    await expect(guarded(`http://localhost:${port}/landed`)).rejects.toThrow(/resolves to a loopback address/);
    expect(hits.length).toBe(before);
  });

  it('follows redirects on the same origin only', async () => {
    const open = safeFetch({ allowPrivate: true });
    const same = await open(`http://127.0.0.1:${port}/same`);
    expect(await same.json()).toEqual({ ok: true });
    const before = hits.length;
    await expect(
      open(`http://127.0.0.1:${port}/elsewhere`, { headers: { authorization: 'token secret' } }),
    ).rejects.toThrow(/redirected to another host/);
    expect(hits.slice(before)).toEqual(['GET /elsewhere token secret']);
  });

  it("keeps a provider's error body out of the failure a run reports", async () => {
    const Octokit = octokitClass(
      `http://127.0.0.1:${port}`,
      pino({ level: 'silent' }),
      safeFetch({ allowPrivate: true }),
    );
    const octokit = new Octokit({ auth: 'token-x', retry: { enabled: false } });
    const activity = withFailureTypes({ call: async () => octokit.request('GET /internal') });
    const failure = await activity.call().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: 'provider_error',
      message: 'the provider answered HTTP 500 (Internal Server Error)',
    });
    expect(JSON.stringify(failure)).not.toContain('hunter2');

    const refused = withFailureTypes({
      call: async () =>
        new (octokitClass(`http://127.0.0.1:${port}`, pino({ level: 'silent' }), safeFetch({ allowPrivate: false })))({
          retry: { enabled: false },
        }).request('GET /landed'),
    });
    expect(await refused.call().catch((error: unknown) => error)).toMatchObject({
      type: 'provider_error',
      nonRetryable: true,
      message: expect.stringMatching(/not contacted/),
    });
  });
});
