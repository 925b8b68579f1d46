import { at, type OAuthDescriptor } from '../kit/oauth/descriptor.js';

export const linearOAuth: OAuthDescriptor = {
  provider: 'linear',
  authorizeUrl: (s) => at('https://linear.app', s, '/oauth/authorize'),
  tokenUrl: (s) => at('https://api.linear.app', s, '/oauth/token'),
  revokeUrl: (s) => at('https://api.linear.app', s, '/oauth/revoke'),
  healthUrl: (s) => at('https://api.linear.app', s, '/graphql'),
  scopes: ['read'],
  scopeSeparator: ',',
  pkce: true,
  clientAuth: 'body',
};
