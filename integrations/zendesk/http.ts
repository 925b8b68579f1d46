/** A Zendesk answer other than 2xx: its status and headers only (the body may echo what we sent). */
export class ZendeskHttpError extends Error {
  override name = 'ZendeskHttpError';
  constructor(
    readonly status: number,
    readonly request: { method: string; path: string },
    readonly response: { headers: Record<string, string> },
  ) {
    super(`Zendesk answered ${request.method} ${request.path} with HTTP ${status}`);
  }
}

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
        throw new ZendeskHttpError(
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
