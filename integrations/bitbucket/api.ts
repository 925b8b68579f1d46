import { ProviderHttpError } from '../kit/provider-http-error.js';
export { ProviderHttpError as BitbucketHttpError, isProviderStatus as isStatus } from '../kit/provider-http-error.js';

type Query = Record<string, string | string[] | undefined>;

/** Bitbucket's REST API 2.0 over a (safe) fetch, authenticated per request. */
export interface BitbucketApi {
  get<T>(path: string, query?: Query): Promise<T>;
  /** A raw answer (a diff, a file's bytes). */
  text(path: string, query?: Query): Promise<string>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, json?: unknown): Promise<T>;
  /** A multipart form (`POST /src`); returns the Location header of the answer. */
  postForm(path: string, form: FormData): Promise<string | undefined>;
  /** Every item of a paginated collection, following `next` (bounded). */
  all<T>(path: string, query?: Query): Promise<T[]>;
}

/** `workspace/repo` → the repository's API path. */
export const repoPath = (fullName: string) =>
  `/repositories/${fullName
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/')}`;

const maxPages = 50;

export function bitbucketApi(
  baseUrl: string,
  authorization: () => Promise<string>,
  fetchImpl: typeof fetch,
): BitbucketApi {
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
    headers.set('authorization', await authorization());
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    const response = await fetchImpl(target, { ...init, method, headers, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) {
      await response.arrayBuffer().catch(() => undefined);
      throw new ProviderHttpError(
        'Bitbucket',
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
    async postForm(path, form) {
      // Encoded here so the boundary in the content type travels with the exact bytes.
      const encoded = new Response(form);
      const body = Buffer.from(await encoded.arrayBuffer());
      const response = await call('POST', url(path), {
        body,
        headers: { 'content-type': encoded.headers.get('content-type')! },
      });
      await response.arrayBuffer();
      return response.headers.get('location') ?? undefined;
    },
    async all<T>(path: string, query: Query = {}) {
      const items: T[] = [];
      let next: string | undefined = url(path, { pagelen: '100', ...query });
      for (let page = 0; next; page++) {
        if (page >= maxPages) throw new Error(`${path} has more than ${maxPages} pages; stopped`);
        // A next link elsewhere would carry our credentials to another host.
        if (!next.startsWith(`${root}/`)) throw new Error(`Bitbucket paginated ${path} to another host; not followed`);
        const data: { values?: T[]; next?: string } = await json(await call('GET', next));
        items.push(...(data.values ?? []));
        next = data.next;
      }
      return items;
    },
  };
}
