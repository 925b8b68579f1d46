/** `npm run worker`: the Temporal worker alone (production layout; needs DATABASE_URL and TEMPORAL_ADDRESS). */
import { readConfig } from '../config/config.js';
import { createProcessLogger } from '../config/logger.js';
import { startTracing } from '../metrics/tracing.js';
import { createDrafter } from '../drafting/create-drafter.js';
import { installRuntimeLogger } from '../workers/runtime-logging.js';
import { runUntilSignal } from './run-until-signal.js';
import { loadWorkflowBundle, runWorker } from './run-worker.js';
import { openServices } from './services.js';

const config = readConfig();
const logger = createProcessLogger(config, 'docflow-worker');
installRuntimeLogger(logger, { metricsAddress: config.temporal.metricsAddress });

await runUntilSignal(logger, async () => {
  const tracing = await startTracing(config.tracing, 'docflow-worker', logger);
  const drafter = createDrafter(config.llm);
  const opening = openServices(config, logger, { allowDevServer: false, tracing });
  const workflowBundle = loadWorkflowBundle(config, logger, tracing?.workflowInterceptorModules);
  const services = await opening;
  const worker = await runWorker(config, logger, services, drafter, workflowBundle);
  return async () => {
    await worker.stop();
    await services.close();
    await tracing?.shutdown();
  };
});
