import { restApi, type Query, type RestApi } from '../kit/rest-api.js';
export { ProviderHttpError as GitLabHttpError, isProviderStatus as isStatus } from '../kit/provider-http-error.js';

/** GitLab's REST API v4 over a (safe) fetch, authenticated per request. */
export interface GitLabApi extends RestApi {
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
  const rest = restApi(
    'GitLab',
    baseUrl,
    async (headers) => {
      const { name, value } = await auth();
      headers.set(name, value);
    },
    fetchImpl,
  );
  const { root, url, call, json } = rest;

  return {
    get: rest.get,
    text: rest.text,
    send: rest.send,
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
