import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codecUiOrigin } from '../../api/routes/codec.js';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { createWebSession, revokeWebSession } from '../../db/repositories/web-sessions.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const uiOrigin = 'http://127.0.0.1:8233';
let harness: Harness;
let api: TestApi;
beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness, { temporalUiUrl: uiOrigin });
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
});

const codec = (direction: string, body: unknown, key: string | null = api.key) =>
  fetch(`${api.url}/codec/${direction}`, {
    method: 'POST',
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      'content-type': 'application/json',
      'x-namespace': 'default',
    },
    body: JSON.stringify(body),
  });

describe('Temporal payload encryption', () => {
  it('stores run data encrypted in Temporal; the codec endpoint decodes it for a key holder', async () => {
    const fixture = flagChangeFixture();
    const project = await api.call('POST', '/v1/projects', {
      name: 'enc',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main' }],
    });
    const run = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
      source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
    });
    await eventually(
      async () =>
        (await api.call('GET', `/v1/runs/${run.body.id}`)).body.status === 'awaiting_review' ? true : undefined,
      'awaiting_review',
    );

    // A client without the codec, as anyone with access to Temporal's store would see it.
    const raw = new Client({ connection: harness.client.connection, namespace: 'default' });
    const history = await raw.workflow.getHandle(run.body.id).fetchHistory();
    const text = JSON.stringify(history);
    expect(text).not.toContain(fixture.source);
    const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    expect(Buffer.from(input.metadata!.encoding!).toString()).toBe('binary/encrypted');

    const wire = {
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(input.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')]),
          ),
          data: Buffer.from(input.data!).toString('base64'),
        },
      ],
    };
    const decoded = (await (await codec('decode', wire)).json()) as any;
    expect(Buffer.from(decoded.payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(Buffer.from(decoded.payloads[0].data, 'base64').toString()).toContain(fixture.source);

    const reencoded = (await (await codec('encode', decoded)).json()) as any;
    expect(Buffer.from(reencoded.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    const again = (await (await codec('decode', reencoded)).json()) as any;
    expect(again.payloads[0].data).toBe(decoded.payloads[0].data);
  });

  it('requires a key, answers CORS preflights for the Web UI only, and refuses malformed bodies', async () => {
    expect((await codec('decode', { payloads: [] }, null)).status).toBe(401);
    const preflight = (origin: string) =>
      fetch(`${api.url}/codec/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-namespace' },
      });
    const allowed = await preflight(uiOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('http://127.0.0.1:9999');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await codec('decode', { payloads: 'nope' })).status).toBe(400);
    expect((await codec('shred', { payloads: [] })).status).toBe(404);
  });

  it("accepts the review app's session from the Web UI's origin, and from nowhere else", async () => {
    const { id: keyId } = await createApiKey(harness.db, { name: 'ui reviewer', role: 'reviewer' });
    const session = await createWebSession(harness.db, keyId, 60_000);
    const fromBrowser = (origin: string | undefined, token: string | undefined) =>
      fetch(`${api.url}/codec/encode`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-namespace': 'default',
          ...(origin ? { origin } : {}),
          ...(token ? { cookie: `docflow_session=${token}` } : {}),
        },
        body: JSON.stringify({ payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'e30=' }] }),
      });

    const signedIn = await fromBrowser(uiOrigin, session.token);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    const [encoded] = ((await signedIn.json()) as any).payloads;
    expect(Buffer.from(encoded.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');

    // The session counts only on requests the browser says come from the UI (no CSRF token can come along).
    expect((await fromBrowser('http://127.0.0.1:9999', session.token)).status).toBe(401);
    expect((await fromBrowser(undefined, session.token)).status).toBe(401);
    // Signed out: 401, readable by the UI (which then shows the ciphertext).
    const signedOut = await fromBrowser(uiOrigin, undefined);
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(((await signedOut.json()) as any).error.message).toMatch(/sign in to the review app/);
    await revokeWebSession(harness.db, session.id);
    expect((await fromBrowser(uiOrigin, session.token)).status).toBe(401);
  });

  it('lets only a Web UI on this machine in outside production; in production the configured one', () => {
    expect(codecUiOrigin('http://localhost:8233/', false)).toBe('http://localhost:8233');
    expect(codecUiOrigin('http://127.0.0.1:8233', false)).toBe('http://127.0.0.1:8233');
    expect(codecUiOrigin('http://[::1]:8233', false)).toBe('http://[::1]:8233');
    expect(codecUiOrigin('https://temporal.example.com', false)).toBeUndefined();
    expect(codecUiOrigin('http://localhost.example.com:8233', false)).toBeUndefined();
    expect(codecUiOrigin('https://temporal.example.com/ui', true)).toBe('https://temporal.example.com');
    expect(codecUiOrigin(undefined, true)).toBeUndefined();
  });
});
