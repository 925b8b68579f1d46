import type { Webflow, WebflowClient } from 'webflow-api';
import { AppError } from '../../core/errors.js';
import type { Article, ArticleDestination, ArticleWrite } from '../contract.js';
import { webflowCall } from './client.js';
import type { WebflowCmsDestination } from './schemas.js';

type Connect = (integrationId: string) => Promise<WebflowClient>;

/** What links to an item need: the site's names and domains, the collection's URL slug and fields. */
interface Place {
  site: Webflow.Site;
  collection: Webflow.Collection;
}

const itemId = /^[0-9a-f]{24}$/;
const pageSize = 100;
const maxItems = 2000;

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'article';

/** Where readers see the collection's items: its template page on the first custom domain, else the webflow.io one. */
function publicUrl({ site, collection }: Place, slug: unknown): string | undefined {
  if (typeof slug !== 'string' || !collection.slug) return undefined;
  const domain = site.customDomains?.find((d) => d.url)?.url;
  const origin = domain ? `https://${domain}` : site.shortName ? `https://${site.shortName}.webflow.io` : undefined;
  return origin && `${origin}/${collection.slug}/${slug}`;
}

/**
 * Items of one Webflow CMS collection as articles, through the official SDK: the title and rich-text
 * body fields the destination names are the page. Edits go to the staged item (`PATCH`, never
 * `isDraft`, so a live item stays live); in `live` mode an item that was live is then published
 * (`POST /collections/:id/items/publish`), a draft never is (publishing a draft makes it live).
 * New pages are new draft items.
 */
