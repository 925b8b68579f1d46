import type { Db } from '../../../db/database.js';
import { appendAudit } from '../../../db/repositories/audit.js';
import { findIntegration, recordHealth } from '../../../db/repositories/integrations.js';
import { isAppError } from '../../../core/errors.js';
import type { SecretBox } from '../../../secrets/secret-box.js';
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
  onChange?: (change: { provider: string; status: 'broken' | 'recovered'; detail?: string }) => Promise<void>,
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
    }
  } catch (error) {
    if (!isAppError(error) || error.code !== 'integration_disconnected') throw error; // transient: retried
    status = 'broken';
    detail = error.message;
  }
  if (await recordHealth(db, integrationId, status, detail)) {
    await appendAudit(db, {
      actor: 'docflow-health-check',
      action: status === 'broken' ? 'integration.broken' : 'integration.recovered',
      target: integrationId,
      outcome: status === 'broken' ? 'failure' : 'success',
    });
    await onChange?.({
      provider: row.provider,
      status: status === 'broken' ? 'broken' : 'recovered',
      ...(detail ? { detail } : {}),
    });
  }
  return { status, ...(detail ? { detail } : {}) };
}
