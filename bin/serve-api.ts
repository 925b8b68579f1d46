import type { Server } from 'node:http';
import { createApp } from '../api/app.js';
import { bootstrapAdminKey } from '../api/bootstrap-admin-key.js';
import type { Config } from '../config/config.js';
import { oauthClientsFrom } from '../integrations/kit/oauth/tokens.js';
import type { Logger } from '../config/logger.js';
import type { Services } from './services.js';

export async function serveApi(
  config: Config,
  logger: Logger,
  services: Services,
): Promise<{ close(): Promise<void> }> {
  const bootstrap = await bootstrapAdminKey(services.db, config.adminToken);
  if (bootstrap?.generated) {
    // Printed once, on the first start only: the database keeps just its hash.
    process.stdout.write(`\nGenerated the admin API key (shown once, store it now):\n\n  ${bootstrap.generated}\n\n`);
  }
  await services.runs.ensureDeliveryPurge();
  const app = createApp({
    db: services.db,
    logger,
    integrations: services.integrations,
    secrets: services.secrets,
    publicUrl: config.publicUrl,
    rateLimits: config.rateLimits,
    oauthClients: oauthClientsFrom(config.oauth, config.publicUrl),
    payloadCodec: services.dataConverter.payloadCodecs?.[0],
    runs: services.runs,
    metrics: services.metrics,
    temporalUiUrl: config.temporal.uiUrl ?? services.devServer?.uiUrl,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s)).once('error', reject);
  });
  // Longer than the idle timeout of clients and load balancers in front (60 s is common), so an idle
  // keep-alive connection is never closed by us just as a request arrives on it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  logger.info({ url: config.publicUrl, temporalUi: services.devServer?.uiUrl }, 'docflow API listening');
  process.stdout.write(`\nReview app: ${config.publicUrl} (sign in with an API key)\n\n`);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
