import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import type { Integrations } from '../integrations/integrations.js';
import type { Metrics } from '../metrics/metrics.js';
import type { SecretBox } from '../secrets/secret-box.js';

/** What run operations need: the database, the providers, and Temporal (held by the runs service alone). */
export interface RunsDeps {
  db: Db;
  integrations: Integrations;
  temporal: { client: Client; taskQueue: string; namespace: string };
  logger?: Logger;
  /** Where review latency is observed (the API serves it at /metrics). */
  metrics?: Pick<Metrics, 'reviewDecided'>;
  /** Seals the webhook deliveries kept for replay. */
  secrets: SecretBox;
  /** How long verified webhook deliveries are kept for `docflow replay` (DOCFLOW_DELIVERY_RETENTION); 0 keeps none. */
  deliveryRetentionMs: number;
}
