import { ProviderHttpError } from '../kit/provider-http-error.js';
export { ProviderHttpError as GitLabHttpError, isProviderStatus as isStatus } from '../kit/provider-http-error.js';

type Query = Record<string, string | string[] | undefined>;

/** GitLab's REST API v4 over a (safe) fetch, authenticated per request. */
export interface GitLabApi {
  get<T>(path: string, query?: Query): Promise<T>;
  /** A raw answer (a file's bytes). */
  text(path: string, query?: Query): Promise<string>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, json?: unknown): Promise<T>;
  /**
   * Every item of a paginated list: keyset pagination's `Link: <…>; rel="next"` when the answer has
   * one, else offset pagination's `X-Next-Page` (bounded).
   */
  all<T>(path: string, query?: Query): Promise<T[]>;
}

/** A header an API request carries: `PRIVATE-TOKEN` for access tokens, `Authorization: Bearer` for OAuth. */
export type AuthHeader = { name: 'private-token' | 'authorization'; value: string };

/** `group/sub/project` → the project's API path, its full path URL-encoded as one segment (`group%2Fsub%2Fproject`). */
export const projectPath = (fullPath: string) => `/projects/${encodeURIComponent(fullPath)}`;

/** A file path as one URL-encoded segment (`docs%2Fa.md`), as the repository files API takes it. */
export const filePath = (path: string) => encodeURIComponent(path);

const maxPages = 50;

const nextLink = (link: string | null) =>
  link
    ?.split(',')
    .map((part) => /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim())?.[1])
    .find(Boolean);

export function gitlabApi(baseUrl: string, auth: () => Promise<AuthHeader>, fetchImpl: typeof fetch): GitLabApi {
  const root = baseUrl.replace(/\/$/, '');

  function url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
    const search = params.toString();
    return `${root}${path}${search ? `?${search}` : ''}`;
  }

  async function call(method: string, target: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const { name, value } = await auth();
    headers.set(name, value);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    const response = await fetchImpl(target, { ...init, method, headers, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) {
      await response.arrayBuffer().catch(() => undefined);
      throw new ProviderHttpError(
        'GitLab',
        response.status,
        { method, path: new URL(target).pathname },
        { headers: Object.fromEntries(response.headers) },
      );
    }
    return response;
  }

  const json = async <T>(response: Response) =>
    (response.status === 204 ? undefined : await response.json()) as unknown as T;

  return {
    get: async (path, query) => json(await call('GET', url(path, query))),
    text: async (path, query) => (await call('GET', url(path, query), { headers: { accept: '*/*' } })).text(),
    send: async (method, path, body) =>
      json(
        await call(method, url(path), {
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          headers: { 'content-type': 'application/json' },
        }),
      ),
    async all<T>(path: string, query: Query = {}) {
      const items: T[] = [];
      let next: string | undefined = url(path, { per_page: '100', ...query });
      for (let page = 0; next; page++) {
        if (page >= maxPages) throw new Error(`${path} has more than ${maxPages} pages; stopped`);
        // A next link elsewhere would carry our credentials to another host.
        if (!next.startsWith(`${root}/`)) throw new Error(`GitLab paginated ${path} to another host; not followed`);
        const response = await call('GET', next);
        items.push(...(await json<T[]>(response)));
        const link = nextLink(response.headers.get('link'));
        const nextPage = response.headers.get('x-next-page');
        if (link) next = link;
        else if (nextPage) {
          const following: URL = new URL(next);
          following.searchParams.set('page', nextPage);
          next = following.toString();
        } else next = undefined;
      }
      return items;
    },
  };
}
