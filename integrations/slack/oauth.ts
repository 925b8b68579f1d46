import { oauthDescriptor } from '../kit/oauth/descriptor.js';

export const slackOAuth = oauthDescriptor('slack', {
  scopes: [
    'app_mentions:read',
    'chat:write',
    'commands',
    'channels:history',
    'groups:history',
    'im:history',
    'users:read',
  ],
  authorize: 'https://slack.com/oauth/v2/authorize',
  token: 'https://slack.com/api/oauth.v2.access',
  revoke: 'https://slack.com/api/auth.revoke',
  health: 'https://slack.com/api/auth.test',
  scopeSeparator: ',',
});
