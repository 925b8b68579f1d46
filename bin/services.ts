import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { openDatabase, type Db } from '../db/database.js';
import { createIntegrations, type Integrations } from '../integrations/integrations.js';
import { oauthClientsFrom } from '../integrations/kit/oauth/tokens.js';
import { createMetrics, type Metrics } from '../metrics/metrics.js';
import type { Tracing } from '../metrics/tracing.js';
import { createRunsService, type RunsService } from '../runs/runs-service.js';
import { checkState } from './check-state.js';
import { secureDataDir } from './secure-data-dir.js';
import { loadSecretKeys } from '../secrets/load-keys.js';
import { createPayloadCodec } from '../secrets/payload-codec.js';
import { createSecretBox, type SecretBox } from '../secrets/secret-box.js';
import type { DataConverter } from '@temporalio/common';
import { startDevServer, type DevServer } from '../temporal/dev-server.js';
import { findTemporalCli } from '../temporal/find-cli.js';
import { ensureSearchAttributes } from '../temporal/search-attributes.js';
import { sideBySide } from './side-by-side.js';

export interface Services {
  db: Db;
  secrets: SecretBox;
  integrations: Integrations;
  /** The only holder of the Temporal client for runs, reviews, webhooks and schedules. */
  runs: RunsService;
  /** docflow's Prometheus metrics, served by the API at /metrics; the runs service observes review latency in it. */
  metrics: Metrics;
  /** Encrypts Temporal payloads; the same on every client and worker. */
  dataConverter: DataConverter;
  address: string;
  devServer?: DevServer;
  /** OpenTelemetry tracing, when configured: the client's interceptors are in place; the worker adds its own. */
  tracing?: Tracing;
  workerConnection(): Promise<NativeConnection>;
  close(): Promise<void>;
}

/** What openServices starts, side by side; tests replace them to watch the order. */
export interface Openers {
  startDevServer: typeof startDevServer;
  openDatabase: typeof openDatabase;
}

/**
 * Opens what every entry point needs: the database and a Temporal client. With no
 * TEMPORAL_ADDRESS and `allowDevServer`, a local Temporal dev server is started and owned.
 */
