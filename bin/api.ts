/** `npm run api`: the HTTP API alone (production layout; needs DATABASE_URL and TEMPORAL_ADDRESS). */
import { readConfig } from '../config/config.js';
import { createProcessLogger } from '../config/logger.js';
import { startTracing } from '../metrics/tracing.js';
import { openServices } from './services.js';
import { runUntilSignal } from './run-until-signal.js';
import { serveApi } from './serve-api.js';

const config = readConfig();
const logger = createProcessLogger(config, 'docflow-api');

await runUntilSignal(logger, async () => {
  const tracing = await startTracing(config.tracing, 'docflow-api', logger);
  const services = await openServices(config, logger, { allowDevServer: false, tracing });
  const api = await serveApi(config, logger, services);
  return async () => {
    await api.close();
    await services.close();
    await tracing?.shutdown();
  };
});
