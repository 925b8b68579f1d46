import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import type { Integrations } from '../integrations/registry.js';
import type { OAuthClient } from '../integrations/kit/oauth/tokens.js';
import type { SecretBox } from '../secrets/secret-box.js';

export interface ApiDeps {
  db: Db;
  temporal: { client: Client; taskQueue: string; namespace: string };
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
  /** Where people open runs in the Temporal Web UI, when known. */
  temporalUiUrl?: string;
}
