import { at, type OAuthDescriptor } from '../kit/oauth/descriptor.js';

export const intercomOAuth: OAuthDescriptor = {
  provider: 'intercom',
  authorizeUrl: (s) => at('https://app.intercom.com', s, '/oauth'),
  tokenUrl: (s) => at('https://api.intercom.io', s, '/auth/eagle/token'),
  healthUrl: (s) => at('https://api.intercom.io', s, '/me'),
  scopes: [],
  scopeSeparator: ' ',
  pkce: false,
  clientAuth: 'body',
};
