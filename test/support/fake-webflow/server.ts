import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebflowStore, type FakeCollection, type FakeItem } from './store.js';

export interface FakeWebflow {
  /** The Data API base URL (`http://127.0.0.1:<port>/v2`). */
  url: string;
  store: WebflowStore;
  /** The next request answers this instead (a 429 with Retry-After, say). */
  limitNext(response: { status: number; headers: Record<string, string> }): void;
  close(): Promise<void>;
}

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(String(status));
  }
}

const invalid = (param: string, description: string) =>
  new Refused(400, {
    code: 'validation_error',
    message: 'Validation Error',
    externalReference: null,
    details: [{ param, description }],
  });
const notFound = () => new Refused(404, { code: 'resource_not_found', message: 'Requested resource not found' });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const objectId = /^[0-9a-f]{24}$/;

/** Only these keys are accepted in a body, as Webflow's validation answers for unknown properties. */
function only(body: Record<string, unknown>, allowed: string[], where: string): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw invalid(where, `unknown properties: ${extra.join(', ')}`);
}

/**
 * Webflow's Data API v2 (the CMS part docflow uses) on a local port. It refuses what Webflow refuses:
 * a missing or wrong bearer token (401), unknown sites, collections and items (404), bodies with
 * unknown properties, fields the collection lacks or values of the wrong type, a duplicate slug, a
 * page `limit` over 100. Lists paginate by `offset`/`limit` with `pagination.total`; a PATCH moves
 * the item's `lastUpdated`; a publish copies the staged item to what readers see; a DELETE removes
 * the item (204, no body).
 */
