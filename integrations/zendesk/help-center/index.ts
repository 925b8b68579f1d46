import type { ArticleDestination, DestinationAdapter, ProviderDeps } from '../../contract.js';
import { articleDestinationAdapter } from '../../kit/article-destination.js';
import { zendeskHelpCenterArticles } from './articles.js';
import { zendeskClients } from './client.js';
import type { HelpCenterDestination } from './schemas.js';

/** Zendesk Help Center articles on the provider's Zendesk connection. */
export const helpCenterArticles = (deps: ProviderDeps): ArticleDestination<HelpCenterDestination> =>
  zendeskHelpCenterArticles(zendeskClients(deps));

/** Zendesk Help Center as a destination (`zendesk-help-center`). */
export function helpCenterDestination(
  deps: ProviderDeps,
  articles = helpCenterArticles(deps),
): DestinationAdapter<HelpCenterDestination> {
  return articleDestinationAdapter(deps.db, articles);
}
