import type { ProviderDefinition } from '../contract.js';
import { helpCenterAdapters } from './help-center/index.js';
import { helpCenterDestinationSchema, zendeskConnectionSchema } from './help-center/schemas.js';
import { zendeskOAuth } from './oauth.js';

/** Zendesk Support and Help Center (OAuth on the customer's subdomain, or an agent's API token). Help Center articles are a destination (`help-center/`). */
export const zendesk: ProviderDefinition = {
  provider: 'zendesk',
  title: 'Zendesk',
  oauth: zendeskOAuth,
  destinationType: 'zendesk-help-center',
  schemas: { destination: helpCenterDestinationSchema as never, connection: zendeskConnectionSchema as never },
  create: (deps) => ({ ...helpCenterAdapters(deps) }),
};
