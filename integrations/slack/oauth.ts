import { at, type OAuthDescriptor } from '../kit/oauth/descriptor.js';

export const slackOAuth: OAuthDescriptor = {
  provider: 'slack',
  authorizeUrl: (s) => at('https://slack.com', s, '/oauth/v2/authorize'),
  tokenUrl: (s) => at('https://slack.com', s, '/api/oauth.v2.access'),
  revokeUrl: (s) => at('https://slack.com', s, '/api/auth.revoke'),
  healthUrl: (s) => at('https://slack.com', s, '/api/auth.test'),
  scopes: ['app_mentions:read', 'chat:write', 'commands', 'channels:history', 'groups:history'],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'body',
};
