import type { ProviderDefinition } from '../contract.js';
import { articleDestinationAdapter } from '../kit/article-destination.js';
import { intercomArticles } from './articles.js';
import { createIntercomClients } from './clients.js';
import { intercomConnection } from './connection.js';
import { appIdVariable, messengerPreview, messengerPreviewModule } from './messenger-preview.js';
import { intercomOAuth } from './oauth.js';
import {
  intercomArticlesDestinationSchema,
  intercomConnectionSchema,
  intercomSourceSchema,
  intercomTriggerSchema,
} from './schemas.js';
import { createIntercomSource } from './source.js';
import { intercomSupportSource } from './support-source.js';
import { intercomSweepTask } from './sweep-task.js';
import { createIntercomWebhook } from './webhook.js';

/**
 * Intercom workspaces, connected with OAuth (tokens do not expire) or an access token (checked with
 * `GET /me`, on the workspace's region). Help-center articles are a destination (`intercom-articles`,
 * through the kit's article bridge); published runs can be previewed in the Messenger when the operator
 * set an app id. Closed conversations become runs whose source is the conversations and whose context is
 * their redacted public messages, through a scheduled sweep (conversation search) or the
 * `conversation.admin.closed` webhook. The clients are shared by every capability of the folder.
 */
export const intercom: ProviderDefinition = {
  provider: 'intercom',
  title: 'Intercom',
  oauth: intercomOAuth,
  destinationType: 'intercom-articles',
  reconnectHint:
    'Check that the Intercom access token (or OAuth grant) is still valid; then disconnect the integration and connect it again (see the README, "Intercom").',
  schemas: {
    trigger: intercomTriggerSchema,
    source: intercomSourceSchema,
    destination: intercomArticlesDestinationSchema as never,
    connection: intercomConnectionSchema as never,
  },
  variables: [appIdVariable],
  browserModules: { 'messenger-preview': messengerPreviewModule },
  create(deps) {
    const clients = createIntercomClients(deps);
    const articles = intercomArticles(clients);
    const supportSource = intercomSupportSource(clients);
    return {
      connection: intercomConnection(deps),
      articleDestination: articles,
      source: createIntercomSource(clients),
      supportSource,
      projectTasks: [intercomSweepTask(supportSource)],
      webhook: createIntercomWebhook(clients),
      // Without the operator's app id there is no preview at all: the run page asks Intercom nothing.
      destination: articleDestinationAdapter(
        deps.db,
        articles,
        deps.env[appIdVariable]?.trim() ? { preview: messengerPreview(clients, deps.env) } : {},
      ),
    };
  },
};
