import { oauthDescriptor } from '../kit/oauth/descriptor.js';

export const bitbucketOAuth = oauthDescriptor('bitbucket', {
  clientAuth: 'basic',
  scopes: ['repository:write', 'pullrequest:write', 'webhook'],
  authorize: 'https://bitbucket.org/site/oauth2/authorize',
  token: 'https://bitbucket.org/site/oauth2/access_token',
  health: 'https://api.bitbucket.org/2.0/user',
});
