import type { Db } from '../../../db/database.js';
import { findIntegration } from '../../../db/repositories/integrations.js';
import { isAppError } from '../../../core/errors.js';
import type { SecretBox } from '../../../secrets/secret-box.js';
import { recordHealthChange, type HealthChange } from '../record-health.js';
import { accessTokenFor } from './access-token.js';
import type { OAuthDescriptor, OAuthSettings } from './descriptor.js';
import type { OAuthClient } from './tokens.js';

/**
 * One health check of an OAuth connection: get a valid token (refreshing if due) and call the
 * provider's cheapest authenticated endpoint. A change of status is audited once; a connection that
 * stays broken is not reported again at every check.
 */
export async function checkConnection(
  db: Db,
  box: SecretBox,
  descriptor: OAuthDescriptor,
  clients: Record<string, OAuthClient | undefined>,
  integrationId: string,
  onChange?: (change: HealthChange) => Promise<void>,
): Promise<{ status: string; detail?: string }> {
  const row = await findIntegration(db, integrationId);
  if (!row) return { status: 'gone' };
  let status: 'connected' | 'broken' = 'connected';
  let detail: string | null = null;
  try {
    const token = await accessTokenFor(db, box, descriptor, clients, integrationId);
    const response = await fetch(descriptor.healthUrl(row.settings as OAuthSettings), {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status === 401 || response.status === 403) {
      status = 'broken';
      detail = `${row.provider} refused the token (HTTP ${response.status}); connect again`;
    } else if (!response.ok) {
      throw new Error(`${row.provider} answered HTTP ${response.status}`);
    } else if (descriptor.healthRefusal) {
      // Some providers refuse a token with a 200 and a body saying so.
      const refused = descriptor.healthRefusal(await response.json().catch(() => undefined));
      if (refused) {
        status = 'broken';
        detail = `${row.provider} refused the token (${refused}); connect again`;
      }
    } else await response.body?.cancel();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'integration_disconnected') throw error; // transient: retried
    status = 'broken';
    detail = error.message;
  }
  await recordHealthChange(
    db,
    { id: row.id, provider: row.provider },
    { status, ...(detail ? { detail } : {}) },
    onChange,
  );
  return { status, ...(detail ? { detail } : {}) };
}
