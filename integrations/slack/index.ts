import type { ProviderDefinition } from '../contract.js';
import { slackOAuth } from './oauth.js';

/**
 * Slack workspaces (OAuth v2 bot install). Today docflow can connect it (OAuth, refresh, health check, revocation);
 * its sources, destinations and review capabilities are not built yet.
 */
export const slack: ProviderDefinition = {
  provider: 'slack',
  title: 'Slack',
  schemas: {},
  oauth: slackOAuth,
  create: () => ({}),
};
