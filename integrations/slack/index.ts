import type { ProviderDefinition } from '../contract.js';
import { createSlackClients, signingSecretVariable } from './clients.js';
import { slackConnection } from './connection.js';
import { slackOAuth } from './oauth.js';
import { createSlackReviewChannel } from './review-channel.js';
import { slackConnectionSchema, slackReviewChannelSchema, slackSourceSchema, slackTriggerSchema } from './schemas.js';
import { createSlackSource } from './source.js';
import { createSlackWebhook } from './webhook.js';

/** Slack workspaces: a mention, the "Update docs" shortcut or a DM starts a run whose source is the thread; review cards decide runs. */
export const slack: ProviderDefinition = {
  provider: 'slack',
  title: 'Slack',
  oauth: slackOAuth,
  reconnectHint:
    'Check that the Slack app is still installed in the workspace and its bot token valid; then disconnect the integration and connect it again (see the README, "Slack").',
  variables: [signingSecretVariable],
  schemas: {
    trigger: slackTriggerSchema as never,
    source: slackSourceSchema,
    reviewChannel: slackReviewChannelSchema,
    connection: slackConnectionSchema as never,
  },
  create(deps) {
    const clients = createSlackClients(deps);
    return {
      source: createSlackSource(clients),
      connection: slackConnection(deps),
      webhook: createSlackWebhook(deps, clients),
      reviewChannel: createSlackReviewChannel(deps, clients),
    };
  },
};
