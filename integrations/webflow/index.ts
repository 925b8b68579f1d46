import type { ProviderDefinition } from '../contract.js';
import { webflowConnection } from './connection.js';
import { webflowCmsArticles, webflowCmsDestination } from './destination.js';
import { webflowOAuth } from './oauth.js';
import { webflowCmsDestinationSchema, webflowConnectionSchema } from './schemas.js';

/**
 * Webflow sites: connected with OAuth (the generic flow; tokens do not expire) or a site token
 * (checked with `GET /token/introspect` and `GET /sites`). A CMS collection is a destination (entry
 * type `webflow-cms`): its items are article pages, edits are spliced into their rich-text body
 * (`kit/article-destination`), staged or published at once.
 */
export const webflow: ProviderDefinition = {
  provider: 'webflow',
  title: 'Webflow',
  oauth: webflowOAuth,
  destinationType: 'webflow-cms',
  reconnectHint:
    'Check that the Webflow site token (or OAuth grant) is still valid and has cms:read, cms:write and sites:read; then disconnect the integration and connect it again (see the README, "Webflow CMS").',
  schemas: {
    destination: webflowCmsDestinationSchema as never,
    connection: webflowConnectionSchema as never,
  },
  create(deps) {
    const articles = webflowCmsArticles(deps);
    return {
      connection: webflowConnection(deps),
      destination: webflowCmsDestination(deps, articles),
      articleDestination: articles,
    };
  },
};
