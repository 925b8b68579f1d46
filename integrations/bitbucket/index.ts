import type { ProviderDefinition } from '../contract.js';
import { bitbucketOAuth } from './oauth.js';

/**
 * Bitbucket Cloud workspaces (OAuth; refresh tokens rotate on every use). Today docflow can connect it (OAuth, refresh, health check, revocation);
 * its sources, destinations and review capabilities are not built yet.
 */
export const bitbucket: ProviderDefinition = {
  provider: 'bitbucket',
  title: 'Bitbucket',
  schemas: {},
  oauth: bitbucketOAuth,
  create: () => ({}),
};
