import { ProviderHttpError } from '../kit/provider-http-error.js';

export { ProviderHttpError as ZendeskHttpError } from '../kit/provider-http-error.js';

export interface ZendeskApi {
  baseUrl: string;
  /** `path` starts at `/api/v2/`; query values are appended as given. */
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
}

/** Plain fetch against one Zendesk account (the reference's advice: no SDK, one base URL per subdomain). */
export function zendeskApi(baseUrl: string, authorization: () => Promise<string>, fetchFn: typeof fetch): ZendeskApi {
  const origin = baseUrl.replace(/\/$/, '');
  return {
    baseUrl: origin,
    async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
      const url = new URL(origin + path);
      for (const [key, value] of Object.entries(query))
        if (value !== undefined) url.searchParams.set(key, String(value));
      const response = await fetchFn(url, {
        headers: { authorization: await authorization(), accept: 'application/json' },
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new ProviderHttpError(
          'Zendesk',
          response.status,
          { method: 'GET', path },
          { headers: Object.fromEntries(response.headers.entries()) },
        );
      }
      return (await response.json()) as T;
    },
  };
}

export const basicAuthorization = (email: string, apiToken: string) =>
  `Basic ${Buffer.from(`${email}/token:${apiToken}`).toString('base64')}`;
