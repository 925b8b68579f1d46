import { findIntegration } from '../../db/repositories/integrations.js';
import type { ConnectionAdapter, ConnectionHealth, MaintenanceTask, ProviderDeps } from '../contract.js';
import { checkConnection } from './oauth/check-connection.js';
import type { OAuthDescriptor } from './oauth/descriptor.js';
import { recordHealthChange, type HealthChange } from './record-health.js';

/**
 * One health check of a connection made with credentials (`POST /v1/integrations`): its provider's
 * `check` with the stored secrets. `unknown` (a rate limit, an outage) records nothing: the status
 * stays as the last conclusive check left it, and the next check tries again.
 */
export async function checkStoredConnection(
  deps: Pick<ProviderDeps, 'db' | 'secrets' | 'logger'>,
  check: NonNullable<ConnectionAdapter['check']>,
  integrationId: string,
  onChange?: (change: HealthChange) => Promise<void>,
): Promise<{ status: 'gone' | 'connected' | 'broken' | 'unknown'; detail?: string }> {
  const row = await findIntegration(deps.db, integrationId);
  if (!row) return { status: 'gone' };
  const health: ConnectionHealth = await check({
    id: row.id,
    baseUrl: row.base_url,
    settings: row.settings as Record<string, unknown>,
    secrets: JSON.parse(deps.secrets.open(row.sealed_secrets)) as Record<string, unknown>,
  });
  if (health.status === 'unknown') {
    deps.logger.warn(
      { integrationId, provider: row.provider, detail: health.detail },
      'health check inconclusive; the next one tries again',
    );
    return health;
  }
  const found =
    health.status === 'working' ? { status: 'connected' as const } : { ...health, status: 'broken' as const };
  await recordHealthChange(deps.db, { id: row.id, provider: row.provider }, found, onChange);
  return { status: found.status, ...(health.status === 'broken' ? { detail: health.detail } : {}) };
}

/**
 * Every connection's recurring health check, one task per provider: OAuth connections refresh their
 * token when due and call the descriptor's health URL; the others are checked by the provider's
 * `connection.check`. Operators are told once per change of status. Undefined when the provider offers neither.
 */
export function connectionHealthCheck(
  oauth: OAuthDescriptor | undefined,
  connection: ConnectionAdapter | undefined,
  deps: ProviderDeps,
): MaintenanceTask | undefined {
  const check = connection?.check?.bind(connection);
  if (!oauth && !check) return undefined;
  const notify = (integrationId: string) => async (change: HealthChange) =>
    deps.notifyOperators?.({ kind: 'connection', integrationId, ...change });
  return {
    name: 'health-check',
    every: '15m',
    appliesTo: (settings) => (settings.oauth === true ? oauth !== undefined : check !== undefined),
    async run(integrationId) {
      const row = await findIntegration(deps.db, integrationId);
      if (!row) return { status: 'gone' };
      if ((row.settings as { oauth?: unknown }).oauth === true) {
        if (!oauth) return { status: 'unchecked' };
        return checkConnection(deps.db, deps.secrets, oauth, deps.oauthClients, integrationId, notify(integrationId));
      }
      if (!check) return { status: 'unchecked' };
      return checkStoredConnection(deps, check, integrationId, notify(integrationId));
    },
  };
}
