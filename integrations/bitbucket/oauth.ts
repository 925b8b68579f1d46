import { at, type OAuthDescriptor } from '../kit/oauth/descriptor.js';

export const bitbucketOAuth: OAuthDescriptor = {
  provider: 'bitbucket',
  authorizeUrl: (s) => at('https://bitbucket.org', s, '/site/oauth2/authorize'),
  tokenUrl: (s) => at('https://bitbucket.org', s, '/site/oauth2/access_token'),
  healthUrl: (s) => at('https://api.bitbucket.org', s, '/2.0/user'),
  scopes: ['repository:write', 'pullrequest:write', 'webhook'],
  scopeSeparator: ' ',
  pkce: false,
  clientAuth: 'basic',
};
