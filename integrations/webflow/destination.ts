import type { ArticleDestination, DestinationAdapter, ProviderDeps } from '../contract.js';
import { articleDestinationAdapter } from '../kit/article-destination.js';
import { webflowClients } from './client.js';
import { webflowCmsItems } from './items.js';
import type { WebflowCmsDestination } from './schemas.js';

/** The items of a Webflow CMS collection as articles, on the provider's Webflow connection. */
export const webflowCmsArticles = (deps: ProviderDeps): ArticleDestination<WebflowCmsDestination> =>
  webflowCmsItems(webflowClients(deps));

/** A Webflow CMS collection as a destination (`webflow-cms`). */
export function webflowCmsDestination(
  deps: ProviderDeps,
  articles = webflowCmsArticles(deps),
): DestinationAdapter<WebflowCmsDestination> {
  return articleDestinationAdapter(deps.db, articles);
}
