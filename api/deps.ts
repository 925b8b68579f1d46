import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';

export interface ApiDeps {
  db: Db;
  temporal: { client: Client; taskQueue: string; namespace: string };
  logger: Logger;
  /** Where people open runs in the Temporal Web UI, when known. */
  temporalUiUrl?: string;
}
