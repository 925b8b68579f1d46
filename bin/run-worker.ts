import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { Drafter } from '../drafting/drafter.js';
import { cachedWorkflowBundle } from '../workers/bundle.js';
import { createWorker } from '../workers/create-worker.js';
import type { Services } from './services.js';

/** Starts polling the task queue; `stop` drains in-flight work (up to the worker's grace time). */
export async function runWorker(
  config: Config,
  logger: Logger,
  services: Services,
  drafter: Drafter,
): Promise<{ stop(): Promise<void> }> {
  // Built once per code version and kept in the data dir: a warm start reads it instead of running webpack.
  const bundled = await cachedWorkflowBundle(path.join(config.dataDir, 'cache'), logger);
  const worker = await createWorker({
    connection: await services.workerConnection(),
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: { code: bundled.code },
    deps: { db: services.db, drafter, integrations: services.integrations },
    dataConverter: services.dataConverter,
    maxCachedWorkflows: config.temporal.maxCachedWorkflows,
  });
  const running = worker.run();
  logger.info(
    {
      taskQueue: config.temporal.taskQueue,
      address: services.address,
      drafter: drafter.name,
      workflowBundle: bundled.cached ? 'cached' : 'built',
    },
    'worker running',
  );
  return {
    async stop() {
      // The SDK's own signal handling may have begun the shutdown already.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
