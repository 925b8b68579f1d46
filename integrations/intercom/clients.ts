import type { IntercomClient } from 'intercom-client';
import { AppError } from '../../core/errors.js';
import type { ProviderDeps } from '../contract.js';
import { connectionRow } from '../kit/connection-row.js';
import { accessTokenFor } from '../kit/oauth/access-token.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { intercomCall, intercomClient } from './http.js';
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
  /**
   * The app's client secret (webhook signatures): the one given when connecting with a token, or for an OAuth
   * connection the operator's OAuth app's; undefined when there is none.
   */
  clientSecret(integrationId: string): Promise<string | undefined>;
}

/** Credentials are opened from the vault only here; every capability of the folder (articles, conversations) goes through it. */
export function createIntercomClients(deps: ProviderDeps): IntercomClients {
  const fetchFn = safeFetch({ allowPrivate: deps.allowPrivateUrls });
  const row = (integrationId: string) => connectionRow(deps.db, 'intercom', 'Intercom', integrationId);
  // OAuth connections are stored before docflow knows their workspace: asked once (`GET /me`), by grant.
  const identities = new Map<string, { appId: string; adminId: string }>();

  async function identify(client: IntercomClient, key: string): Promise<{ appId: string; adminId: string }> {
    const known = identities.get(key);
    if (known) return known;
    const me = await intercomCall(
      { method: 'GET', path: '/me' },
      () => client.admins.identify(),
      'integration_disconnected',
    );
    if (!me?.id || !me.app?.id_code)
      throw new AppError('integration_disconnected', 'Intercom did not say which admin and workspace the token is for');
    const found = { appId: me.app.id_code, adminId: String(me.id) };
    identities.set(key, found);
    return found;
  }

  return {
    async workspace(integrationId) {
      const found = await row(integrationId);
      const settings = found.settings as IntercomSettings;
      const token = settings.oauth
        ? () => accessTokenFor(deps.db, deps.secrets, intercomOAuth, deps.oauthClients, integrationId)
        : async () => (JSON.parse(deps.secrets.open(found.sealed_secrets)) as { accessToken: string }).accessToken;
      const client = intercomClient(found.base_url, token, fetchFn);
      const identity =
        settings.appId && settings.adminId
          ? {}
          : await identify(client, `${integrationId}@${found.created_at.toISOString()}`);
      return { client, baseUrl: found.base_url, settings: { ...settings, ...identity } };
    },
    async clientSecret(integrationId) {
      const found = await row(integrationId);
      const given = (JSON.parse(deps.secrets.open(found.sealed_secrets)) as { clientSecret?: string }).clientSecret;
      if (given) return given;
      return (found.settings as IntercomSettings).oauth ? deps.oauthClients.intercom?.clientSecret : undefined;
    },
  };
}
