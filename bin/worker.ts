/** `npm run worker`: the Temporal worker alone (production layout; needs DATABASE_URL and TEMPORAL_ADDRESS). */
import { readConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { createDrafter } from '../drafting/create-drafter.js';
import { bundleWorkflows } from '../workers/bundle.js';
import { createWorker } from '../workers/create-worker.js';
import { installRuntimeLogger } from '../workers/runtime-logging.js';
import { openServices } from './services.js';
import { runUntilSignal } from './run-until-signal.js';

const config = readConfig();
const logger = createLogger(config.logLevel, 'docflow-worker');

installRuntimeLogger(logger);

await runUntilSignal(logger, async () => {
  const drafter = createDrafter(config.llmProvider);
  const services = await openServices(config, logger, { allowDevServer: false });
  const worker = await createWorker({
    connection: await services.workerConnection(),
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: await bundleWorkflows(),
    deps: { db: services.db, drafter },
  });
  const running = worker.run();
  logger.info({ taskQueue: config.temporal.taskQueue, address: services.address }, 'worker running');
  return async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await services.close();
  };
});