export async function openServices(
  config: Config,
  logger: Logger,
  options: { allowDevServer: boolean; tracing?: Tracing; openers?: Openers },
): Promise<Services> {
  const openers = options.openers ?? { startDevServer, openDatabase };
  if (!config.databaseUrl && !options.allowDevServer) {
    throw new Error(
      'the embedded database (no DATABASE_URL) only works with "npm start", which runs API and worker in one process; set DATABASE_URL for separate processes',
    );
  }
  if (!config.temporal.address && !options.allowDevServer)
    throw new Error('TEMPORAL_ADDRESS is not set; separate API and worker processes need a Temporal cluster');
  secureDataDir(config.dataDir);
  // Key problems are configuration errors: found before anything is started.
  const keys = loadSecretKeys(
    {
      secretKey: config.secrets.key,
      oldKeys: config.secrets.oldKeys,
      production: config.production,
      dataDir: config.dataDir,
    },
    logger,
  );
  const secrets = createSecretBox(keys);
  const dataConverter: DataConverter = { payloadCodecs: [createPayloadCodec(keys)] };
  const closers: Closers = [];
  const close = async () => {
    for (const fn of closers.reverse())
      await fn().catch((error) => logger.warn({ err: error }, 'error while shutting down'));
  };
  try {
    // Temporal (a dev server takes a few seconds to boot) and the database (PGlite and migrations) open side by side.
    const [{ address, devServer, connection }, db] = await sideBySide([
      connectTemporal(config, logger, openers, closers),
      openDocflowDatabase(config, logger, openers, closers),
    ]);
    const client = new Client({
      connection,
      namespace: config.temporal.namespace,
      dataConverter,
      interceptors: { workflow: options.tracing?.clientInterceptors ?? [] },
    });
    await checkState({
      db,
      secrets,
      client,
      taskQueue: config.temporal.taskQueue,
      reset: config.resetState,
      where: {
        database: config.databaseUrl
          ? 'the database at DATABASE_URL'
          : `the embedded database (${path.join(config.dataDir, 'pglite')})`,
        temporal: devServer
          ? `the Temporal dev server's state (${path.join(config.dataDir, 'temporal.sqlite')})`
          : `Temporal at ${address} (namespace ${config.temporal.namespace}, task queue ${config.temporal.taskQueue})`,
      },
      logger,
    });
    const workerConnection = async () => {
      const native = await NativeConnection.connect({ address });
      closers.push(() => native.close());
      return native;
    };
    const oauthClients = oauthClientsFrom(config.oauth, config.publicUrl);
    const integrations = createIntegrations({
      db,
      secrets,
      logger,
      publicUrl: config.publicUrl,
      allowPrivateUrls: config.allowPrivateUrls,
      oauthClients,
      env: config.providerEnv,
      dataDir: config.dataDir,
      production: config.production,
    });
    const metrics = createMetrics(db);
    const runs = createRunsService({
      db,
      integrations,
      logger,
      metrics,
      secrets,
      deliveryRetentionMs: config.deliveryRetentionMs,
      temporal: { client, taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace },
    });
    return {
      db,
      secrets,
      integrations,
      runs,
      metrics,
      dataConverter,
      address,
      devServer,
      tracing: options.tracing,
      workerConnection,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

type Closers = (() => Promise<unknown>)[];

/** The Temporal connection: to TEMPORAL_ADDRESS, or to a dev server started (and owned) here. */
async function connectTemporal(
  config: Config,
  logger: Logger,
  openers: Openers,
  closers: Closers,
): Promise<{ address: string; devServer?: DevServer; connection: Connection }> {
  let address = config.temporal.address;
  let devServer: DevServer | undefined;
  if (!address) {
    devServer = await openers.startDevServer({
      cliPath: findTemporalCli(config.temporal.devServer.cliPath),
      dbFilename: path.join(config.dataDir, 'temporal.sqlite'),
      port: config.temporal.devServer.port,
      uiPort: config.temporal.devServer.uiPort,
      namespace: config.temporal.namespace,
      logFile: path.join(config.dataDir, 'temporal.log'),
      pidFile: path.join(config.dataDir, 'temporal.pid'),
      // The UI decodes run data through docflow on this machine, with the browser's review-app session
      // (a cookie for localhost, so both are opened at localhost).
      codecEndpoint: `http://localhost:${config.port}/codec`,
      uiHost: 'localhost',
    });
    closers.push(() => devServer!.stop());
    address = devServer.address;
    logger.info({ address, ui: devServer.uiUrl }, 'Temporal dev server started');
  }
  const connection = await Connection.connect({ address }).catch((error) => {
    throw new Error(`cannot reach Temporal at ${address} (TEMPORAL_ADDRESS): ${error.message}`);
  });
  closers.push(() => connection.close());
  await ensureSearchAttributes(connection, config.temporal.namespace).catch((error) =>
    logger.warn(
      { err: error },
      'could not register docflow search attributes; ask an operator to add DocflowStatus, DocflowProject, DocflowSource (Keyword)',
    ),
  );
  return { address, devServer, connection };
}

/** PostgreSQL at DATABASE_URL or the embedded PGlite in the data dir, migrated to the latest schema. */
async function openDocflowDatabase(config: Config, logger: Logger, openers: Openers, closers: Closers): Promise<Db> {
  const db = await openers.openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (error) =>
      logger.warn({ err: error }, 'database connection lost; the pool reconnects on demand'),
  });
  closers.push(() => db.destroy());
  // PGlite sets its files' modes itself (0666), past the umask: tighten them once it has made them.
  if (!config.databaseUrl) secureDataDir(config.dataDir);
  return db;
}
