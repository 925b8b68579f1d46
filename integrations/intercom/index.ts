import type { ProviderDefinition } from '../contract.js';
import { intercomOAuth } from './oauth.js';

/**
 * Intercom workspaces (OAuth; tokens do not expire). Today docflow can connect it (OAuth, refresh, health check, revocation);
 * its sources, destinations and review capabilities are not built yet.
 */
export const intercom: ProviderDefinition = {
  provider: 'intercom',
  title: 'Intercom',
  schemas: {},
  oauth: intercomOAuth,
  create: () => ({}),
};
