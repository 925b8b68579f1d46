import type { ProviderAdapters, ProviderDeps, ProviderDefinition } from '../contract.js';
import { createGitLabClients } from './clients.js';
import { gitlabConnection } from './connection.js';
import { createGitLabDestination } from './destination.js';
import { gitlabOAuth } from './oauth.js';
import { exampleSource, gitlabSchemas } from './schemas.js';
import { createGitLabSource } from './source.js';
import { createGitLabWebhook } from './webhook.js';

function gitlabAdapters(deps: ProviderDeps): ProviderAdapters {
  const clients = createGitLabClients(deps);
  return {
    connection: gitlabConnection(deps),
    webhook: createGitLabWebhook(clients),
    source: createGitLabSource(clients),
    destination: createGitLabDestination(clients, deps.logger),
  };
}

/** GitLab (gitlab.com or self-managed): merge requests trigger runs, code is context, docs projects receive merge requests. */
export const gitlab: ProviderDefinition = {
  provider: 'gitlab',
  title: 'GitLab',
  oauth: gitlabOAuth,
  reconnectHint:
    'Check that the GitLab access token has not expired or been revoked and still has the api scope; then disconnect the integration and connect it again (see the README, "GitLab").',
  examples: { source: (context) => exampleSource(String(context.integrationId ?? '')) },
  schemas: gitlabSchemas,
  create: gitlabAdapters,
};
