import { oauthDescriptor } from '../kit/oauth/descriptor.js';

export const intercomOAuth = oauthDescriptor('intercom', {
  scopes: [],
  authorize: 'https://app.intercom.com/oauth',
  token: 'https://api.intercom.io/auth/eagle/token',
  health: 'https://api.intercom.io/me',
});
