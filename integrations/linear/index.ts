import type { ProviderDefinition } from '../contract.js';
import { linearOAuth } from './oauth.js';

/**
 * Linear workspaces (OAuth with PKCE). Today docflow can connect it (OAuth, refresh, health check, revocation);
 * its sources, destinations and review capabilities are not built yet.
 */
export const linear: ProviderDefinition = {
  provider: 'linear',
  title: 'Linear',
  schemas: {},
  oauth: linearOAuth,
  create: () => ({}),
};
