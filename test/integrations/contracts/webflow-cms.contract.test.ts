import { findArticlePublication } from '../../../db/repositories/article-publications.js';
import { articleMarkdown } from '../../../integrations/kit/article-bridge/splice.js';
import { articlePath } from '../../../integrations/kit/article-pages.js';
import { webflowSetup } from '../webflow/webflow-fixture.js';
import { articleContract } from './article-contract.js';
import { destinationContract } from './destination-contract.js';
import { rateLimitContract } from './rate-limit-contract.js';

destinationContract('webflow-cms', async () => {
  const s = await webflowSetup('staged');
  const path = articlePath({ id: s.itemId, title: 'Getting started' });
  const otherSite = s.fake.store.addSite('other', 'Other site');
  const otherCollection = s.fake.store.addCollection(otherSite, 'elsewhere');
  return {
    adapter: s.destination,
    destination: s.d,
    invalid: {
      'a site the token does not reach': { ...s.d, siteId: 'ffffffffffffffffffffffff' },
      'a collection of another site': { ...s.d, collectionId: otherCollection },
      'a body field the collection lacks': { ...s.d, fields: { ...s.d.fields, body: 'content' } },
      'a body field that is not rich text': { ...s.d, fields: { ...s.d.fields, body: 'summary' } },
      'a title field that is not plain text': { ...s.d, fields: { ...s.d.fields, title: 'post-body' } },
    },
    page: { path, line: 'old line' },
    state: async () => structuredClone([...s.fake.store.items.values()]),
    publishedPage: async (runId, page) => {
      const target = (await findArticlePublication(s.db, runId))?.pages[page]?.targetId;
      const item = target === undefined ? undefined : s.fake.store.items.get(target);
      return item && articleMarkdown(String(item.fieldData['post-body']));
    },
    // Staged edits go to the item itself: a run's publications are the items it wrote to.
    publications: async () => new Set(s.fake.store.writes.filter((w) => w.method === 'PATCH').map((w) => w.path)).size,
    rewritePage: async () => s.fake.store.edit(s.itemId, { 'post-body': '<p>rewritten</p>' }),
    close: s.close,
  };
});

articleContract('webflow-cms', async () => {
  const s = await webflowSetup('live');
  const body = () => String(s.fake.store.items.get(s.itemId)!.fieldData['post-body']);
  return {
    db: s.db,
    articles: s.articles,
    destination: s.d,
    page: { path: articlePath({ id: s.itemId, title: 'Getting started' }), line: 'old line' },
    editAnotherBlock: async () => s.fake.store.edit(s.itemId, { 'post-body': `${body()}<p>An editor's line</p>` }),
    state: async () => structuredClone([...s.fake.store.items.values()]),
    articleText: async () => articleMarkdown(body()),
    close: s.close,
  };
});

rateLimitContract('webflow-cms', async () => {
  const s = await webflowSetup();
  return {
    call: () => s.destination.readDocs(s.d),
    limitNext: (response) => s.fake.limitNext(response),
    close: s.close,
  };
});
