/** `npm start`: API + worker (+ a local Temporal dev server when TEMPORAL_ADDRESS is unset), one process. */
import { readConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { createDrafter } from '../drafting/create-drafter.js';
import { bundleWorkflows } from '../workers/bundle.js';
import { createWorker } from '../workers/create-worker.js';
import { installRuntimeLogger } from '../workers/runtime-logging.js';
import { openServices } from './services.js';
import { serveApi } from './serve-api.js';
import { runUntilSignal } from './run-until-signal.js';

const config = readConfig();
const logger = createLogger(config.logLevel);

installRuntimeLogger(logger);

await runUntilSignal(logger, async () => {
  const drafter = createDrafter(config.llmProvider);
  const services = await openServices(config, logger, { allowDevServer: true });
  const worker = await createWorker({
    connection: await services.workerConnection(),
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: await bundleWorkflows(),
    deps: { db: services.db, drafter },
  });
  const running = worker.run();
  const api = await serveApi(config, logger, services);
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker running');
  return async () => {
    await api.close();
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await services.close();
  };
});
