import { AppError } from '../core/errors.js';
import { deleteIntegration, findIntegration } from '../db/repositories/integrations.js';
import { revokeAtProvider } from '../integrations/kit/oauth/revoke.js';
import type { ConnectionsDeps } from './connections-deps.js';

/**
 * Removes a connection: its schedules (those of projects using it are paused), its token at the provider (where revocable), its stored
 * credentials, and the runs that needed it (ended `failed`, reason `integration_disconnected`).
 */
export async function disconnect(deps: ConnectionsDeps, id: string): Promise<{ revocation: string; stopped: number }> {
  const row = await findIntegration(deps.db, id);
  if (!row) throw new AppError('not_found', `integration ${id} does not exist`);
  await deps.runs.removeSchedules({
    id: row.id,
    provider: row.provider,
    settings: row.settings as Record<string, unknown>,
  });
  const revocation = await revokeAtProvider(
    deps.integrations.catalog.oauth(row.provider),
    row,
    deps.secrets,
    deps.oauthClients,
  );
  await deps.runs.pauseProjectSchedulesUsing(row.id);
  await deleteIntegration(deps.db, row.id);
  const stopped = await deps.runs.abortRunsUsing(row.id, row.provider);
  return { revocation, stopped };
}
