import type { ProviderAdapters, ProviderDeps, ProviderDefinition } from '../contract.js';
import { createBitbucketClients } from './clients.js';
import { bitbucketConnection } from './connection.js';
import { createBitbucketDestination } from './destination.js';
import { bitbucketOAuth } from './oauth.js';
import { bitbucketSchemas, exampleSource } from './schemas.js';
import { createBitbucketSource } from './source.js';
import { createBitbucketWebhook } from './webhook.js';

function bitbucketAdapters(deps: ProviderDeps): ProviderAdapters {
  const clients = createBitbucketClients(deps);
  const webhook = createBitbucketWebhook(clients);
  return {
    connection: bitbucketConnection(deps),
    webhook,
    source: createBitbucketSource(clients),
    destination: createBitbucketDestination(clients, deps.logger),
  };
}

/** Bitbucket Cloud: pull requests trigger runs, code is context, docs repositories receive pull requests. */
export const bitbucket: ProviderDefinition = {
  provider: 'bitbucket',
  title: 'Bitbucket',
  oauth: bitbucketOAuth,
  reconnectHint:
    'Check that the Bitbucket API or access token is still valid and has the repository, pull request and webhook scopes (App passwords no longer work); then disconnect the integration and connect it again (see the README, "Bitbucket").',
  examples: { source: (context) => exampleSource(String(context.integrationId ?? '')) },
  schemas: bitbucketSchemas,
  create: bitbucketAdapters,
};
