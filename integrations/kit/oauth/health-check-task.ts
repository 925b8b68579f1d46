import type { MaintenanceTask, ProviderDeps } from '../../contract.js';
import { checkConnection } from './check-connection.js';
import type { OAuthDescriptor } from './descriptor.js';

/** Every OAuth connection's schedule: refresh the token when due, prove it works, tell the operators when that changes. */
export const oauthHealthCheck = (descriptor: OAuthDescriptor, deps: ProviderDeps): MaintenanceTask => ({
  name: 'health-check',
  every: '15m',
  appliesTo: (settings) => settings.oauth === true,
  run: (integrationId) =>
    checkConnection(deps.db, deps.secrets, descriptor, deps.oauthClients, integrationId, async (change) =>
      deps.notifyOperators?.({ kind: 'connection', integrationId, ...change }),
    ),
});
