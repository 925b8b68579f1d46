import type { ProviderDefinition } from '../contract.js';
import { createSlackClients, signingSecretVariable } from './clients.js';
import { slackConnection } from './connection.js';
import { slackOAuth } from './oauth.js';
import { createSlackNotifier } from './notifier.js';
import { operatorChannel, operatorChannelVariable, operatorIntegrationVariable } from './operator-channel.js';
import { createSlackReviewChannel } from './review-channel.js';
import { slackSchemas } from './schemas.js';
import { createSlackSource } from './source.js';
import { createSlackWebhook } from './webhook.js';

/** Slack workspaces: mentions, the "Update docs" shortcut and DMs start runs on a thread; review cards decide them; channels hear about them. */
export const slack: ProviderDefinition = {
  provider: 'slack',
  title: 'Slack',
  oauth: slackOAuth,
  reconnectHint:
    'Check that the Slack app is still installed in the workspace and its bot token valid; then disconnect the integration and connect it again (see the README, "Slack").',
  variables: [signingSecretVariable, operatorChannelVariable, operatorIntegrationVariable],
  schemas: slackSchemas,
  create(deps) {
    const clients = createSlackClients(deps);
    return {
      source: createSlackSource(clients, deps),
      connection: slackConnection(deps),
      webhook: createSlackWebhook(deps, clients),
      reviewChannel: createSlackReviewChannel(deps, clients),
      notifier: createSlackNotifier(clients, operatorChannel(deps.env)),
    };
  },
};
