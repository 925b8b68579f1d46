import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HelpCenterStore } from './store.js';

export interface FakeHelpCenter {
  url: string;
  store: HelpCenterStore;
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

const invalid = (description: string) => new Refused(400, { error: 'RecordInvalid', description });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Only these keys are accepted in a body, as Zendesk's RecordInvalid answers for unknown attributes. */
function only(body: Record<string, unknown>, allowed: string[], what: string): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw invalid(`${what}: unknown attribute ${extra.join(', ')}`);
}

/**
 * A Zendesk Help Center API on a local port: it refuses what Zendesk refuses (no or wrong
 * credentials, malformed bodies, a page size over 100), paginates articles by cursor, and can be
 * told to rate-limit the next request.
 */
export async function startFakeHelpCenter(credentials: { email: string; token: string }): Promise<FakeHelpCenter> {
  const store = new HelpCenterStore();
  let limited: { status: number; headers: Record<string, string> } | undefined;
  const basic = `Basic ${Buffer.from(`${credentials.email}/token:${credentials.token}`).toString('base64')}`;
  let url = '';

  function route(method: string, path: string, query: URLSearchParams, body: unknown): unknown {
    if (method === 'GET' && /^\/api\/v2\/users\/me(\.json)?$/.test(path))
      return { user: { id: 9001, email: credentials.email, role: 'admin' } };
    if (method === 'GET' && path === '/api/v2/help_center/locales')
      return { locales: store.locales, default_locale: 'en-us' };
    let m = /^\/api\/v2\/help_center\/([a-z-]+)\/sections\/(\d+)$/.exec(path);
    if (method === 'GET' && m) {
      if (!store.sections.has(Number(m[2]))) throw new Refused(404, { error: 'RecordNotFound' });
      return { section: { id: Number(m[2]), locale: m[1] } };
    }
    m = /^\/api\/v2\/help_center\/([a-z-]+)(?:\/sections\/(\d+))?\/articles$/.exec(path);
    if (method === 'GET' && m) {
      const [locale, section] = [m[1]!, m[2] ? Number(m[2]) : undefined];
      if (!store.locales.includes(locale)) throw new Refused(404, { error: 'RecordNotFound' });
      if (section !== undefined && !store.sections.has(section)) throw new Refused(404, { error: 'RecordNotFound' });
      const size = Number(query.get('page[size]') ?? 30);
      if (!Number.isInteger(size) || size < 1 || size > 100) throw invalid('page[size] must be 1..100');
      const all = [...store.articles.values()]
        .filter((a) => a.translations[locale] && (section === undefined || a.section_id === section))
        .sort((a, b) => a.id - b.id);
      const after = query.get('page[after]');
      const start = after ? all.findIndex((a) => a.id === Number(Buffer.from(after, 'base64url').toString())) + 1 : 0;
      if (after && start === 0) throw invalid('invalid cursor');
      const page = all.slice(start, start + size);
      const more = start + size < all.length;
      const cursor = page.length ? Buffer.from(String(page.at(-1)!.id)).toString('base64url') : null;
      return {
        articles: page.map((a) => store.show(a, locale, url)),
        meta: { has_more: more, after_cursor: more ? cursor : null, before_cursor: null },
        links: { next: more ? `${url}${path}?page[size]=${size}&page[after]=${cursor}` : null },
      };
    }
    m = /^\/api\/v2\/help_center\/([a-z-]+)\/articles\/(\d+)$/.exec(path);
    if (method === 'GET' && m) {
      const article = store.articles.get(Number(m[2]));
      const shown = article && store.show(article, m[1]!, url);
      if (!shown) throw new Refused(404, { error: 'RecordNotFound' });
      return { article: shown };
    }
    m = /^\/api\/v2\/help_center\/articles\/(\d+)\/translations\/([a-z-]+)$/.exec(path);
    if (method === 'PUT' && m) {
      const t = store.articles.get(Number(m[1]))?.translations[m[2]!];
      if (!t) throw new Refused(404, { error: 'RecordNotFound' });
      if (!isObject(body) || !isObject(body.translation)) throw invalid('translation is required');
      const change = body.translation;
      only(change, ['title', 'body', 'draft', 'outdated'], 'translation');
      if (change.body !== undefined && typeof change.body !== 'string') throw invalid('body must be a string');
      if (change.title !== undefined && (typeof change.title !== 'string' || change.title === ''))
        throw invalid('title must be a non-empty string');
      if (change.draft !== undefined && typeof change.draft !== 'boolean') throw invalid('draft must be a boolean');
      Object.assign(t, change, { updated_at: store.tick() });
      return { translation: { id: Number(m[1]) * 10, locale: m[2], ...t } };
    }
    m = /^\/api\/v2\/help_center\/articles\/(\d+)$/.exec(path);
    if (method === 'DELETE' && m) {
      // Archives the article: gone from the API's lists and reads.
      if (!store.articles.delete(Number(m[1]))) throw new Refused(404, { error: 'RecordNotFound' });
      return { status: 204 };
    }
    m = /^\/api\/v2\/help_center\/([a-z-]+)\/sections\/(\d+)\/articles$/.exec(path);
    if (method === 'POST' && m) {
      if (!store.sections.has(Number(m[2]))) throw new Refused(404, { error: 'RecordNotFound' });
      if (!isObject(body) || !isObject(body.article)) throw invalid('article is required');
      only(body, ['article', 'notify_subscribers'], 'request');
      const a = body.article;
      only(a, ['title', 'body', 'locale', 'draft', 'permission_group_id', 'user_segment_id', 'label_names'], 'article');
      if (typeof a.title !== 'string' || a.title === '') throw invalid('title is required');
      if (typeof a.permission_group_id !== 'number') throw invalid('permission_group_id is required');
      if (!('user_segment_id' in a) || (a.user_segment_id !== null && typeof a.user_segment_id !== 'number'))
        throw invalid('user_segment_id is required (null for everyone)');
      if (a.locale !== undefined && a.locale !== m[1]) throw invalid('locale does not match the URL');
      const id = store.add({
        section: Number(m[2]),
        title: a.title,
        body: typeof a.body === 'string' ? a.body : '',
        draft: a.draft === true,
        locale: m[1]!,
        labels: Array.isArray(a.label_names) ? (a.label_names as string[]) : [],
      });
      const article = store.articles.get(id)!;
      article.permission_group_id = a.permission_group_id;
      article.user_segment_id = a.user_segment_id as number | null;
      return { status: 201, article: store.show(article, m[1]!, url) };
    }
    throw new Refused(404, { error: 'InvalidEndpoint', description: `${method} ${path}` });
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
          return send(answer.status, { error: 'TooManyRequests' }, answer.headers);
        }
        const target = new URL(req.url ?? '/', 'http://fake');
        const path = target.pathname.replace(/\.json$/, '');
        const auth = req.headers.authorization;
        if (auth !== basic) throw new Refused(401, { error: "Couldn't authenticate you" });
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
        const answer = route(method, path, target.searchParams, body) as Record<string, unknown>;
        if (method !== 'GET') store.writes.push({ method, path, body });
        const { status, ...rest } = answer;
        send(typeof status === 'number' ? status : 200, rest);
      } catch (error) {
        if (error instanceof Refused) return send(error.status, error.body);
        send(500, { error: String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    limitNext: (response) => void (limited = response),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
