import type { ProviderDefinition } from '../contract.js';
import { createLinearClients } from './clients.js';
import { linearConnection } from './connection.js';
import { linearContextProvider } from './context.js';
import { linearOAuth } from './oauth.js';
import { linearConnectionSchema, linearContextSchema, linearSourceSchema, linearTriggerSchema } from './schemas.js';
import { createLinearSource } from './source.js';
import { createLinearWebhook } from './webhook.js';

/**
 * Linear as context: connected with a personal API key (checked with the `viewer` query) or OAuth (PKCE;
 * refresh tokens rotate: the kit's rotation-safe refresh). A project's `linear` context entry brings the
 * issues a change names (`ENG-123`) of its teams into the run's context, where drafters read and cite them.
 * Linear as a trigger: the webhook starts a run whose source is an issue that reached a chosen state with a
 * chosen label, read with its comments and the pull requests attached to it.
 */
export const linear: ProviderDefinition = {
  provider: 'linear',
  title: 'Linear',
  oauth: linearOAuth,
  reconnectHint:
    'Check that the Linear API key (or OAuth grant) is still valid; then disconnect the integration and connect it again (see the README, "Linear").',
  schemas: {
    trigger: linearTriggerSchema,
    context: linearContextSchema,
    source: linearSourceSchema,
    connection: linearConnectionSchema as never,
  },
  create(deps) {
    const clients = createLinearClients(deps);
    return {
      connection: linearConnection(deps),
      contextProvider: linearContextProvider(clients),
      source: createLinearSource(clients, deps),
      webhook: createLinearWebhook(clients),
    };
  },
};
