import { newId } from '../core/ids.js';
import { insertIntegration } from '../db/repositories/integrations.js';
import type { IntegrationRow } from '../db/schema.js';
import type { PreparedConnection } from '../integrations/contract.js';
import type { ConnectionsDeps } from './connections-deps.js';

/**
 * Stores a connection, however it was made (credentials or OAuth), with its secrets sealed, and
 * creates the schedules its provider declares, in one transaction: if a schedule cannot be created,
 * no connection is stored.
 */
export async function saveConnection(
  deps: ConnectionsDeps,
  provider: string,
  prepared: PreparedConnection,
  createdBy: string,
): Promise<IntegrationRow> {
  return deps.db.transaction().execute(async (tx) => {
    const row = await insertIntegration(tx, {
      id: newId('int'),
      provider,
      baseUrl: prepared.baseUrl,
      settings: prepared.settings,
      sealedSecrets: deps.secrets.seal(JSON.stringify(prepared.secrets)),
      createdBy,
    });
    await deps.runs.ensureSchedules({ id: row.id, provider, settings: prepared.settings });
    return row;
  });
}
