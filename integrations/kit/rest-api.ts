import { ProviderHttpError } from './provider-http-error.js';

/** Query values as a REST API takes them: a list repeats the key. */
export type Query = Record<string, string | string[] | undefined>;

/** What every JSON REST API docflow calls without an SDK offers. */
export interface RestApi {
  get<T>(path: string, query?: Query): Promise<T>;
  /** A raw answer (a diff, a file's bytes). */
  text(path: string, query?: Query): Promise<string>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, json?: unknown): Promise<T>;
}

export interface RestCalls extends RestApi {
  /** The API's root, without a trailing slash: paginated `next` links must stay below it. */
  root: string;
  url(path: string, query?: Query): string;
  /** One authenticated request; any answer but 2xx is a `ProviderHttpError` with the answer's headers. */
  call(method: string, target: string, init?: RequestInit): Promise<Response>;
  json<T>(response: Response): Promise<T>;
}

/**
 * A provider's REST API over a (safe) fetch: each request authenticated by `authorize` (which sets its
 * header), answers other than 2xx drained and thrown as `ProviderHttpError` — so rate limits become retries
 * after the provider's delay — and a 30 s timeout.
 */
export function restApi(
  provider: string,
  baseUrl: string,
  authorize: (headers: Headers) => Promise<void>,
  fetchImpl: typeof fetch,
): RestCalls {
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
    await authorize(headers);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    const response = await fetchImpl(target, { ...init, method, headers, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) {
      await response.arrayBuffer().catch(() => undefined);
      throw new ProviderHttpError(
        provider,
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
    root,
    url,
    call,
    json,
    get: async (path, query) => json(await call('GET', url(path, query))),
    text: async (path, query) => (await call('GET', url(path, query), { headers: { accept: '*/*' } })).text(),
    send: async (method, path, body) =>
      json(
        await call(method, url(path), {
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          headers: { 'content-type': 'application/json' },
        }),
      ),
  };
}
