import { assertPublicUrl } from '../kit/url-guard.js';
import type { ProviderDefinition } from '../contract.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { checkGitHubCredentials, githubCredentialHealth } from './check-credentials.js';
import { createGitHubClients } from './clients.js';
import { createGitHubDestination } from './destination.js';
import { githubAppInstall } from './install.js';
import { redeliverFailedDeliveries } from './redeliver.js';
import { octokitClass } from './octokit.js';
import {
  githubConnectionSchema,
  githubContextSchema,
  githubDestinationSchema,
  githubSourceSchema,
  githubTriggerSchema,
} from './schemas.js';
import { createGitHubSource } from './source.js';
import { createGitHubWebhook } from './webhook.js';

/** A window a little longer than two schedule periods, so one missed tick loses nothing. */
const redeliveryLookbackMs = 45 * 60_000;

/** GitHub (and GitHub Enterprise Server through `baseUrl`): pull requests trigger runs, code is context, docs repos receive pull requests. */
export const github: ProviderDefinition = {
  provider: 'github',
  title: 'GitHub',
  reconnectHint:
    'Check that the GitHub App is still installed and its private key or token is valid; then disconnect the integration and connect it again with POST /v1/integrations (see the README, "GitHub").',
  examples: {
    source: (context) => ({
      type: 'github',
      integrationId: context.integrationId ?? '',
      repo: 'owner/name',
      base: '',
      head: '',
    }),
  },
  schemas: {
    trigger: githubTriggerSchema as never,
    context: githubContextSchema,
    source: githubSourceSchema,
    destination: githubDestinationSchema,
    connection: githubConnectionSchema as never,
  },
  create(deps) {
    const clients = createGitHubClients(deps);
    return {
      source: createGitHubSource(clients),
      destination: createGitHubDestination(clients, deps.logger),
      webhook: createGitHubWebhook(clients),
      install: githubAppInstall,
      connection: {
        async prepare(body) {
          const connection = githubConnectionSchema.parse(body);
          await assertPublicUrl(connection.baseUrl, deps.allowPrivateUrls);
          const { auth } = connection;
          const baseUrl = connection.baseUrl.replace(/\/$/, '');
          await checkGitHubCredentials(
            octokitClass(baseUrl, deps.logger, safeFetch({ allowPrivate: deps.allowPrivateUrls })),
            baseUrl,
            auth,
          );
          return {
            baseUrl: connection.baseUrl.replace(/\/$/, ''),
            settings:
              auth.type === 'app'
                ? { auth: 'app', appId: auth.appId, ...(auth.appSlug ? { appSlug: auth.appSlug } : {}) }
                : { auth: 'token' },
            secrets: {
              webhookSecret: connection.webhookSecret,
              ...(auth.type === 'app' ? { privateKey: auth.privateKey } : { token: auth.token }),
            },
          };
        },
        check({ baseUrl, settings, secrets }) {
          const Octo = octokitClass(baseUrl, deps.logger, safeFetch({ allowPrivate: deps.allowPrivateUrls }));
          return githubCredentialHealth(
            Octo,
            baseUrl,
            settings.auth === 'app'
              ? { type: 'app', appId: String(settings.appId), privateKey: String(secrets.privateKey) }
              : { type: 'token', token: String(secrets.token) },
          );
        },
      },
      maintenance: [
        {
          // Only an App can list and redeliver its webhook deliveries (GitHub itself does not retry).
          name: 'redeliver-webhooks',
          every: '15m',
          appliesTo: (settings) => settings.auth === 'app',
          run: (integrationId) => redeliverFailedDeliveries(clients, integrationId, redeliveryLookbackMs),
        },
      ],
    };
  },
};
