import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let harness: Harness;
let api: TestApi;
beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
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

  it('requires a key, answers CORS preflights for the Web UI, and refuses malformed bodies', async () => {
    expect((await codec('decode', { payloads: [] }, null)).status).toBe(401);
    const preflight = await fetch(`${api.url}/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'http://temporal-ui.test', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://temporal-ui.test');
    expect((await codec('decode', { payloads: 'nope' })).status).toBe(400);
    expect((await codec('shred', { payloads: [] })).status).toBe(404);
  });
});
