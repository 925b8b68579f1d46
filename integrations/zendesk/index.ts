import type { ProviderDefinition } from '../contract.js';
import { zendeskOAuth } from './oauth.js';

/**
 * Zendesk Support and Help Center (OAuth on the customer's subdomain; refresh tokens rotate). Today docflow can connect it (OAuth, refresh, health check, revocation);
 * its sources, destinations and review capabilities are not built yet.
 */
export const zendesk: ProviderDefinition = {
  provider: 'zendesk',
  title: 'Zendesk',
  schemas: {},
  oauth: zendeskOAuth,
  create: () => ({}),
};
