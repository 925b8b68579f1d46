import { AppError } from '../../core/errors.js';
import type { ConnectionAdapter, ProviderDeps } from '../contract.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { assertPublicUrl } from '../kit/url-guard.js';
import { bitbucketApi } from './api.js';
import { bitbucketCredentialHealth, checkBitbucketCredentials } from './check-credentials.js';
import { bitbucketConnectionSchema } from './schemas.js';

/** `POST /v1/integrations` with an API token (Basic `email:token`) or an access token (Bearer), checked before it is stored. */
export function bitbucketConnection(deps: ProviderDeps): ConnectionAdapter {
  const fetch = safeFetch({ allowPrivate: deps.allowPrivateUrls });
  return {
    async prepare(body) {
      const connection = bitbucketConnectionSchema.parse(body);
      const { auth } = connection;
      if (auth.type === 'oauth')
        throw new AppError(
          'invalid_request',
          'Bitbucket OAuth connects through the consent page: GET /v1/integrations/bitbucket/connect',
          [{ path: 'auth.type', message: 'use the OAuth flow, or an api_token or access_token here' }],
        );
      await assertPublicUrl(connection.baseUrl, deps.allowPrivateUrls);
      const baseUrl = connection.baseUrl.replace(/\/$/, '');
      const header = authorization(auth.type, auth.token, auth.type === 'api_token' ? auth.email : undefined);
      await checkBitbucketCredentials(
        bitbucketApi(baseUrl, async () => header, fetch),
        baseUrl,
      );
      return {
        baseUrl,
        settings: { auth: auth.type },
        secrets: {
          webhookSecret: connection.webhookSecret,
          token: auth.token,
          ...(auth.type === 'api_token' ? { email: auth.email } : {}),
        },
      };
    },
    check({ baseUrl, settings, secrets }) {
      const header = authorization(String(settings.auth), String(secrets.token), secrets.email as string | undefined);
      return bitbucketCredentialHealth(
        bitbucketApi(baseUrl, async () => header, fetch),
        baseUrl,
      );
    },
  };
}

/** Basic `email:token` for an API token, Bearer for an access token. */
const authorization = (type: string, token: string, email: string | undefined) =>
  type === 'api_token' ? `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}` : `Bearer ${token}`;
