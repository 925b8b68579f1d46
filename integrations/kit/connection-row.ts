import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/database.js';
import { findIntegration } from '../../db/repositories/integrations.js';
import type { IntegrationRow } from '../../db/schema.js';

/** A provider's stored connection, read per call so a reconnect takes effect at once; gone → `integration_disconnected`. */
export async function connectionRow(
  db: Db,
  provider: string,
  title: string,
  integrationId: string,
): Promise<IntegrationRow> {
  const found = await findIntegration(db, integrationId);
  if (!found || found.provider !== provider)
    throw new AppError('integration_disconnected', `${title} integration ${integrationId} is not connected`);
  return found;
}
