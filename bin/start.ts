/** `npm start`: API + worker (+ a local Temporal dev server when TEMPORAL_ADDRESS is unset), one process. */
import { readConfig } from '../config/config.js';
import { createProcessLogger } from '../config/logger.js';
import { startTracing } from '../metrics/tracing.js';
import { createDrafter } from '../drafting/create-drafter.js';
import { installRuntimeLogger } from '../workers/runtime-logging.js';
import { runUntilSignal } from './run-until-signal.js';
import { loadWorkflowBundle, runWorker } from './run-worker.js';
import { readText } from './read-text.js';
import { serveApi } from './serve-api.js';
import { openServices } from './services.js';

const config = readConfig();
const logger = createProcessLogger(config);
installRuntimeLogger(logger, { metricsAddress: config.temporal.metricsAddress });

await runUntilSignal(logger, async () => {
  const tracing = await startTracing(config.tracing, 'docflow', logger);
  const drafter = createDrafter(config.llm);
  const opening = openServices(config, logger, { allowDevServer: true, tracing });
  const workflowBundle = loadWorkflowBundle(config, logger, tracing?.workflowInterceptorModules);
  const services = await opening;
  const worker = await runWorker(config, logger, services, drafter, workflowBundle);
  const sdkMetrics = config.temporal.metricsAddress;
  // The worker runs in this process: GET /metrics serves its Temporal SDK metrics too, behind an API key.
  if (sdkMetrics)
    services.metrics.alsoServe({
      name: 'Temporal SDK worker metrics',
      read: () => readText(`http://${sdkMetrics}/metrics`),
    });
  const api = await serveApi(config, logger, services);
  logger.info({ ms: Math.round(performance.now()) }, 'docflow ready');
  return async () => {
    await api.close();
    await worker.stop();
    await services.close();
    await tracing?.shutdown();
  };
});
