import { connectionRow } from '../kit/connection-row.js';
import type { ProviderDeps } from '../contract.js';
import { accessTokenFor } from '../kit/oauth/access-token.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { basicAuthorization, zendeskApi, type ZendeskApi } from './http.js';
import { zendeskOAuth } from './oauth.js';

interface TokenSecrets {
  apiToken: string;
  webhookSecret?: string;
}

/** Where a connection's API is and how each request proves who it is. */
export interface ZendeskCredentials {
  baseUrl: string;
  authorization: () => Promise<string>;
}

export interface ZendeskClients {
  /** The connection's API token (Basic) or OAuth token (Bearer, refreshed when due). */
  credentials(integrationId: string): Promise<ZendeskCredentials>;
  /** An API client for the connection: its API token, or its OAuth token refreshed when due. */
  api(integrationId: string): Promise<ZendeskApi>;
  /** The webhook signing secret given when connecting; undefined when none was. */
  webhookSecret(integrationId: string): Promise<string | undefined>;
}

/** Credentials are opened from the vault only here, per call, so a reconnect takes effect at once. */
export function createZendeskClients(deps: ProviderDeps): ZendeskClients {
  const fetchFn = safeFetch({ allowPrivate: deps.allowPrivateUrls });

  async function credentials(integrationId: string): Promise<ZendeskCredentials> {
    const found = await connectionRow(deps.db, 'zendesk', 'Zendesk', integrationId);
    const settings = found.settings as { oauth?: boolean; email?: string };
    if (settings.oauth) {
      const bearer = async () =>
        `Bearer ${await accessTokenFor(deps.db, deps.secrets, zendeskOAuth, deps.oauthClients, integrationId)}`;
      return { baseUrl: found.base_url, authorization: bearer };
    }
    const secrets = JSON.parse(deps.secrets.open(found.sealed_secrets)) as TokenSecrets;
    const header = basicAuthorization(settings.email!, secrets.apiToken);
    return { baseUrl: found.base_url, authorization: async () => header };
  }

  return {
    credentials,
    async api(integrationId) {
      const { baseUrl, authorization } = await credentials(integrationId);
      return zendeskApi(baseUrl, authorization, fetchFn);
    },
    async webhookSecret(integrationId) {
      const found = await connectionRow(deps.db, 'zendesk', 'Zendesk', integrationId);
      const secrets = JSON.parse(deps.secrets.open(found.sealed_secrets)) as { webhookSecret?: string };
      return secrets.webhookSecret;
    },
  };
}
