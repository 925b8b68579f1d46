import type { TypedConfig } from '../../core/typed-config.js';
import { AppError } from '../../core/errors.js';
import type { Edit } from '../../core/change.js';
import type { Db } from '../../db/database.js';
import {
  findArticlePublication,
  saveArticlePublication,
  type ArticlePublication,
  type PublishedArticlePage,
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

/** The same body, byte for byte or as the Markdown drafters read (a help center may rewrite HTML it stores). */
const sameBody = (a: string, b: string) => a === b || articleMarkdown(a) === articleMarkdown(b);

/**
 * Help-center articles as a docs destination: every article is a Markdown page
 * (`articles/<id>-<slug>.md`); a publish splices the edited blocks into the article's HTML and saves
 * it through the provider. A run's publication is recorded before and after every write, so the same
 * suggestion again changes nothing, a newer suggestion of the run is applied to the same original
 * bodies and saved to the same places, and an article created just before a crash is found again
 * instead of created twice. An article that moved since the suggestion was drafted (its version
 * differs from `PublishRequest.pageVersions`), or since the run saved it, is an `edit_conflict`:
 * nothing is written.
 */
export function articleDestinationAdapter<C extends TypedConfig>(
  db: Db,
  articles: ArticleDestination<C>,
  options: {
    /** A preview of the live articles a run saved (never drafts: readers cannot see them); undefined for none. */
    preview?(config: C, live: Article[]): Promise<PagePreview | undefined>;
  } = {},
): DestinationAdapter<C> {
  /** The article a page path names: only when its path is exactly that page's (`articles/request-timeouts.md` is a new page). */
  async function articleAt(config: C, path: string): Promise<Article | undefined> {
    const id = articleIdOf(path);
    const article = id === undefined ? undefined : await articles.readArticle(config, id);
    return article && articlePath(article) === path ? article : undefined;
  }

  async function planUpdate(
    config: C,
    path: string,
    edits: Edit[],
    request: PublishRequest,
    before: PublishedArticlePage | undefined,
  ): Promise<Planned> {
    const id = articleIdOf(path);
    if (id === undefined) throw new AppError('edit_conflict', `${path} names no article`);
    const article = await articles.readArticle(config, id);
    if (!article) throw new AppError('edit_conflict', `article ${id} (${path}) does not exist any more`);
    const read = request.pageVersions?.[path];
    // The body the edits were drafted on: the one this run recorded when the drafter read that version, else the article now.
    const recorded = before?.baseHtml !== undefined && (read === undefined || read === before.baseUpdatedAt);
    const base: Article = recorded ? { ...article, html: before.baseHtml!, updatedAt: before.baseUpdatedAt } : article;
    if (!recorded && read !== undefined && article.updatedAt !== undefined && article.updatedAt !== read)
      throw new AppError(
        'edit_conflict',
        `article ${id} changed in the help center after the suggestion was drafted (version ${read}, now ${article.updatedAt}); draft again against the new text`,
      );
    const html = editArticleHtml(base.html, edits, path);
    if (recorded && base.updatedAt !== undefined && article.updatedAt !== base.updatedAt) {
      // Only this run may have moved it since: by a save it recorded, or by one that landed just before a crash.
      const inPlace = before.targetId === id || (before.targetId === undefined && before.pending === undefined);
      const ours = inPlace && (article.updatedAt === before.writtenUpdatedAt || sameBody(article.html, html));
      if (!ours) throw new AppError('edit_conflict', `article ${id} changed in the help center since this run read it`);
    }
    return { path, kind: 'update', article, base, html };
  }

  async function plan(config: C, request: PublishRequest, earlier: ArticlePublication | undefined): Promise<Planned[]> {
    const planned: Planned[] = [];
    for (const [path, edits] of byPage(request.edits)) {
      if (!path.startsWith(articlesDir))
        throw new AppError('edit_conflict', `${path} is not an article page (they are under ${articlesDir})`);
      const before = earlier?.pages[path];
      const isNew = edits[0]!.before === '';
      if (isNew && before?.articleId === undefined) {
        if (edits.length > 1 || edits[0]!.after.trim() === '')
          throw new AppError('edit_conflict', `${path}: a new article is one edit with its whole text`);
        if (!before && (await articleAt(config, path)))
          throw new AppError('edit_conflict', `${path} already exists: a new page needs a path no article has`);
        const { title, body } = newPageTitle(path, edits[0]!.after);
        planned.push({ path, kind: 'create', title, html: markdownToHtml(body) });
        continue;
      }
      planned.push(await planUpdate(config, path, edits, request, before));
    }
    return planned;
  }

  /** A page saved elsewhere than its article (a draft copy, a created article) must still hold what the run saved there. */
  async function checkTarget(config: C, p: Planned, before: PublishedArticlePage | undefined): Promise<void> {
    const targetId = before?.targetId;
    if (!targetId || !before.writtenUpdatedAt || (p.kind === 'update' && targetId === p.article.id)) return;
    const target = await articles.readArticle(config, targetId);
    if (target && target.updatedAt !== before.writtenUpdatedAt && !sameBody(target.html, p.html))
      throw new AppError('edit_conflict', `article ${targetId} was edited in the help center after this run saved it`);
  }

  async function preview(config: C, runId: string): Promise<PagePreview | undefined> {
    const publication = await findArticlePublication(db, runId);
    if (!publication?.result || !options.preview) return undefined;
    const live: Article[] = [];
    for (const page of Object.values(publication.pages)) {
      const article = page.targetId ? await articles.readArticle(config, page.targetId) : undefined;
      if (article?.live) live.push(article);
    }
    return live.length ? options.preview(config, live) : undefined;
  }

  /**
   * Puts each page the run saved back as it was: an article edited in place gets the body its edits were made
   * against, an article the run created (a new page, a draft copy) is deleted. Each page's outcome is recorded
   * once done, so a repeat after a crash finishes the rest and says the same.
   */
  async function unpublish(config: C, request: PublishRequest): Promise<string> {
    const publication = await findArticlePublication(db, request.runId);
    if (!publication) return 'nothing had been saved';
    const undone: string[] = [];
    for (const [path, page] of Object.entries(publication.pages)) {
      page.undone ??= await undoPage(config, path, page);
      await saveArticlePublication(db, request.runId, publication);
      undone.push(page.undone);
    }
    return undone.join('; ');
  }

  async function undoPage(config: C, path: string, page: PublishedArticlePage): Promise<string> {
    const target = page.targetId ?? (page.pending ? await articles.findCreated(config, page.pending) : undefined);
    if (!target) return `${path}: nothing had been saved`;
    if (page.articleId === undefined || target !== page.articleId) {
      await articles.deleteArticle!(config, target);
      return `${path}: deleted article ${target}, which the run had created`;
    }
    const current = await articles.readArticle(config, target);
    if (!current) return `${path}: article ${target} no longer exists`;
    if (page.baseHtml === undefined || sameBody(current.html, page.baseHtml))
      return `${path}: article ${target} reverted to the version read when drafting`;
    // Only what this run wrote is undone: a later edit by someone else stays, for a person to sort out.
    const ours = current.updatedAt === undefined || current.updatedAt === page.writtenUpdatedAt;
    if (!ours) return `${path}: kept article ${target}, edited in the help center after this run saved it`;
    await articles.saveArticle(config, {
      article: current,
      html: page.baseHtml,
      target,
      remember: async () => {
        throw new AppError('edit_conflict', `reverting article ${target} would create another article`);
      },
    });
    return `${path}: article ${target} reverted to the version read when drafting`;
  }

  return {
    validateDestination: (config) => articles.validateDestination(config),
    ...(options.preview ? { preview } : {}),
    ...(articles.deleteArticle
      ? { unpublish: (config: C, _result: unknown, request: PublishRequest) => unpublish(config, request) }
      : {}),

    async readDocs(config) {
      await articles.validateDestination(config);
      const list = await articles.listArticles(config);
      return {
        revision: articlesRevision(list),
        pages: list.map((a) => ({ path: articlePath(a), text: articleMarkdown(a.html) })),
        versions: Object.fromEntries(list.flatMap((a) => (a.updatedAt ? [[articlePath(a), a.updatedAt]] : []))),
      };
    },

    async readFile(config, path) {
      const article = await articleAt(config, path);
      return article && articleMarkdown(article.html);
    },

    async publish(config, request) {
      const earlier = await findArticlePublication(db, request.runId);
      if (earlier?.suggestionId === request.suggestionId && earlier.result)
        return { ...earlier.result, created: false };
      const planned = await plan(config, request, earlier);
      for (const p of planned) await checkTarget(config, p, earlier?.pages[p.path]);

      const record: ArticlePublication = { suggestionId: request.suggestionId, pages: { ...earlier?.pages } };
      const save = () => saveArticlePublication(db, request.runId, record);
      let first: { location: string; url?: string } | undefined;
      const notes: string[] = [];
      for (const p of planned) {
        const before = earlier?.pages[p.path];
        const base =
          p.kind === 'update'
            ? {
                articleId: p.base.id,
                baseHtml: p.base.html,
                ...(p.base.updatedAt ? { baseUpdatedAt: p.base.updatedAt } : {}),
              }
            : {};
        // Recorded before the write: a retry after a crash applies the same edits to the same body.
        record.pages[p.path] = { ...before, ...base };
        await save();
        // A create remembered but not recorded may have happened: find it rather than create a second article.
        const target =
          before?.targetId ?? (before?.pending ? await articles.findCreated(config, before.pending) : undefined);
        const remember = async (key: string) => {
          record.pages[p.path] = { ...record.pages[p.path], pending: key };
          await save();
        };
        const write =
          p.kind === 'create'
            ? await articles.createArticle(config, { title: p.title, html: p.html, target, remember })
            : await articles.saveArticle(config, { article: { ...p.article }, html: p.html, target, remember });
        record.pages[p.path] = {
          ...base,
          targetId: write.id,
          ...(write.updatedAt ? { writtenUpdatedAt: write.updatedAt } : {}),
        };
        await save();
        first ??= { location: write.adminUrl, ...(write.url ? { url: write.url } : {}) };
        if (write.note) notes.push(`${p.path}: ${write.note}`);
      }
      if (!first) throw new AppError('edit_conflict', 'the suggestion edits no article');
      record.result = { ...first, ...(notes.length ? { note: notes.join('; ') } : {}) };
      await save();
      return { ...record.result, created: true };
    },
  };
}
