import type { ProviderAdapters, ProviderDeps } from '../../contract.js';
import { articleDestinationAdapter } from '../../kit/article-destination.js';
import { zendeskHelpCenterArticles } from './articles.js';
import { zendeskClients } from './client.js';
import { zendeskTokenConnection } from './connection.js';

/** Zendesk Help Center as a destination (`zendesk-help-center`), and API-token connections. */
export function helpCenterAdapters(deps: ProviderDeps): Pick<ProviderAdapters, 'destination' | 'connection'> {
  return {
    destination: articleDestinationAdapter(deps.db, zendeskHelpCenterArticles(zendeskClients(deps))),
    connection: zendeskTokenConnection(deps),
  };
}
