import { restApi, type Query, type RestApi } from '../kit/rest-api.js';
export { ProviderHttpError as BitbucketHttpError, isProviderStatus as isStatus } from '../kit/provider-http-error.js';

/** Bitbucket's REST API 2.0 over a (safe) fetch, authenticated per request. */
export interface BitbucketApi extends RestApi {
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
  const rest = restApi(
    'Bitbucket',
    baseUrl,
    async (headers) => headers.set('authorization', await authorization()),
    fetchImpl,
  );
  const { root, url, call, json } = rest;

  return {
    get: rest.get,
    text: rest.text,
    send: rest.send,
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