export function webflowCmsItems(connect: Connect): ArticleDestination<WebflowCmsDestination> {
  const places = new Map<string, { place: Place; at: number }>();

  /** The site and collection, checked to belong together; a minute's cache keeps a publish to a few calls. */
  async function placeOf(d: WebflowCmsDestination, fresh = false): Promise<Place> {
    const key = `${d.integrationId}/${d.siteId}/${d.collectionId}`;
    const cached = places.get(key);
    if (!fresh && cached && Date.now() - cached.at < 60_000) return cached.place;
    const client = await connect(d.integrationId);
    const site = await webflowCall({ method: 'GET', path: `/sites/${d.siteId}` }, () => client.sites.get(d.siteId));
    if (!site)
      throw new AppError('invalid_destination', `the Webflow token reaches no site ${d.siteId}`, [
        { path: 'siteId', message: 'no such site' },
      ]);
    const listed = await webflowCall({ method: 'GET', path: `/sites/${d.siteId}/collections` }, () =>
      client.collections.list(d.siteId),
    );
    const collection = listed?.collections?.some((c) => c.id === d.collectionId)
      ? await webflowCall({ method: 'GET', path: `/collections/${d.collectionId}` }, () =>
          client.collections.get(d.collectionId),
        )
      : undefined;
    if (!collection)
      throw new AppError('invalid_destination', `site ${d.siteId} has no collection ${d.collectionId}`, [
        { path: 'collectionId', message: 'not a collection of the site' },
      ]);
    const place = { site, collection };
    places.set(key, { place, at: Date.now() });
    return place;
  }

  function toArticle(d: WebflowCmsDestination, place: Place, item: Webflow.CollectionItem): Article {
    const fields = item.fieldData as Record<string, unknown>;
    const live = item.isDraft !== true && Boolean(item.lastPublished);
    const url = live ? publicUrl(place, fields[d.fields.slug]) : undefined;
    const designer = `https://webflow.com/design/${place.site.shortName ?? d.siteId}`;
    return {
      id: item.id!,
      title: String(fields[d.fields.title] ?? fields.name ?? item.id),
      html: typeof fields[d.fields.body] === 'string' ? (fields[d.fields.body] as string) : '',
      adminUrl: `${designer}?workflow=cms&collectionId=${d.collectionId}&itemId=${item.id}`,
      ...(item.lastUpdated ? { updatedAt: item.lastUpdated } : {}),
      live,
      ...(url ? { url } : {}),
    };
  }

  async function rawItem(d: WebflowCmsDestination, id: string): Promise<Webflow.CollectionItem | undefined> {
    if (!itemId.test(id)) return undefined;
    const client = await connect(d.integrationId);
    const path = `/collections/${d.collectionId}/items/${id}`;
    return webflowCall({ method: 'GET', path }, () => client.collections.items.getItem(d.collectionId, id));
  }

  /** The item as saved: what the publication records and the run links to (the public URL only when readers see the change). */
  async function written(d: WebflowCmsDestination, id: string, published: boolean): Promise<ArticleWrite> {
    const item = await rawItem(d, id);
    if (!item) throw new AppError('edit_conflict', `Webflow item ${id} disappeared while it was being saved`);
    const shown = toArticle(d, await placeOf(d), item);
    return {
      id: shown.id,
      ...(shown.updatedAt ? { updatedAt: shown.updatedAt } : {}),
      adminUrl: shown.adminUrl!,
      ...(published && shown.url ? { url: shown.url } : {}),
    };
  }

  async function patch(d: WebflowCmsDestination, id: string, fieldData: Record<string, string>): Promise<void> {
    const client = await connect(d.integrationId);
    const path = `/collections/${d.collectionId}/items/${id}`;
    const saved = await webflowCall(
      { method: 'PATCH', path },
      // No isDraft: the item keeps its state, and a live item stays live.
      () => client.collections.items.updateItem(d.collectionId, id, { fieldData: fieldData as never }),
      (status) => new AppError('edit_conflict', `Webflow refused the change to item ${id} (HTTP ${status})`),
    );
    if (!saved) throw new AppError('edit_conflict', `Webflow item ${id} does not exist any more`);
  }

  async function publish(d: WebflowCmsDestination, id: string): Promise<void> {
    const client = await connect(d.integrationId);
    const path = `/collections/${d.collectionId}/items/publish`;
    const answer = await webflowCall(
      { method: 'POST', path },
      () => client.collections.items.publishItem(d.collectionId, { itemIds: [id] }),
      (status) => new AppError('edit_conflict', `Webflow saved item ${id} but refused to publish it (HTTP ${status})`),
    );
    if (!answer?.publishedItemIds?.includes(id))
      throw new AppError(
        'edit_conflict',
        `Webflow saved item ${id} as staged but did not publish it${answer?.errors?.length ? `: ${answer.errors.join('; ')}` : ''}`,
      );
  }

  /** A slug no other item of the collection has (`timeouts`, `timeouts-2`, …). */
  async function freeSlug(d: WebflowCmsDestination, title: string): Promise<string> {
    const client = await connect(d.integrationId);
    const base = slugOf(title);
    for (let n = 1; n < 50; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      const path = `/collections/${d.collectionId}/items`;
      const taken = await webflowCall({ method: 'GET', path }, () =>
        client.collections.items.listItems(d.collectionId, { slug, limit: 1 }),
      );
      if (!taken?.items?.length) return slug;
    }
    throw new AppError('edit_conflict', `no free slug for "${title}" in collection ${d.collectionId}`);
  }

  return {
    async validateDestination(d) {
      const { collection } = await placeOf(d, true);
      const fields = new Map(collection.fields.map((f) => [f.slug, f]));
      const expect = [
        ['title', d.fields.title, 'PlainText'],
        ['body', d.fields.body, 'RichText'],
        ['slug', d.fields.slug, 'PlainText'],
      ] as const;
      for (const [key, slug, type] of expect) {
        const field = fields.get(slug);
        if (!field || field.type !== type)
          throw new AppError(
            'invalid_destination',
            `collection ${collection.displayName} has no ${type} field "${slug}" for the ${key}`,
            [
              {
                path: `fields.${key}`,
                message: field ? `"${slug}" is a ${field.type} field` : `not one of ${[...fields.keys()].join(', ')}`,
              },
            ],
          );
      }
    },

    async listArticles(d) {
      const place = await placeOf(d);
      const client = await connect(d.integrationId);
      const path = `/collections/${d.collectionId}/items`;
      const found: Article[] = [];
      for (let offset = 0; found.length < maxItems; offset += pageSize) {
        const page = await webflowCall({ method: 'GET', path }, () =>
          client.collections.items.listItems(d.collectionId, { offset, limit: pageSize }),
        );
        if (!page) throw new AppError('invalid_destination', `Webflow has no collection ${d.collectionId}`);
        const items = page.items ?? [];
        for (const item of items)
          if (!item.isArchived && found.length < maxItems) found.push(toArticle(d, place, item));
        if (items.length === 0 || offset + items.length >= (page.pagination?.total ?? 0)) break;
      }
      return found;
    },

    async readArticle(d, id) {
      const item = await rawItem(d, id);
      // An archived item is not one of the collection's pages.
      return item && !item.isArchived ? toArticle(d, await placeOf(d), item) : undefined;
    },

    async saveArticle(d, { article, html, target }) {
      const id = target ?? article.id;
      // Webflow has no conditional update: check the item did not move since it was read, just before writing.
      const current = await rawItem(d, id);
      if (!current) throw new AppError('edit_conflict', `Webflow item ${id} does not exist any more`);
      if (id === article.id && article.updatedAt && current.lastUpdated !== article.updatedAt)
        throw new AppError('edit_conflict', `Webflow item ${id} changed in the CMS since this run read it`);
      await patch(d, id, { [d.fields.body]: html });
      const live = current.isDraft !== true && Boolean(current.lastPublished);
      if (d.mode === 'live' && live) await publish(d, id);
      return written(d, id, d.mode === 'live' && live);
    },

    async createArticle(d, { title, html, target, remember }) {
      if (target) {
        await patch(d, target, { [d.fields.title]: title, [d.fields.body]: html });
        return written(d, target, false);
      }
      const client = await connect(d.integrationId);
      const slug = await freeSlug(d, title);
      // A slug names one item of the collection: remembered, it finds this item if the run dies before recording it.
      await remember(slug);
      const path = `/collections/${d.collectionId}/items`;
      const fieldData = { name: title, [d.fields.title]: title, [d.fields.slug]: slug, [d.fields.body]: html };
      const created = await webflowCall(
        { method: 'POST', path },
        () =>
          client.collections.items.createItem(d.collectionId, {
            isDraft: true,
            isArchived: false,
            fieldData: fieldData as Webflow.CollectionItemPostSingleFieldData,
          }),
        (status) =>
          new AppError(
            'invalid_destination',
            `Webflow refused a new item in collection ${d.collectionId} (HTTP ${status}): does it require fields besides title, slug and body?`,
          ),
      );
      if (!created?.id) throw new AppError('invalid_destination', `Webflow has no collection ${d.collectionId}`);
      return written(d, created.id, false);
    },

    async deleteArticle(d, id) {
      if (!itemId.test(id)) return;
      const client = await connect(d.integrationId);
      // A new page is a draft item, never published by docflow: deleting the staged item leaves no live copy.
      // One already gone answers 404 (undefined), so a repeat does nothing.
      await webflowCall(
        { method: 'DELETE', path: `/collections/${d.collectionId}/items/${id}` },
        () => client.collections.items.deleteItem(d.collectionId, id),
        (status) => new AppError('invalid_destination', `Webflow refused to delete item ${id} (HTTP ${status})`),
      );
    },

    async findCreated(d, slug) {
      const client = await connect(d.integrationId);
      const path = `/collections/${d.collectionId}/items`;
      const found = await webflowCall({ method: 'GET', path }, () =>
        client.collections.items.listItems(d.collectionId, { slug, limit: 1 }),
      );
      const item = found?.items?.find((i) => (i.fieldData as Record<string, unknown>)[d.fields.slug] === slug);
      return item?.id ?? undefined;
    },
  };
}
