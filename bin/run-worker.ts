import path from 'node:path';
import type { WorkflowBundle } from '@temporalio/worker';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { Drafter } from '../drafting/drafter.js';
import { cachedWorkflowBundle } from '../workers/bundle.js';
import { createWorker } from '../workers/create-worker.js';
import type { Services } from './services.js';
import { sideBySide } from './side-by-side.js';

type LoadedBundle = WorkflowBundle & { cached: boolean };

/**
 * The workflow bundle, built once per code version (in a child process) and kept in the data dir: a warm
 * start reads it instead of running webpack. Started before the services open, so it loads meanwhile.
 */
export function loadWorkflowBundle(
  config: Config,
  logger: Logger,
  interceptorModules: string[] = [],
): Promise<LoadedBundle> {
  const loading = cachedWorkflowBundle(path.join(config.dataDir, 'cache'), logger, undefined, interceptorModules);
  // Awaited by runWorker; if the services fail to open first, the start fails with their error instead.
  loading.catch(() => {});
  return loading;
}

/** Starts polling the task queue; `stop` drains in-flight work (up to the worker's grace time). */
export async function runWorker(
  config: Config,
  logger: Logger,
  services: Services,
  drafter: Drafter,
  workflowBundle: Promise<LoadedBundle>,
): Promise<{ stop(): Promise<void> }> {
  const [bundled, connection] = await sideBySide([workflowBundle, services.workerConnection()]);
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: { code: bundled.code },
    deps: { db: services.db, drafter, integrations: services.integrations },
    dataConverter: services.dataConverter,
    tracing: services.tracing,
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
