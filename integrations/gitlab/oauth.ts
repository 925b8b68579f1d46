import { oauthDescriptor } from '../kit/oauth/descriptor.js';

/** gitlab.com's OAuth 2 application endpoints; a self-managed instance sets DOCFLOW_OAUTH_GITLAB_BASE_URL. */
export const gitlabOAuth = oauthDescriptor('gitlab', {
  scopes: ['api', 'read_user'],
  authorize: 'https://gitlab.com/oauth/authorize',
  token: 'https://gitlab.com/oauth/token',
  revoke: 'https://gitlab.com/oauth/revoke',
  health: 'https://gitlab.com/api/v4/user',
  pkce: true,
});
