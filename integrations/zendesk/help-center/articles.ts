import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { Article, ArticleDestination, ArticleWrite, Remember } from '../../contract.js';
import type { ZendeskRequest } from './client.js';
import type { HelpCenterDestination } from './schemas.js';

/** An article as the Help Center API returns it (the fields docflow uses). */
export interface ZendeskArticle {
  id: number;
  title: string;
  body: string | null;
  html_url: string;
  draft: boolean;
  section_id: number;
  permission_group_id: number;
  user_segment_id: number | null;
  updated_at: string;
  label_names?: string[];
}

interface ArticlePage {
  articles: ZendeskArticle[];
  meta?: { has_more?: boolean; after_cursor?: string | null };
}

/** Drafts docflow saved for a live article carry this label, so they are not read as docs themselves. */
const copyLabel = (id: number | string) => `docflow-draft-of-${id}`;
/** Every article docflow creates carries one such label, unique to the create, so a retry finds it. */
const createdLabel = 'docflow-create-';
const maxArticles = 2000;

type Connect = (integrationId: string) => Promise<{ request: ZendeskRequest; baseUrl: string }>;

/** Zendesk Help Center articles of one locale: read with cursor pagination, bodies saved through the locale's translation. */
export function zendeskHelpCenterArticles(connect: Connect): ArticleDestination<HelpCenterDestination> {
  const toArticle = (baseUrl: string, d: HelpCenterDestination, a: ZendeskArticle): Article => ({
    id: String(a.id),
    title: a.title,
    html: a.body ?? '',
    adminUrl: `${baseUrl}/knowledge/articles/${a.id}/${d.locale}`,
    updatedAt: a.updated_at,
    live: !a.draft,
    ...(a.draft ? {} : { url: a.html_url }),
  });

  async function raw(d: HelpCenterDestination, id: string | number): Promise<ZendeskArticle | undefined> {
    const { request } = await connect(d.integrationId);
    if (!/^\d+$/.test(String(id))) return undefined;
    return (await request<{ article: ZendeskArticle }>('GET', `/api/v2/help_center/${d.locale}/articles/${id}`))
      ?.article;
  }

  async function written(d: HelpCenterDestination, id: number | string): Promise<ArticleWrite> {
    const { baseUrl } = await connect(d.integrationId);
    const article = await raw(d, id);
    if (!article) throw new AppError('edit_conflict', `Zendesk article ${id} disappeared while it was being saved`);
    const shown = toArticle(baseUrl, d, article);
    return {
      id: shown.id,
      updatedAt: shown.updatedAt,
      adminUrl: shown.adminUrl!,
      ...(shown.url ? { url: shown.url } : {}),
    };
  }

  async function updateTranslation(d: HelpCenterDestination, id: number | string, translation: object): Promise<void> {
    const { request } = await connect(d.integrationId);
    const path = `/api/v2/help_center/articles/${id}/translations/${d.locale}`;
    if (!(await request('PUT', path, { translation })))
      throw new AppError('edit_conflict', `Zendesk article ${id} has no ${d.locale} translation any more`);
  }

  /** A draft article in the section, labelled with a fresh marker remembered before the call (`findCreated` looks for it). */
  async function createDraft(
    d: HelpCenterDestination,
    sectionId: number,
    article: { label_names: string[] } & Record<string, unknown>,
    { remember }: Remember,
  ): Promise<number> {
    const { request } = await connect(d.integrationId);
    const marker = `${createdLabel}${randomUUID()}`;
    await remember(`${sectionId}/${marker}`);
    const created = await request<{ article: ZendeskArticle }>(
      'POST',
      `/api/v2/help_center/${d.locale}/sections/${sectionId}/articles`,
      {
        article: { ...article, label_names: [...article.label_names, marker], locale: d.locale, draft: true },
        notify_subscribers: false,
      },
    );
    if (!created) throw new AppError('invalid_destination', `Zendesk section ${sectionId} does not exist`);
    return created.article.id;
  }

  return {
    async validateDestination(d) {
      const { request } = await connect(d.integrationId);
      const locales = await request<{ locales: string[] }>('GET', '/api/v2/help_center/locales');
      if (!locales?.locales.includes(d.locale))
        throw new AppError('invalid_destination', `the Help Center has no locale "${d.locale}"`, [
          { path: 'locale', message: `not one of ${locales?.locales.join(', ') ?? 'its locales'}` },
        ]);
      const sections = [...(d.sections ?? []), ...(d.newArticles ? [d.newArticles.sectionId] : [])];
      for (const id of sections) {
        if (!(await request('GET', `/api/v2/help_center/${d.locale}/sections/${id}`)))
          throw new AppError('invalid_destination', `the Help Center has no section ${id}`, [
            { path: d.sections?.includes(id) ? 'sections' : 'newArticles.sectionId', message: 'no such section' },
          ]);
      }
    },

    async listArticles(d) {
      const { request, baseUrl } = await connect(d.integrationId);
      const lists = d.sections
        ? d.sections.map((s) => `/api/v2/help_center/${d.locale}/sections/${s}/articles`)
        : [`/api/v2/help_center/${d.locale}/articles`];
      const found: Article[] = [];
      for (const list of lists) {
        let after: string | undefined;
        do {
          const query = `?page[size]=100${after ? `&page[after]=${encodeURIComponent(after)}` : ''}`;
          const page = await request<ArticlePage>('GET', list + query);
          if (!page) throw new AppError('invalid_destination', `Zendesk has no ${list}`);
          for (const a of page.articles)
            if (!a.label_names?.some((l) => l.startsWith(copyLabel(''))) && found.length < maxArticles)
              found.push(toArticle(baseUrl, d, a));
          after = page.meta?.has_more ? (page.meta.after_cursor ?? undefined) : undefined;
        } while (after && found.length < maxArticles);
      }
      return found;
    },

    async readArticle(d, id) {
      const { baseUrl } = await connect(d.integrationId);
      const article = await raw(d, id);
      // An article outside the destination's sections is not one of its pages.
      if (!article || (d.sections && !d.sections.includes(article.section_id))) return undefined;
      return toArticle(baseUrl, d, article);
    },

    async saveArticle(d, { article, html, target, remember }) {
      // Zendesk cannot stage a change to a live article: in draft mode it goes to a draft copy, never by unpublishing.
      if (d.publish === 'live' || !article.live || target === article.id) {
        await updateTranslation(d, article.id, { body: html });
        return written(d, article.id);
      }
      if (target) {
        await updateTranslation(d, target, { body: html });
        return written(d, target);
      }
      const original = await raw(d, article.id);
      if (!original) throw new AppError('edit_conflict', `Zendesk article ${article.id} does not exist any more`);
      const id = await createDraft(
        d,
        original.section_id,
        {
          title: original.title,
          body: html,
          permission_group_id: original.permission_group_id,
          user_segment_id: original.user_segment_id,
          label_names: ['docflow', copyLabel(article.id)],
        },
        { remember },
      );
      return written(d, id);
    },

    async createArticle(d, { title, html, target, remember }) {
      if (target) {
        await updateTranslation(d, target, { title, body: html });
        return written(d, target);
      }
      if (!d.newArticles)
        throw new AppError(
          'invalid_destination',
          'creating an article needs "newArticles" (section, permission group, user segment)',
          [{ path: 'newArticles', message: 'required to create articles' }],
        );
      const id = await createDraft(
        d,
        d.newArticles.sectionId,
        {
          title,
          body: html,
          permission_group_id: d.newArticles.permissionGroupId,
          user_segment_id: d.newArticles.userSegmentId,
          label_names: ['docflow'],
        },
        { remember },
      );
      return written(d, id);
    },

    async deleteArticle(d, id) {
      const { request } = await connect(d.integrationId);
      // Zendesk archives a deleted article (agents can restore it); one already gone answers 404.
      if (/^\d+$/.test(id)) await request('DELETE', `/api/v2/help_center/articles/${id}`);
    },

    async findCreated(d, key) {
      const [section, marker] = key.split('/');
      if (!/^\d+$/.test(section ?? '') || !marker?.startsWith(createdLabel)) return undefined;
      const { request } = await connect(d.integrationId);
      // Labels are not searchable on every plan: the section's articles (drafts included for agents) are read instead.
      const list = `/api/v2/help_center/${d.locale}/sections/${section}/articles`;
      let after: string | undefined;
      let read = 0;
      do {
        const query = `?page[size]=100${after ? `&page[after]=${encodeURIComponent(after)}` : ''}`;
        const page = await request<ArticlePage>('GET', list + query);
        if (!page) return undefined;
        const found = page.articles.find((a) => a.label_names?.includes(marker));
        if (found) return String(found.id);
        read += page.articles.length;
        after = page.meta?.has_more ? (page.meta.after_cursor ?? undefined) : undefined;
      } while (after && read < maxArticles * 5);
      return undefined;
    },
  };
}
