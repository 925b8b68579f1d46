import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import type { Article, ArticleDestination, ArticleWrite, Remember } from '../contract.js';
import { articleMarkdown } from '../kit/article-bridge/splice.js';
import type { IntercomClients, IntercomWorkspace } from './clients.js';
import { intercomCall } from './http.js';
import { articleAdminUrl } from './links.js';
import type { IntercomArticlesDestination } from './schemas.js';

/** An article as the Articles API returns it (the fields docflow uses). */
export interface IntercomArticle {
  id: string;
  title: string;
  description?: string | null;
  body?: string | null;
  state?: 'published' | 'draft' | string;
  /** Unix seconds. */
  updated_at?: number;
  url?: string | null;
  parent_id?: number | null;
  parent_ids?: number[];
  author_id?: number;
}

const perPage = 50;
const maxArticles = 2000;
/** Drafts docflow saved for a live article say so in their description, so they are not read as docs themselves. */
const copyNote = (original: Article) =>
  `Proposed by docflow as a change to article ${original.id} ("${original.title}"): copy it into that article, or publish it in its place.`;
const copyOf = (a: IntercomArticle) =>
  /^Proposed by docflow as a change to article (\d+)/.exec(a.description ?? '')?.[1];

/** Where editors open an article in Intercom: the workspace's app, on the region's host. */
export const adminUrl = (workspace: IntercomWorkspace, id: string): string => articleAdminUrl(workspace.settings, id);

/**
 * Intercom articles (Articles API, `Intercom-Version` 2.14): read page by page, bodies saved with
 * `PUT /articles/{id}` stating the intended `state` every time (the API documents it as defaulting to
 * `draft`, which would unpublish a live article), new articles created as drafts in the first collection.
 */
