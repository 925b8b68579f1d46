import type { ProviderDefinition } from '../contract.js';
import { createZendeskClients } from './clients.js';
import { zendeskConnection } from './connection.js';
import { helpCenterArticles, helpCenterDestination } from './help-center/index.js';
import { helpCenterDestinationSchema } from './help-center/schemas.js';
import { zendeskOAuth } from './oauth.js';
import { zendeskConnectionSchema, zendeskSourceSchema, zendeskTriggerSchema } from './schemas.js';
import { createZendeskSource } from './source.js';
import { zendeskSupportSource } from './support-source.js';
import { zendeskSweepTask } from './sweep-task.js';
import { createZendeskWebhook } from './webhook.js';

/**
 * Zendesk Support: connected with an API token (checked with `GET /api/v2/users/me`) or OAuth (refresh
 * tokens rotate: the kit's rotation-safe refresh); solved tickets become runs whose source is the
 * tickets and whose context is their redacted public conversations, through the webhook or a sweep.
 * Help Center articles are a destination (`help-center/`, entry type `zendesk-help-center`).
 */
export const zendesk: ProviderDefinition = {
  provider: 'zendesk',
  title: 'Zendesk',
  oauth: zendeskOAuth,
  destinationType: 'zendesk-help-center',
  reconnectHint:
    'Check that the Zendesk API token (or OAuth grant) is still valid; then disconnect the integration and connect it again (see the README, "Zendesk").',
  schemas: {
    trigger: zendeskTriggerSchema,
    source: zendeskSourceSchema,
    destination: helpCenterDestinationSchema as never,
    connection: zendeskConnectionSchema as never,
  },
  create(deps) {
    const clients = createZendeskClients(deps);
    const supportSource = zendeskSupportSource(clients);
    const articles = helpCenterArticles(deps);
    return {
      connection: zendeskConnection(deps),
      source: createZendeskSource(clients),
      destination: helpCenterDestination(deps, articles),
      articleDestination: articles,
      supportSource,
      projectTasks: [zendeskSweepTask(supportSource)],
      webhook: createZendeskWebhook(clients),
    };
  },
};
