import { findArticlePublication } from '../../../db/repositories/article-publications.js';
import { articleMarkdown } from '../../../integrations/kit/article-bridge/splice.js';
import { articlePath } from '../../../integrations/kit/article-pages.js';
import { helpCenterSetup } from '../zendesk/help-center-fixture.js';
import { articleContract } from './article-contract.js';
import { destinationContract } from './destination-contract.js';
import { rateLimitContract } from './rate-limit-contract.js';

destinationContract('zendesk-help-center', async () => {
  const s = await helpCenterSetup('draft');
  const path = articlePath({ id: String(s.articleId), title: 'Getting started' });
  const copies = () =>
    [...s.fake.store.articles.values()].filter((a) => a.label_names.includes(`docflow-draft-of-${s.articleId}`));
  return {
    adapter: s.destination,
    destination: s.d,
    invalid: {
      'a locale the Help Center lacks': { ...s.d, locale: 'fr' },
      'an unknown section': { ...s.d, sections: [999] },
      'an unknown section for new articles': { ...s.d, newArticles: { ...s.d.newArticles!, sectionId: 998 } },
    },
    page: { path, line: 'old line' },
    state: async () => structuredClone([...s.fake.store.articles.values()]),
    publishedPage: async (runId, page) => {
      const target = (await findArticlePublication(s.db, runId))?.pages[page]?.targetId;
      const article = target === undefined ? undefined : s.fake.store.articles.get(Number(target));
      return article && articleMarkdown(article.translations['en-us']!.body);
    },
    // In draft mode a live article's change is one draft copy per run.
    publications: async () => copies().length,
    rewritePage: async () => {
      const t = s.fake.store.articles.get(s.articleId)!.translations['en-us']!;
      Object.assign(t, { body: '<p>rewritten</p>', updated_at: s.fake.store.tick() });
    },
    close: s.close,
  };
});

// Draft mode saves a live article's change as a draft copy; live mode saves it in place (undoing puts it back).
for (const mode of ['draft', 'live'] as const)
  articleContract(`zendesk-help-center (${mode})`, async () => {
    const s = await helpCenterSetup(mode);
    const article = () => s.fake.store.articles.get(s.articleId)!.translations['en-us']!;
    return {
      db: s.db,
      articles: s.articles,
      destination: s.d,
      page: { path: articlePath({ id: String(s.articleId), title: 'Getting started' }), line: 'old line' },
      editAnotherBlock: async () => {
        Object.assign(article(), { body: `${article().body}<p>An editor's line</p>`, updated_at: s.fake.store.tick() });
      },
      state: async () => structuredClone([...s.fake.store.articles.values()]),
      articleText: async () => articleMarkdown(article().body),
      close: s.close,
    };
  });

rateLimitContract('zendesk-help-center', async () => {
  const s = await helpCenterSetup();
  return {
    call: () => s.destination.readDocs(s.d),
    limitNext: (response) => s.fake.limitNext(response),
    close: s.close,
  };
});
