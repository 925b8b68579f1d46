import type { ProviderDefinition } from '../contract.js';
import { webflowOAuth } from './oauth.js';

/**
 * Webflow sites (OAuth). Today docflow can connect it (OAuth, refresh, health check, revocation);
 * its sources, destinations and review capabilities are not built yet.
 */
export const webflow: ProviderDefinition = {
  provider: 'webflow',
  title: 'Webflow',
  schemas: {},
  oauth: webflowOAuth,
  create: () => ({}),
};
