import type { DestinationAdapter, ProviderDeps } from '../../contract.js';
import { articleDestinationAdapter } from '../../kit/article-destination.js';
import { zendeskHelpCenterArticles } from './articles.js';
import { zendeskClients } from './client.js';

/** Zendesk Help Center as a destination (`zendesk-help-center`), on the provider's Zendesk connection. */
export function helpCenterDestination(deps: ProviderDeps): DestinationAdapter<any> {
  return articleDestinationAdapter(deps.db, zendeskHelpCenterArticles(zendeskClients(deps)));
}