export async function startFakeWebflow(token: string): Promise<FakeWebflow> {
  const store = new WebflowStore();
  let limited: { status: number; headers: Record<string, string> } | undefined;

  const collectionOf = (id: string): FakeCollection => {
    const collection = store.collections.get(id);
    if (!collection) throw notFound();
    return collection;
  };
  const itemOf = (collection: FakeCollection, id: string): FakeItem => {
    const item = store.items.get(id);
    if (!item || item.collectionId !== collection.id) throw notFound();
    return item;
  };

  /** Checks field data against the collection's fields; `creating` requires name and slug. */
  function checkFields(collection: FakeCollection, fieldData: unknown, creating: boolean, itemId?: string): void {
    if (!isObject(fieldData)) throw invalid('fieldData', 'must be an object');
    const fields = new Map(collection.fields.map((f) => [f.slug, f]));
    for (const [slug, value] of Object.entries(fieldData)) {
      const field = fields.get(slug);
      if (!field) throw invalid(`fieldData.${slug}`, `field not described in schema: ${slug}`);
      if ((field.type === 'PlainText' || field.type === 'RichText') && typeof value !== 'string')
        throw invalid(`fieldData.${slug}`, 'must be a string');
      if (field.type === 'Switch' && typeof value !== 'boolean')
        throw invalid(`fieldData.${slug}`, 'must be a boolean');
    }
    if (creating && (typeof fieldData.name !== 'string' || typeof fieldData.slug !== 'string'))
      throw invalid('fieldData', 'name and slug are required');
    if (fieldData.name !== undefined && (fieldData.name === '' || String(fieldData.name).length > 256))
      throw invalid('fieldData.name', 'must be 1 to 256 characters');
    if (fieldData.slug !== undefined) {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(String(fieldData.slug)))
        throw invalid('fieldData.slug', 'must be lowercase letters, digits and hyphens');
      const clash = [...store.items.values()].find(
        (i) => i.collectionId === collection.id && i.id !== itemId && i.fieldData.slug === fieldData.slug,
      );
      if (clash) throw invalid('fieldData.slug', `Unique value is already in database: '${String(fieldData.slug)}'`);
    }
  }

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
  ): { status?: number; body: unknown } {
    if (method === 'GET' && path === '/token/introspect')
      return {
        body: {
          authorization: {
            id: '55818d58616600637b9a5786',
            createdOn: '2026-10-01T00:00:00.000Z',
            lastUsed: '2026-11-01T00:00:00.000Z',
            grantType: 'authorization_code',
            rateLimit: 60,
            scope: store.scope,
            authorizedTo: { siteIds: [...store.sites.keys()], workspaceIds: [], userIds: [] },
          },
          application: null,
        },
      };
    if (method === 'GET' && path === '/sites') return { body: { sites: [...store.sites.values()] } };
    let m = /^\/sites\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const site = store.sites.get(m[1]!);
      if (!site) throw notFound();
      return { body: { ...site, previewUrl: `https://screenshots.webflow.com/${site.id}.png` } };
    }
    m = /^\/sites\/([^/]+)\/collections$/.exec(path);
    if (method === 'GET' && m) {
      if (!store.sites.has(m[1]!)) throw notFound();
      const collections = [...store.collections.values()]
        .filter((c) => c.siteId === m![1])
        .map(({ id, displayName, singularName, slug }) => ({ id, displayName, singularName, slug }));
      return { body: { collections } };
    }
    m = /^\/collections\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const { siteId: _siteId, ...collection } = collectionOf(m[1]!);
      return { body: collection };
    }
    m = /^\/collections\/([^/]+)\/items$/.exec(path);
    if (method === 'GET' && m) {
      const collection = collectionOf(m[1]!);
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 100);
      if (!Number.isInteger(offset) || offset < 0) throw invalid('offset', 'must be a non-negative integer');
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid('limit', 'must be 1 to 100');
      const all = [...store.items.values()].filter(
        (i) =>
          i.collectionId === collection.id &&
          (!query.has('slug') || i.fieldData.slug === query.get('slug')) &&
          (!query.has('name') || i.fieldData.name === query.get('name')),
      );
      return {
        body: {
          items: all.slice(offset, offset + limit).map((i) => store.show(i)),
          pagination: { limit, offset, total: all.length },
        },
      };
    }
    if (method === 'POST' && m) {
      const collection = collectionOf(m[1]!);
      if (!isObject(body)) throw invalid('body', 'must be an object');
      only(body, ['isArchived', 'isDraft', 'fieldData', 'cmsLocaleId'], 'body');
      for (const flag of ['isArchived', 'isDraft'])
        if (body[flag] !== undefined && typeof body[flag] !== 'boolean') throw invalid(flag, 'must be a boolean');
      checkFields(collection, body.fieldData, true);
      const id = store.id();
      const at = store.tick();
      const item: FakeItem = {
        id,
        collectionId: collection.id,
        fieldData: { ...(body.fieldData as Record<string, unknown>) },
        isDraft: body.isDraft === true,
        isArchived: body.isArchived === true,
        createdOn: at,
        lastUpdated: at,
        lastPublished: null,
      };
      store.items.set(id, item);
      return { status: 202, body: store.show(item) };
    }
    m = /^\/collections\/([^/]+)\/items\/publish$/.exec(path);
    if (method === 'POST' && m) {
      const collection = collectionOf(m[1]!);
      if (!isObject(body)) throw invalid('body', 'must be an object');
      only(body, ['itemIds'], 'body');
      const ids = body.itemIds;
      if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string'))
        throw invalid('itemIds', 'must be a non-empty array of item ids');
      const published: string[] = [];
      const errors: string[] = [];
      for (const id of ids as string[]) {
        const item = store.items.get(id);
        if (!item || item.collectionId !== collection.id) {
          errors.push(`Staging item ID ${id} not found.`);
          continue;
        }
        // Publishing a draft item makes it live.
        Object.assign(item, { isDraft: false, lastPublished: store.tick(), live: { ...item.fieldData } });
        published.push(id);
      }
      return { status: 202, body: { publishedItemIds: published, errors } };
    }
    m = /^\/collections\/([^/]+)\/items\/([^/]+)$/.exec(path);
    if (m && (method === 'GET' || method === 'PATCH' || method === 'DELETE')) {
      const collection = collectionOf(m[1]!);
      if (!objectId.test(m[2]!)) throw invalid('item_id', 'must be an ObjectId');
      const item = itemOf(collection, m[2]!);
      if (method === 'GET') return { body: store.show(item) };
      if (method === 'DELETE') {
        store.items.delete(item.id);
        return { status: 204, body: undefined };
      }
      if (!isObject(body)) throw invalid('body', 'must be an object');
      only(body, ['isArchived', 'isDraft', 'fieldData', 'cmsLocaleId'], 'body');
      for (const flag of ['isArchived', 'isDraft'] as const) {
        if (body[flag] === undefined) continue;
        if (typeof body[flag] !== 'boolean') throw invalid(flag, 'must be a boolean');
        item[flag] = body[flag];
      }
      if (body.fieldData !== undefined) {
        checkFields(collection, body.fieldData, false, item.id);
        Object.assign(item.fieldData, body.fieldData);
      }
      item.lastUpdated = store.tick();
      return { body: store.show(item) };
    }
    throw new Refused(404, { code: 'route_not_found', message: `${method} ${path}` });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      try {
        if (limited) {
          const answer = limited;
          limited = undefined;
          return send(answer.status, { code: 'too_many_requests', message: 'Too Many Requests' }, answer.headers);
        }
        const target = new URL(req.url ?? '/', 'http://fake');
        if (!target.pathname.startsWith('/v2/')) throw new Refused(404, { code: 'route_not_found', message: 'no v2' });
        const path = target.pathname.slice('/v2'.length);
        if (req.headers.authorization !== `Bearer ${token}`)
          throw new Refused(401, { code: 'not_authorized', message: 'Request not authorized' });
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        if (raw !== '') {
          if (!String(req.headers['content-type']).startsWith('application/json'))
            throw invalid('body', 'must be application/json');
          try {
            body = JSON.parse(raw);
          } catch {
            throw invalid('body', 'malformed JSON');
          }
        }
        const method = req.method ?? 'GET';
        const answer = route(method, path, target.searchParams, body);
        if (method !== 'GET') store.writes.push({ method, path, body });
        if (answer.status === 204) {
          res.writeHead(204);
          return res.end();
        }
        send(answer.status ?? 200, answer.body);
      } catch (error) {
        if (error instanceof Refused) return send(error.status, error.body);
        send(500, { code: 'internal_error', message: String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
    store,
    limitNext: (response) => void (limited = response),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
