import { findArticlePublication } from '../../../db/repositories/article-publications.js';
import { articleMarkdown } from '../../../integrations/kit/article-bridge/splice.js';
import { articlePath } from '../../../integrations/kit/article-pages.js';
import { intercomSetup } from '../intercom/intercom-fixture.js';
import { articleContract } from './article-contract.js';
import { destinationContract } from './destination-contract.js';
import { rateLimitContract } from './rate-limit-contract.js';

destinationContract('intercom-articles', async () => {
  const s = await intercomSetup('draft');
  const path = articlePath({ id: s.articleId, title: 'Getting started' });
  const copies = () =>
    [...s.fake.store.articles.values()].filter((a) => a.description.includes(`change to article ${s.articleId} `));
  return {
    adapter: s.destination,
    destination: s.d,
    invalid: {
      'an unknown collection': { ...s.d, collections: ['999'] },
      'an unknown collection after a known one': { ...s.d, collections: ['100', '998'] },
    },
    page: { path, line: 'old line' },
    state: async () => structuredClone([...s.fake.store.articles.values()]),
    publishedPage: async (runId, page) => {
      const target = (await findArticlePublication(s.db, runId))?.pages[page]?.targetId;
      const article = target === undefined ? undefined : s.fake.store.articles.get(target);
      return article && articleMarkdown(article.body);
    },
    // In draft mode a published article's change is one draft copy per run.
    publications: async () => copies().length,
    rewritePage: async () => {
      Object.assign(s.fake.store.articles.get(s.articleId)!, {
        body: '<p>rewritten</p>',
        updated_at: s.fake.store.tick(),
      });
    },
    close: s.close,
  };
});

articleContract('intercom-articles', async () => {
  const s = await intercomSetup('draft');
  const article = () => s.fake.store.articles.get(s.articleId)!;
  return {
    db: s.db,
    articles: s.articles,
    destination: s.d,
    page: { path: articlePath({ id: s.articleId, title: 'Getting started' }), line: 'old line' },
    editAnotherBlock: async () => {
      Object.assign(article(), { body: `${article().body}<p>An editor's line</p>`, updated_at: s.fake.store.tick() });
    },
    state: async () => structuredClone([...s.fake.store.articles.values()]),
    articleText: async () => articleMarkdown(article().body),
    close: s.close,
  };
});

rateLimitContract('intercom-articles', async () => {
  const s = await intercomSetup();
  return {
    call: () => s.destination.readDocs(s.d),
    limitNext: (response) => s.fake.limitNext(response),
    close: s.close,
  };
});
