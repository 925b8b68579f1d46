import { testLogger } from './test-logger.js';
import { providerDefaults } from './provider-deps.js';
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker, type WorkflowBundle } from '@temporalio/worker';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { createDrafter } from '../../drafting/create-drafter.js';
import type { Drafter } from '../../drafting/drafter.js';
import type { Catalog } from '../../integrations/catalog.js';
import { createIntegrations, type Integrations } from '../../integrations/integrations.js';
import type { Metrics } from '../../metrics/metrics.js';
import { createRunsService, type RunsService } from '../../runs/runs-service.js';
import { createSecretBox, type SecretBox } from '../../secrets/secret-box.js';
import { testDataConverter, testSecretKey } from './test-keys.js';
import { bundleWorkflows } from '../../workers/bundle.js';
import { createWorker } from '../../workers/create-worker.js';

// Expected activity failures (edit conflicts, say) are asserted on, not printed.
Runtime.install({ logger: new DefaultLogger('ERROR') });

let bundle: Promise<WorkflowBundle> | undefined;
/** Bundling takes seconds; do it once per test file. */
export const sharedBundle = () => (bundle ??= bundleWorkflows());

export interface Harness {
  db: Db;
  secrets: SecretBox;
  integrations: Integrations;
  /** The runs service on this harness's task queue, for these (or other) integrations. */
  runs(integrations?: Integrations, metrics?: Metrics): RunsService;
  client: Client;
  taskQueue: string;
  startWorker(): Promise<{ worker: Worker; stop(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * A database, a TestWorkflowEnvironment on the suite's dev server, and workers on a task queue of this file's own.
 * `catalog` replaces the registry's providers (a test's own provider, say) for the worker, the runs service and the API;
 * `env` gives the providers' variables (an operator channel, say).
 */
export async function createHarness(
  options: {
    databaseUrl?: string;
    drafter?: Drafter;
    catalog?: Catalog;
    env?: Record<string, string>;
    /** A Temporal server of the test's own instead of the suite's. */
    temporalAddress?: string;
    /** How long webhook deliveries are kept for replay (30 days unless given; 0 keeps none). */
    deliveryRetentionMs?: number;
  } = {},
): Promise<Harness> {
  const address = options.temporalAddress ?? inject('temporalAddress');
  const db = await openDatabase({ databaseUrl: options.databaseUrl });
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address, namespace: 'default' });
  const native = env.nativeConnection;
  const client = new Client({
    connection: env.client.connection,
    namespace: 'default',
    dataConverter: testDataConverter,
  });
  const secrets = createSecretBox([testSecretKey]);
  const integrations = createIntegrations(
    {
      db,
      secrets,
      logger: testLogger(),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls: true,
      ...providerDefaults,
      ...(options.env ? { env: options.env } : {}),
    },
    options.catalog,
  );
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  const workers: { stop(): Promise<void> }[] = [];
  return {
    db,
    secrets,
    integrations,
    runs: (other = integrations, metrics?: Metrics) =>
      createRunsService({
        db,
        integrations: other,
        metrics,
        secrets,
        deliveryRetentionMs: options.deliveryRetentionMs ?? 30 * 86_400_000,
        temporal: { client, taskQueue, namespace: 'default' },
      }),
    client,
    taskQueue,
    async startWorker() {
      const worker = await createWorker({
        connection: native,
        namespace: 'default',
        taskQueue,
        workflowBundle: await sharedBundle(),
        deps: { db, drafter: options.drafter ?? createDrafter({ provider: 'offline' }), integrations },
        dataConverter: testDataConverter,
      });
      const running = worker.run();
      const handle = {
        worker,
        async stop() {
          if (worker.getState() === 'RUNNING') worker.shutdown();
          await running;
        },
      };
      workers.push(handle);
      return handle;
    },
    async close() {
      for (const w of workers) await w.stop();
      await env.teardown();
      await db.destroy();
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
