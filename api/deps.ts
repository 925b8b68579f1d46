import type { PayloadCodec } from '@temporalio/common';
import type { Logger } from 'pino';
import type { ConnectionsDeps } from '../connections/connections-deps.js';
import type { Db } from '../db/database.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Integrations } from '../integrations/integrations.js';
import type { OAuthClient } from '../integrations/kit/oauth/tokens.js';
import type { RunsService } from '../runs/runs-service.js';
import type { SecretBox } from '../secrets/secret-box.js';

export interface ApiDeps {
  db: Db;
  /** Runs, reviews, webhooks and schedules: everything that talks to Temporal. */
  runs: RunsService;
  logger: Logger;
  integrations: Integrations;
  secrets: SecretBox;
  /** Base URL docflow is reachable at; webhook URLs are built from it. */
  publicUrl: string;
  /** The codec the Temporal client and workers use; served at /codec for the Web UI and CLI. */
  payloadCodec?: PayloadCodec;
  /** OAuth apps registered with providers, with docflow's callback URL; a provider without one cannot be connected. */
  oauthClients?: Record<string, (OAuthClient & { baseUrl?: string }) | undefined>;
  /** Requests per minute per client on /v1 and /webhooks (defaults 600 and 1200). */
  rateLimits?: { api: number; webhooks: number };
  /** Served at `GET /metrics`; the runs service should share it (review latency). Created from `db` when absent. */
  metrics?: Metrics;
  /** Where people open runs in the Temporal Web UI, when known. */
  temporalUiUrl?: string;
}

export const connectionsOf = (deps: ApiDeps): ConnectionsDeps => ({ ...deps, oauthClients: deps.oauthClients ?? {} });
