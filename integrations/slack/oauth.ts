import { oauthDescriptor } from '../kit/oauth/descriptor.js';
import { refusedTokenErrors } from './web-client.js';

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
  // Slack answers 200 with `ok: false` to a revoked token.
  healthRefusal: (body) => {
    const error = (body as { ok?: boolean; error?: string } | undefined)?.error;
    return error && refusedTokenErrors[error] ? `auth.test answered ${error}: ${refusedTokenErrors[error]}` : undefined;
  },
  scopeSeparator: ',',
});
