import type { DestinationAdapter, ProviderDeps } from '../contract.js';
import { articleDestinationAdapter } from '../kit/article-destination.js';
import { webflowClients } from './client.js';
import { webflowCmsItems } from './items.js';

/** A Webflow CMS collection as a destination (`webflow-cms`), on the provider's Webflow connection. */
export function webflowCmsDestination(deps: ProviderDeps): DestinationAdapter<any> {
  return articleDestinationAdapter(deps.db, webflowCmsItems(webflowClients(deps)));
}
