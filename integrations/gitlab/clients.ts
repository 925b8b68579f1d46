import { connectionRow } from '../kit/connection-row.js';
import { AppError } from '../../core/errors.js';
import type { ProviderDeps } from '../contract.js';
import { accessTokenFor } from '../kit/oauth/access-token.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { gitlabApi, type GitLabApi } from './api.js';
import { gitlabOAuth } from './oauth.js';

interface CredentialSecrets {
  token: string;
  webhookSecret: string;
  signingToken?: string;
}

export interface WebhookSecrets {
  webhookSecret: string;
  signingToken?: string;
}

export interface GitLabClients {
  api(integrationId: string): Promise<GitLabApi>;
  webhookSecrets(integrationId: string): Promise<WebhookSecrets>;
  /**
   * Where a connection's web pages are (`https://gitlab.com`), for links; undefined until this process has
   * read the connection (links are built synchronously: a miss reads it, so the next page has the link).
   */
  webOrigin(integrationId: string): string | undefined;
}

const defaultOrigin = 'https://gitlab.com';

/** The API base of an OAuth connection: gitlab.com's, or the same path on the origin the operator set (self-managed, tests). */
const oauthApiBase = (settings: { baseUrl?: string }) =>
  `${(settings.baseUrl ?? defaultOrigin).replace(/\/$/, '')}/api/v4`;

/** `https://host/prefix/api/v4` → `https://host/prefix`, where the web pages are. */
const webOf = (apiBase: string) => apiBase.replace(/\/api\/v4\/?$/, '');

/** Opens a connection's credentials (an access token, or OAuth with rotation-safe refresh) per request. */
export function createGitLabClients(deps: ProviderDeps): GitLabClients {
  const fetch = safeFetch({ allowPrivate: deps.allowPrivateUrls });
  const origins = new Map<string, string>();

  const row = (integrationId: string) => connectionRow(deps.db, 'gitlab', 'GitLab', integrationId);

  const apiBaseOf = (found: { base_url: string; settings: unknown }) => {
    const settings = found.settings as { oauth?: boolean; baseUrl?: string };
    return settings.oauth ? oauthApiBase(settings) : found.base_url;
  };

  return {
    async api(integrationId) {
      const found = await row(integrationId);
      const settings = found.settings as { oauth?: boolean; baseUrl?: string };
      origins.set(integrationId, webOf(apiBaseOf(found)));
      if (settings.oauth) {
        // Refresh tokens rotate on every use: accessTokenFor refreshes under the row's lock and stores the new pair first.
        const auth = async () => ({
          name: 'authorization' as const,
          value: `Bearer ${await accessTokenFor(deps.db, deps.secrets, gitlabOAuth, deps.oauthClients, integrationId)}`,
        });
        return gitlabApi(oauthApiBase(settings), auth, fetch);
      }
      const secrets = JSON.parse(deps.secrets.open(found.sealed_secrets)) as CredentialSecrets;
      return gitlabApi(found.base_url, async () => ({ name: 'private-token', value: secrets.token }), fetch);
    },
    async webhookSecrets(integrationId) {
      const found = await row(integrationId);
      const secrets = JSON.parse(deps.secrets.open(found.sealed_secrets)) as Partial<CredentialSecrets>;
      if (!secrets.webhookSecret)
        throw new AppError(
          'unauthorized',
          `GitLab integration ${integrationId} has no webhook secret (OAuth connections cannot receive webhooks yet): connect with an access token and a webhookSecret`,
        );
      return {
        webhookSecret: secrets.webhookSecret,
        ...(secrets.signingToken ? { signingToken: secrets.signingToken } : {}),
      };
    },
    webOrigin(integrationId) {
      const known = origins.get(integrationId);
      if (known === undefined)
        row(integrationId).then(
          (found) => origins.set(integrationId, webOf(apiBaseOf(found))),
          () => undefined,
        );
      return known;
    },
  };
}
