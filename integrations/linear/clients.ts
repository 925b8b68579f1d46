import type { ProviderDeps } from '../contract.js';
import { connectionRow } from '../kit/connection-row.js';
import { accessTokenFor } from '../kit/oauth/access-token.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { linearApi, type LinearApi } from './client.js';
import { linearOAuth } from './oauth.js';

export interface LinearClients {
  /** The API for a connection: its personal API key (sent raw), or its OAuth token (Bearer) refreshed when due. */
  api(integrationId: string): Promise<LinearApi>;
  /** The webhook signing secret given when connecting; undefined when none was (an OAuth connection has none). */
  webhookSecret(integrationId: string): Promise<string | undefined>;
}

/** The API origin of a base URL as people give it (with or without `/graphql`, a trailing slash). */
export const apiOrigin = (baseUrl: string) => baseUrl.replace(/\/+$/, '').replace(/\/graphql$/, '');

/** Credentials are opened from the vault only here, per call, so a reconnect takes effect at once. */
export function createLinearClients(deps: ProviderDeps): LinearClients {
  const fetchFn = safeFetch({ allowPrivate: deps.allowPrivateUrls });
  const row = (id: string) => connectionRow(deps.db, 'linear', 'Linear', id);
  return {
    async api(integrationId) {
      const found = await row(integrationId);
      const settings = found.settings as { oauth?: boolean };
      if (settings.oauth) {
        const bearer = async () =>
          `Bearer ${await accessTokenFor(deps.db, deps.secrets, linearOAuth, deps.oauthClients, integrationId)}`;
        return linearApi(apiOrigin(found.base_url), bearer, fetchFn);
      }
      const { apiKey } = JSON.parse(deps.secrets.open(found.sealed_secrets)) as { apiKey: string };
      return linearApi(apiOrigin(found.base_url), async () => apiKey, fetchFn);
    },
    async webhookSecret(integrationId) {
      const found = await row(integrationId);
      return (JSON.parse(deps.secrets.open(found.sealed_secrets)) as { webhookSecret?: string }).webhookSecret;
    },
  };
}
