import type { IntercomClient } from 'intercom-client';
import type { ProviderDeps } from '../contract.js';
import { connectionRow } from '../kit/connection-row.js';
import { accessTokenFor } from '../kit/oauth/access-token.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { intercomClient } from './http.js';
import { intercomOAuth } from './oauth.js';

/** What a connection stores besides its secrets (the workspace `GET /me` reported when it was connected). */
export interface IntercomSettings {
  auth?: 'token';
  oauth?: boolean;
  region?: string;
  /** The workspace's app id code (`app.id_code`): admin links and the Messenger. */
  appId?: string;
  identity?: Record<string, string>;
  /** The admin the token belongs to: the author of new articles. */
  adminId?: string;
}

export interface IntercomWorkspace {
  client: IntercomClient;
  /** The API origin (regional host, proxy or test server). */
  baseUrl: string;
  settings: IntercomSettings;
}

export interface IntercomClients {
  /** The workspace behind a connection, with a client on its token (read per call, so a reconnect takes effect at once). */
  workspace(integrationId: string): Promise<IntercomWorkspace>;
  /** The client secret given when connecting (webhook signatures); undefined when none was. */
  clientSecret(integrationId: string): Promise<string | undefined>;
}

/** Credentials are opened from the vault only here; every capability of the folder (articles, later conversations) goes through it. */
export function createIntercomClients(deps: ProviderDeps): IntercomClients {
  const fetchFn = safeFetch({ allowPrivate: deps.allowPrivateUrls });
  const row = (integrationId: string) => connectionRow(deps.db, 'intercom', 'Intercom', integrationId);
  return {
    async workspace(integrationId) {
      const found = await row(integrationId);
      const settings = found.settings as IntercomSettings;
      const token = settings.oauth
        ? () => accessTokenFor(deps.db, deps.secrets, intercomOAuth, deps.oauthClients, integrationId)
        : async () => (JSON.parse(deps.secrets.open(found.sealed_secrets)) as { accessToken: string }).accessToken;
      return { client: intercomClient(found.base_url, token, fetchFn), baseUrl: found.base_url, settings };
    },
    async clientSecret(integrationId) {
      const found = await row(integrationId);
      return (JSON.parse(deps.secrets.open(found.sealed_secrets)) as { clientSecret?: string }).clientSecret;
    },
  };
}
