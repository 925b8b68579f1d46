import { oauthDescriptor } from '../kit/oauth/descriptor.js';

export const linearOAuth = oauthDescriptor('linear', {
  pkce: true,
  scopes: ['read'],
  scopeSeparator: ',',
  authorize: 'https://linear.app/oauth/authorize',
  token: 'https://api.linear.app/oauth/token',
  revoke: 'https://api.linear.app/oauth/revoke',
  health: 'https://api.linear.app/graphql',
});
