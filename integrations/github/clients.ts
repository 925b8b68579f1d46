import type { Octokit } from 'octokit';
import { findIntegration } from '../../db/repositories/integrations.js';
import type { IntegrationRow } from '../../db/schema.js';
import { AppError } from '../../core/errors.js';
import type { ProviderDeps } from '../contract.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { App, octokitClass } from './octokit.js';

interface GitHubSecrets {
  privateKey?: string;
  token?: string;
  webhookSecret: string;
}

interface Connection {
  version: string;
  baseUrl: string;
  secrets: GitHubSecrets;
  app?: App;
  token?: Octokit;
  installations: Map<string, number>;
}

export interface GitHubClients {
  /** A client allowed to act on `owner/name`: an installation token (App mode, cached and renewed by octokit) or the token. */
  forRepo(integrationId: string, repo: string): Promise<Octokit>;
  /** The App's own JWT-authenticated client (App mode only). */
  forApp(integrationId: string): Promise<Octokit>;
  /** `row`: the connection's row when the caller has just read it (a webhook delivery), to not read it twice. */
  webhookSecret(integrationId: string, row?: IntegrationRow): Promise<string>;
  /** The connection's API base URL (`https://api.github.com`, a GitHub Enterprise Server's `/api/v3`). */
  baseUrl(integrationId: string): Promise<string>;
}

/** Builds and caches GitHub clients per connection; credentials are opened from the vault only here. */
export function createGitHubClients(deps: ProviderDeps): GitHubClients {
  const cache = new Map<string, Connection>();
  const fetch = safeFetch({ allowPrivate: deps.allowPrivateUrls });

  async function connection(integrationId: string, known?: IntegrationRow): Promise<Connection> {
    const row = known?.id === integrationId ? known : await findIntegration(deps.db, integrationId);
    if (!row || row.provider !== 'github')
      throw new AppError('integration_disconnected', `GitHub integration ${integrationId} is not connected`);
    const version = row.created_at.toISOString();
    const cached = cache.get(integrationId);
    if (cached?.version === version) return cached;

    const secrets = JSON.parse(deps.secrets.open(row.sealed_secrets)) as GitHubSecrets;
    const settings = row.settings as { auth: 'app' | 'token'; appId?: string };
    const Octo = octokitClass(row.base_url, deps.logger, fetch);
    const built: Connection = { version, baseUrl: row.base_url, secrets, installations: new Map() };
    if (settings.auth === 'app')
      built.app = new App({ appId: settings.appId!, privateKey: secrets.privateKey!, Octokit: Octo });
    else built.token = new Octo({ auth: secrets.token });
    cache.set(integrationId, built);
    return built;
  }

  return {
    async forRepo(integrationId, repo) {
      const conn = await connection(integrationId);
      if (conn.token) return conn.token;
      let installationId = conn.installations.get(repo);
      if (installationId === undefined) {
        const [owner, name] = repo.split('/') as [string, string];
        try {
          installationId = (await conn.app!.octokit.rest.apps.getRepoInstallation({ owner, repo: name })).data.id;
        } catch (error) {
          if ((error as { status?: number }).status === 404)
            throw new AppError('forbidden', `the GitHub App is not installed on ${repo}`);
          throw error;
        }
        conn.installations.set(repo, installationId);
      }
      return conn.app!.getInstallationOctokit(installationId);
    },
    async forApp(integrationId) {
      const conn = await connection(integrationId);
      if (!conn.app)
        throw new AppError('invalid_request', `GitHub integration ${integrationId} uses a token, not an App`);
      return conn.app.octokit;
    },
    async baseUrl(integrationId) {
      return (await connection(integrationId)).baseUrl;
    },
    async webhookSecret(integrationId, row) {
      return (await connection(integrationId, row)).secrets.webhookSecret;
    },
  };
}
