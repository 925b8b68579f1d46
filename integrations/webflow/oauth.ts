import { at, type OAuthDescriptor } from '../kit/oauth/descriptor.js';

export const webflowOAuth: OAuthDescriptor = {
  provider: 'webflow',
  authorizeUrl: (s) => at('https://webflow.com', s, '/oauth/authorize'),
  tokenUrl: (s) => at('https://api.webflow.com', s, '/oauth/access_token'),
  healthUrl: (s) => at('https://api.webflow.com', s, '/v2/token/introspect'),
  scopes: ['cms:read', 'cms:write', 'sites:read'],
  scopeSeparator: ' ',
  pkce: false,
  clientAuth: 'body',
};