export function intercomArticles(clients: IntercomClients): ArticleDestination<IntercomArticlesDestination> {
  const inScope = (d: IntercomArticlesDestination, a: IntercomArticle) =>
    !d.collections || d.collections.some((c) => Number(c) === a.parent_id || (a.parent_ids ?? []).includes(Number(c)));

  const toArticle = (w: IntercomWorkspace, a: IntercomArticle): Article => ({
    id: String(a.id),
    title: a.title,
    html: a.body ?? '',
    adminUrl: adminUrl(w, String(a.id)),
    ...(a.updated_at !== undefined ? { updatedAt: String(a.updated_at) } : {}),
    live: a.state === 'published',
    ...(a.state === 'published' && a.url ? { url: a.url } : {}),
  });

  async function raw(w: IntercomWorkspace, id: string): Promise<IntercomArticle | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    return (await intercomCall({ method: 'GET', path: `/articles/${id}` }, () =>
      w.client.articles.find({ article_id: Number(id) }),
    )) as IntercomArticle | undefined;
  }

  const written = (w: IntercomWorkspace, a: IntercomArticle, note?: string): ArticleWrite => {
    const shown = toArticle(w, a);
    return {
      id: shown.id,
      ...(shown.updatedAt ? { updatedAt: shown.updatedAt } : {}),
      adminUrl: shown.adminUrl!,
      ...(shown.url ? { url: shown.url } : {}),
      ...(note ? { note } : {}),
    };
  };

  /**
   * `PUT /articles/{id}` with the state said out loud, as the article is now: a live article stays
   * live and a draft stays a draft (even one an editor published since docflow created it).
   */
  async function update(
    w: IntercomWorkspace,
    id: string,
    change: { title?: string; body: string },
  ): Promise<IntercomArticle> {
    const current = await raw(w, id);
    if (!current) throw new AppError('edit_conflict', `Intercom article ${id} does not exist any more`);
    const state = current.state === 'published' ? 'published' : 'draft';
    const saved = (await intercomCall({ method: 'PUT', path: `/articles/${id}` }, () =>
      w.client.articles.update({ article_id: Number(id), ...change, state }),
    )) as IntercomArticle | undefined;
    if (!saved) throw new AppError('edit_conflict', `Intercom article ${id} does not exist any more`);
    return saved;
  }

  /**
   * A draft article by docflow's admin. Intercom articles carry no hidden marker, so what the draft is
   * made of (title, collection, description, the body's text) is remembered before the call: a draft
   * with all of them is the one this create made (`findCreated`).
   */
  async function createDraft(
    w: IntercomWorkspace,
    article: { title: string; body: string; description?: string; parentId?: number },
    { remember }: Remember,
  ): Promise<IntercomArticle> {
    // The admin the token belongs to (`GET /me`, kept when connecting) writes docflow's articles.
    const authorId = Number(w.settings.adminId);
    await remember(JSON.stringify(createdKey({ ...article, author: authorId })));
    const created = (await intercomCall({ method: 'POST', path: '/articles' }, () =>
      w.client.articles.create({
        title: article.title,
        body: article.body,
        author_id: authorId,
        state: 'draft',
        ...(article.description ? { description: article.description } : {}),
        ...(article.parentId !== undefined ? { parent_id: article.parentId, parent_type: 'collection' } : {}),
      }),
    )) as IntercomArticle | undefined;
    if (!created) throw new AppError('invalid_destination', 'Intercom refused to create the article (404)');
    return created;
  }

  /** The workspace's articles page by page: cursor pages (`pages.next.starting_after`) where the API gives them, else page numbers up to `total_pages`. */
  async function* allArticles(w: IntercomWorkspace): AsyncGenerator<IntercomArticle[]> {
    let page = 1;
    let startingAfter: string | undefined;
    for (;;) {
      const list = (await intercomCall({ method: 'GET', path: '/articles' }, async () => {
        const answer = await w.client.articles.list(
          { page, per_page: perPage },
          startingAfter ? { queryParams: { starting_after: startingAfter } } : undefined,
        );
        return answer.response;
      })) as
        | {
            data?: IntercomArticle[];
            pages?: { page?: number; total_pages?: number; next?: { starting_after?: string } | null };
          }
        | undefined;
      if (!list) throw new AppError('invalid_destination', 'Intercom has no articles endpoint for this workspace');
      yield list.data ?? [];
      const next = list.pages?.next?.starting_after;
      if (next) startingAfter = next;
      else if ((list.pages?.page ?? page) < (list.pages?.total_pages ?? 0)) page = (list.pages?.page ?? page) + 1;
      else return;
    }
  }

  return {
    async validateDestination(d) {
      const w = await clients.workspace(d.integrationId);
      for (const id of d.collections ?? []) {
        const found = await intercomCall({ method: 'GET', path: `/help_center/collections/${id}` }, () =>
          w.client.helpCenters.collections.find({ collection_id: Number(id) }),
        );
        if (!found)
          throw new AppError('invalid_destination', `the Intercom help center has no collection ${id}`, [
            { path: 'collections', message: `no collection ${id}` },
          ]);
      }
    },

    async listArticles(d) {
      const w = await clients.workspace(d.integrationId);
      const found: Article[] = [];
      for await (const data of allArticles(w)) {
        for (const a of data)
          if (inScope(d, a) && !copyOf(a) && found.length < maxArticles) found.push(toArticle(w, a));
        if (found.length >= maxArticles) break;
      }
      return found;
    },

    async readArticle(d, id) {
      const w = await clients.workspace(d.integrationId);
      const a = await raw(w, id);
      // An article outside the destination's collections is not one of its pages (a draft copy docflow made is).
      if (!a || (!inScope(d, a) && !copyOf(a))) return undefined;
      return toArticle(w, a);
    },

    async saveArticle(d, { article, html, target, remember }) {
      const w = await clients.workspace(d.integrationId);
      if (d.state === 'published' || !article.live || target === article.id) {
        // In place, in the state the article is in (published mode never unpublishes; a draft stays a draft).
        return written(w, await update(w, article.id, { body: html }));
      }
      // Draft mode and a live article: Intercom cannot stage a change to it without unpublishing it, so the change is a draft copy.
      if (target) return written(w, await update(w, target, { body: html }), copyNoteFor(article));
      const original = await raw(w, article.id);
      if (!original) throw new AppError('edit_conflict', `Intercom article ${article.id} does not exist any more`);
      const copy = await createDraft(
        w,
        {
          title: original.title,
          body: html,
          description: copyNote(article),
          ...(original.parent_id != null ? { parentId: original.parent_id } : {}),
        },
        { remember },
      );
      return written(w, copy, copyNoteFor(article));
    },

    async createArticle(d, { title, html, target, remember }) {
      const w = await clients.workspace(d.integrationId);
      if (target) return written(w, await update(w, target, { title, body: html }));
      const parent = d.collections?.[0];
      const article = { title, body: html, ...(parent ? { parentId: Number(parent) } : {}) };
      return written(w, await createDraft(w, article, { remember }));
    },

    async deleteArticle(d, id) {
      const w = await clients.workspace(d.integrationId);
      // Intercom deletes for good; one already gone answers 404 (undefined), so a repeat does nothing.
      if (/^\d{1,18}$/.test(id))
        await intercomCall({ method: 'DELETE', path: `/articles/${id}` }, () =>
          w.client.articles.delete({ article_id: Number(id) }),
        );
    },

    async findCreated(d, key) {
      const w = await clients.workspace(d.integrationId);
      let wanted: CreatedKey;
      try {
        wanted = JSON.parse(key) as CreatedKey;
      } catch {
        return undefined;
      }
      const matches = (a: IntercomArticle) =>
        a.state === 'draft' &&
        JSON.stringify(
          createdKey({
            title: a.title,
            body: a.body ?? '',
            ...(a.description ? { description: a.description } : {}),
            ...(a.parent_id != null ? { parentId: a.parent_id } : {}),
            author: Number(a.author_id),
          }),
        ) === JSON.stringify(wanted);
      // Most recently updated first: a draft created just before a crash is on the first page.
      let read = 0;
      for await (const data of allArticles(w)) {
        const found = data.find(matches);
        if (found) return String(found.id);
        if ((read += data.length) >= maxArticles) break;
      }
      return undefined;
    },
  };
}

interface CreatedKey {
  title: string;
  description: string;
  parent: number | null;
  author: number;
  /** sha256 of the body as drafters read it: Intercom may rewrite the HTML it stores. */
  body: string;
}

function createdKey(a: { title: string; body: string; description?: string; parentId?: number; author: number }) {
  return {
    title: a.title,
    description: a.description ?? '',
    parent: a.parentId ?? null,
    author: a.author,
    body: createHash('sha256').update(articleMarkdown(a.body)).digest('hex'),
  } satisfies CreatedKey;
}

const copyNoteFor = (article: Article) =>
  `article ${article.id} is published: the change was saved as a new draft article linked to it (the live article is unchanged)`;
