import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConversationStore, Refusal, type ConversationFixture } from './conversations.js';
import { IntercomStore } from './store.js';

export type { ConversationFixture } from './conversations.js';

export interface FakeIntercom {
  url: string;
  store: IntercomStore;
  /** Conversations the search and retrieval answer with. */
  addConversation(conversation: ConversationFixture): void;
  /** Every authenticated request, as `METHOD /path`. */
  requests: string[];
  /** The next request answers this instead (a 429 with rate-limit headers, say). */
  limitNext(response: { status: number; headers: Record<string, string> }): void;
  close(): Promise<void>;
}

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(`${status} ${code}`);
  }
}

const versions = ['2.7', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14', '2.15', '2.16', 'Unstable'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (description: string) => new Refused(400, 'parameter_invalid', description);
const notFound = (what: string) => new Refused(404, 'not_found', `${what} Not Found`);

/** Only these keys are accepted in a body (Intercom answers 400 for unknown parameters). */
function only(body: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw invalid(`unknown parameter(s): ${extra.join(', ')}`);
}

const articleKeys = [
  'title',
  'description',
  'body',
  'author_id',
  'state',
  'parent_id',
  'parent_type',
  'translated_content',
];

/**
 * Intercom's REST API for one workspace on a local port, as far as docflow uses it: `GET /me`, the
 * Articles API and help-center collections. It refuses what Intercom refuses (no or wrong Bearer
 * token, no `Intercom-Version`, unknown or ill-typed parameters, an author who is not a teammate, a
 * parent that does not exist), paginates articles (`page`/`per_page`, and `pages.next.starting_after`),
 * moves `updated_at` on every change, deletes articles for good (`DELETE /articles/{id}`, an unknown id 404),
 * and can be told to rate-limit the next request. Like the API's
 * documentation says, an update without `state` makes the article a draft. Conversations: the search
 * (`POST /conversations/search`, malformed queries refused, `starting_after` pages) and retrieval with parts.
 */
export async function startFakeIntercom(token: string): Promise<FakeIntercom> {
  const store = new IntercomStore();
  const conversations = new ConversationStore();
  let limited: { status: number; headers: Record<string, string> } | undefined;
  let url = '';
  const requests: string[] = [];

  const parentOf = (body: Record<string, unknown>): number | null => {
    if (body.parent_id === undefined || body.parent_id === null) return null;
    const id = Number(body.parent_id);
    if (!Number.isInteger(id)) throw invalid('parent_id must be an integer');
    if (body.parent_type !== undefined && body.parent_type !== 'collection' && body.parent_type !== 'section')
      throw invalid('parent_type must be collection or section');
    if (!store.collections.has(id)) throw new Refused(404, 'collection_not_found', `Collection ${id} Not Found`);
    return id;
  };
  const checkFields = (body: Record<string, unknown>) => {
    only(body, articleKeys);
    for (const key of ['title', 'description', 'body'])
      if (body[key] !== undefined && typeof body[key] !== 'string') throw invalid(`${key} must be a string`);
    if (body.title === '') throw invalid('title must not be empty');
    if (body.state !== undefined && body.state !== 'published' && body.state !== 'draft')
      throw invalid('state must be published or draft');
    if (body.author_id !== undefined && !store.admins.has(Number(body.author_id)))
      throw invalid('author_id must be a teammate of the workspace');
  };

  function route(method: string, path: string, query: URLSearchParams, body: unknown): unknown {
    if (method === 'GET' && path === '/me')
      return {
        type: 'admin',
        id: '991267001',
        email: 'docs@acme.test',
        name: 'Docs Bot',
        email_verified: true,
        app: { type: 'app', id_code: 'abc123xy', name: 'Acme', region: 'US', timezone: 'Europe/London' },
      };
    if (method === 'POST' && path === '/conversations/search') return conversations.search(body, url);
    const conversation = /^\/conversations\/(\d+)$/.exec(path);
    if (method === 'GET' && conversation) return conversations.find(conversation[1]!, query);
    let m = /^\/help_center\/collections\/(\d+)$/.exec(path);
    if (method === 'GET' && m) {
      const id = Number(m[1]);
      if (!store.collections.has(id)) throw new Refused(404, 'collection_not_found', `Collection ${id} Not Found`);
      return { id: String(id), type: 'collection', name: `Collection ${id}`, parent_id: store.collections.get(id) };
    }
    if (method === 'GET' && path === '/articles') {
      const perPage = Number(query.get('per_page') ?? 50);
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > 150) throw invalid('per_page must be 1..150');
      // Most recently updated first, as documented.
      const all = [...store.articles.values()].sort(
        (a, b) => b.updated_at - a.updated_at || Number(b.id) - Number(a.id),
      );
      const after = query.get('starting_after');
      let start: number;
      if (after) {
        const id = Buffer.from(after, 'base64url').toString();
        start = all.findIndex((a) => a.id === id) + 1;
        if (start === 0) throw invalid('starting_after is not a cursor of this list');
      } else {
        const page = Number(query.get('page') ?? 1);
        if (!Number.isInteger(page) || page < 1) throw invalid('page must be a positive integer');
        start = (page - 1) * perPage;
      }
      const data = all.slice(start, start + perPage);
      const more = start + perPage < all.length;
      return {
        type: 'list',
        pages: {
          type: 'pages',
          page: Math.floor(start / perPage) + 1,
          per_page: perPage,
          total_pages: Math.ceil(all.length / perPage),
          ...(more
            ? { next: { per_page: perPage, starting_after: Buffer.from(data.at(-1)!.id).toString('base64url') } }
            : {}),
        },
        total_count: all.length,
        data: data.map((a) => store.show(a, url)),
      };
    }
    if (method === 'POST' && path === '/articles') {
      if (!isObject(body)) throw invalid('a JSON object is required');
      checkFields(body);
      if (typeof body.title !== 'string') throw new Refused(400, 'parameter_not_found', 'title is required');
      if (body.author_id === undefined)
        throw new Refused(
          400,
          'parameter_not_found',
          'author_id must be in the main body or default locale translated_content object',
        );
      const parent = parentOf(body);
      const id = store.add({ title: body.title, body: typeof body.body === 'string' ? body.body : '' });
      const article = store.articles.get(id)!;
      Object.assign(article, {
        description: typeof body.description === 'string' ? body.description : '',
        author_id: Number(body.author_id),
        state: body.state === 'published' ? 'published' : 'draft',
        parent_id: parent,
        parent_type: parent === null ? null : 'collection',
      });
      return store.show(article, url);
    }
    m = /^\/articles\/(\d+)$/.exec(path);
    if (m && (method === 'GET' || method === 'PUT' || method === 'DELETE')) {
      const article = store.articles.get(m[1]!);
      if (!article) throw notFound('Resource');
      if (method === 'GET') return store.show(article, url);
      if (method === 'DELETE') {
        store.articles.delete(article.id);
        return { id: article.id, object: 'article', deleted: true };
      }
      if (!isObject(body)) throw invalid('a JSON object is required');
      checkFields(body);
      const parent = body.parent_id === undefined ? article.parent_id : parentOf(body);
      for (const key of ['title', 'description', 'body'] as const)
        if (typeof body[key] === 'string') article[key] = body[key];
      if (body.author_id !== undefined) article.author_id = Number(body.author_id);
      // As documented for this version: state defaults to draft, so an update that omits it unpublishes.
      article.state = body.state === 'published' ? 'published' : 'draft';
      article.parent_id = parent;
      article.parent_type = parent === null ? null : 'collection';
      article.updated_at = store.tick();
      return store.show(article, url);
    }
    throw new Refused(404, 'not_found', `${method} ${path}`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const errorList = (code: string, message: string) => ({
        type: 'error.list',
        request_id: `req_${Date.now()}`,
        errors: [{ code, message }],
      });
      try {
        if (limited) {
          const answer = limited;
          limited = undefined;
          return send(answer.status, errorList('rate_limit_exceeded', 'Rate Limit Exceeded'), answer.headers);
        }
        const target = new URL(req.url ?? '/', 'http://fake');
        if (req.headers.authorization !== `Bearer ${token}`)
          throw new Refused(401, 'unauthorized', 'Access Token Invalid');
        const version = String(req.headers['intercom-version'] ?? '');
        if (!versions.includes(version))
          throw new Refused(400, 'intercom_version_invalid', `Intercom-Version must be one of ${versions.join(', ')}`);
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        if (raw !== '') {
          if (!String(req.headers['content-type']).startsWith('application/json'))
            throw invalid('bodies must be application/json');
          try {
            body = JSON.parse(raw);
          } catch {
            throw invalid('malformed JSON');
          }
        }
        const method = req.method ?? 'GET';
        requests.push(`${method} ${target.pathname}`);
        const answer = route(method, target.pathname, target.searchParams, body);
        if (method !== 'GET' && !target.pathname.endsWith('/search'))
          store.writes.push({ method, path: target.pathname, body: body as Record<string, unknown>, version });
        send(200, answer, {
          'x-ratelimit-limit': '10000',
          'x-ratelimit-remaining': '9999',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 10),
        });
      } catch (error) {
        if (error instanceof Refused || error instanceof Refusal)
          return send(error.status, errorList(error.code, error.description));
        send(500, errorList('server_error', String(error)));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    addConversation: (conversation) => conversations.add(conversation),
    requests,
    limitNext: (response) => void (limited = response),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
