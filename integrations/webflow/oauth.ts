import { oauthDescriptor } from '../kit/oauth/descriptor.js';

export const webflowOAuth = oauthDescriptor('webflow', {
  authorize: 'https://webflow.com/oauth/authorize',
  token: 'https://api.webflow.com/oauth/access_token',
  health: 'https://api.webflow.com/v2/token/introspect',
  scopes: ['cms:read', 'cms:write', 'sites:read'],
});
