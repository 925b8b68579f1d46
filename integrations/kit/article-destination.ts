import type { TypedConfig } from '../../core/typed-config.js';
import { AppError } from '../../core/errors.js';
import type { Edit } from '../../core/change.js';
import type { Db } from '../../db/database.js';
import {
  findArticlePublication,
  saveArticlePublication,
  type ArticlePublication,
} from '../../db/repositories/article-publications.js';
import type { Article, ArticleDestination, DestinationAdapter, PagePreview, PublishRequest } from '../contract.js';
import { articleMarkdown, editArticleHtml } from './article-bridge/splice.js';
import { markdownToHtml } from './article-bridge/to-html.js';
import { articleIdOf, articlePath, articlesDir, articlesRevision, newPageTitle } from './article-pages.js';

type Planned =
  | { path: string; kind: 'update'; article: Article; html: string; base: Article }
  | { path: string; kind: 'create'; title: string; html: string };

function byPage(edits: Edit[]): Map<string, Edit[]> {
  const pages = new Map<string, Edit[]>();
  for (const edit of edits) pages.set(edit.path, [...(pages.get(edit.path) ?? []), edit]);
  return pages;
}

/**
 * Help-center articles as a docs destination: every article is a Markdown page
 * (`articles/<id>-<slug>.md`); a publish splices the edited blocks into the article's HTML and saves
 * it through the provider. A run's publication is recorded, so the same suggestion again changes
 * nothing and a newer suggestion of the run is applied to the same original bodies and saved to the
 * same places. An article that changed since it was read (or since the run saved it) is an
 * `edit_conflict`, never overwritten.
 */
export function articleDestinationAdapter<C extends TypedConfig>(
  db: Db,
  articles: ArticleDestination<C>,
  options: {
    /** A preview of the live articles a run saved (never drafts: readers cannot see them); undefined for none. */
    preview?(config: C, live: Article[]): Promise<PagePreview | undefined>;
  } = {},
): DestinationAdapter<C> {
  async function plan(config: C, request: PublishRequest, earlier: ArticlePublication | undefined): Promise<Planned[]> {
    const planned: Planned[] = [];
    for (const [path, edits] of byPage(request.edits)) {
      if (!path.startsWith(articlesDir))
        throw new AppError('edit_conflict', `${path} is not an article page (they are under ${articlesDir})`);
      const id = articleIdOf(path);
      if (edits[0]!.before === '' && id === undefined) {
        if (edits.length > 1 || edits[0]!.after.trim() === '')
          throw new AppError('edit_conflict', `${path}: a new article is one edit with its whole text`);
        const { title, body } = newPageTitle(path, edits[0]!.after);
        planned.push({ path, kind: 'create', title, html: markdownToHtml(body) });
        continue;
      }
      if (id === undefined) throw new AppError('edit_conflict', `${path} names no article`);
      const article = await articles.readArticle(config, id);
      if (!article) throw new AppError('edit_conflict', `article ${id} (${path}) does not exist any more`);
      const before = earlier?.pages[path];
      const base: Article = before?.baseHtml !== undefined ? { ...article, html: before.baseHtml } : article;
      if (before?.baseUpdatedAt !== undefined && before.targetId !== id && article.updatedAt !== before.baseUpdatedAt)
        throw new AppError('edit_conflict', `article ${id} changed in the help center since this run read it`);
      planned.push({ path, kind: 'update', article, base, html: editArticleHtml(base.html, edits, path) });
    }
    return planned;
  }

  async function checkTarget(config: C, path: string, earlier: ArticlePublication | undefined): Promise<void> {
    const before = earlier?.pages[path];
    if (!before?.writtenUpdatedAt) return;
    const target = await articles.readArticle(config, before.targetId);
    if (target && target.updatedAt !== before.writtenUpdatedAt)
      throw new AppError(
        'edit_conflict',
        `article ${before.targetId} was edited in the help center after this run saved it`,
      );
  }

  async function preview(config: C, runId: string): Promise<PagePreview | undefined> {
    const publication = await findArticlePublication(db, runId);
    if (!publication?.result || !options.preview) return undefined;
    const live: Article[] = [];
    for (const page of Object.values(publication.pages)) {
      const article = await articles.readArticle(config, page.targetId);
      if (article?.live) live.push(article);
    }
    return live.length ? options.preview(config, live) : undefined;
  }

  return {
    validateDestination: (config) => articles.validateDestination(config),
    ...(options.preview ? { preview } : {}),

    async readDocs(config) {
      await articles.validateDestination(config);
      const list = await articles.listArticles(config);
      return {
        revision: articlesRevision(list),
        pages: list.map((a) => ({ path: articlePath(a), text: articleMarkdown(a.html) })),
      };
    },

    async readFile(config, path) {
      const id = articleIdOf(path);
      const article = id === undefined ? undefined : await articles.readArticle(config, id);
      return article && articlePath(article) === path ? articleMarkdown(article.html) : undefined;
    },

    async publish(config, request) {
      const earlier = await findArticlePublication(db, request.runId);
      if (earlier?.suggestionId === request.suggestionId && earlier.result)
        return { ...earlier.result, created: false };
      const planned = await plan(config, request, earlier);
      for (const p of planned) await checkTarget(config, p.path, earlier);

      const record: ArticlePublication = { suggestionId: request.suggestionId, pages: { ...earlier?.pages } };
      let first: { location: string; url?: string } | undefined;
      const notes: string[] = [];
      for (const p of planned) {
        const target = earlier?.pages[p.path]?.targetId;
        const write =
          p.kind === 'create'
            ? await articles.createArticle(config, { title: p.title, html: p.html, target })
            : await articles.saveArticle(config, { article: { ...p.article }, html: p.html, target });
        record.pages[p.path] = {
          targetId: write.id,
          ...(write.updatedAt ? { writtenUpdatedAt: write.updatedAt } : {}),
          ...(p.kind === 'update'
            ? {
                articleId: p.base.id,
                baseHtml: p.base.html,
                ...(p.base.updatedAt ? { baseUpdatedAt: p.base.updatedAt } : {}),
              }
            : {}),
        };
        await saveArticlePublication(db, request.runId, record);
        first ??= { location: write.adminUrl, ...(write.url ? { url: write.url } : {}) };
        if (write.note) notes.push(`${p.path}: ${write.note}`);
      }
      if (!first) throw new AppError('edit_conflict', 'the suggestion edits no article');
      record.result = { ...first, ...(notes.length ? { note: notes.join('; ') } : {}) };
      await saveArticlePublication(db, request.runId, record);
      return { ...record.result, created: true };
    },
  };
}
