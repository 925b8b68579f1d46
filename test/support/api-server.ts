import { testLogger } from './test-logger.js';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app.js';
import { createApiKey } from '../../db/repositories/api-keys.js';
import type { ApiDeps } from '../../api/deps.js';
import type { Harness } from './harness.js';
import { testDataConverter } from './test-keys.js';

export interface TestApi {
  url: string;
  key: string;
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** The real Express app on an ephemeral port, with an admin key. */
export async function startTestApi(
  harness: Harness,
  extra: Partial<ApiDeps> = {},
  listen: { port?: number } = {},
): Promise<TestApi> {
  const app = createApp({
    db: harness.db,
    logger: testLogger(),
    integrations: harness.integrations,
    secrets: harness.secrets,
    publicUrl: 'http://docflow.test',
    runs: harness.runs(extra.integrations ?? harness.integrations),
    temporalUiUrl: 'http://temporal-ui.test',
    payloadCodec: testDataConverter.payloadCodecs![0],
    ...extra,
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(listen.port ?? 0, '127.0.0.1', () => resolve(s));
  });
  // Outlive the client's idle keep-alive, so a reused connection is never closed under a request (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { key } = await createApiKey(harness.db, { name: 'test admin', role: 'admin' });
  return {
    url,
    key,
    async call(method, path, body, headers = {}) {
      const response = await fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
