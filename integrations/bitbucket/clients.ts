import { connectionRow } from '../kit/connection-row.js';
import { AppError } from '../../core/errors.js';
import type { ProviderDeps } from '../contract.js';
import { accessTokenFor } from '../kit/oauth/access-token.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { bitbucketApi, type BitbucketApi } from './api.js';
import { bitbucketOAuth } from './oauth.js';

interface CredentialSecrets {
  webhookSecret: string;
  token: string;
  email?: string;
}

export interface BitbucketClients {
  api(integrationId: string): Promise<BitbucketApi>;
  webhookSecret(integrationId: string): Promise<string>;
}

const defaultApi = 'https://api.bitbucket.org/2.0';

/** The API base of an OAuth connection: Bitbucket's, or the same path on the origin the operator set (tests, proxies). */
const oauthApiBase = (settings: { baseUrl?: string }) =>
  settings.baseUrl ? `${settings.baseUrl.replace(/\/$/, '')}/2.0` : defaultApi;

/** Opens a connection's credentials (API token, access token, or OAuth with rotation-safe refresh) per request. */
export function createBitbucketClients(deps: ProviderDeps): BitbucketClients {
  const fetch = safeFetch({ allowPrivate: deps.allowPrivateUrls });

  const row = (integrationId: string) => connectionRow(deps.db, 'bitbucket', 'Bitbucket', integrationId);

  return {
    async api(integrationId) {
      const found = await row(integrationId);
      const settings = found.settings as { oauth?: boolean; auth?: string; baseUrl?: string };
      if (settings.oauth) {
        // Refresh tokens rotate on every use: accessTokenFor refreshes under the row's lock and stores the new pair first.
        const token = () =>
          accessTokenFor(deps.db, deps.secrets, bitbucketOAuth, deps.oauthClients, integrationId).then(
            (t) => `Bearer ${t}`,
          );
        return bitbucketApi(oauthApiBase(settings), token, fetch);
      }
      const secrets = JSON.parse(deps.secrets.open(found.sealed_secrets)) as CredentialSecrets;
      const header =
        settings.auth === 'api_token'
          ? `Basic ${Buffer.from(`${secrets.email}:${secrets.token}`).toString('base64')}`
          : `Bearer ${secrets.token}`;
      return bitbucketApi(found.base_url, async () => header, fetch);
    },
    async webhookSecret(integrationId) {
      const found = await row(integrationId);
      const secrets = JSON.parse(deps.secrets.open(found.sealed_secrets)) as Partial<CredentialSecrets>;
      if (!secrets.webhookSecret)
        throw new AppError(
          'unauthorized',
          `Bitbucket integration ${integrationId} has no webhook secret (OAuth connections cannot receive webhooks yet): connect with an API or access token and a webhookSecret`,
        );
      return secrets.webhookSecret;
    },
  };
}
