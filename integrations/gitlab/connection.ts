import { AppError } from '../../core/errors.js';
import type { ConnectionAdapter, ProviderDeps } from '../contract.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { assertPublicUrl } from '../kit/url-guard.js';
import { gitlabApi } from './api.js';
import { checkGitLabCredentials } from './check-credentials.js';
import { gitlabConnectionSchema } from './schemas.js';

/** `POST /v1/integrations` with an access token (PRIVATE-TOKEN), checked against `GET /user` before it is stored. */
export function gitlabConnection(deps: ProviderDeps): ConnectionAdapter {
  return {
    async prepare(body) {
      const connection = gitlabConnectionSchema.parse(body);
      const { auth } = connection;
      if (auth.type === 'oauth')
        throw new AppError(
          'invalid_request',
          'GitLab OAuth connects through the consent page: GET /v1/integrations/gitlab/connect',
          [{ path: 'auth.type', message: 'use the OAuth flow, or a token here' }],
        );
      await assertPublicUrl(connection.baseUrl, deps.allowPrivateUrls);
      const baseUrl = connection.baseUrl.replace(/\/$/, '');
      const fetch = safeFetch({ allowPrivate: deps.allowPrivateUrls });
      const user = await checkGitLabCredentials(
        gitlabApi(baseUrl, async () => ({ name: 'private-token', value: auth.token }), fetch),
        baseUrl,
      );
      return {
        baseUrl,
        settings: { auth: 'token', ...(user.username ? { username: user.username } : {}) },
        secrets: {
          token: auth.token,
          webhookSecret: connection.webhookSecret,
          ...(connection.signingToken ? { signingToken: connection.signingToken } : {}),
        },
      };
    },
  };
}
