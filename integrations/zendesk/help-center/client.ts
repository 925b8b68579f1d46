import { AppError } from '../../../core/errors.js';
import type { ProviderDeps } from '../../contract.js';
import { rateLimitDelayMs } from '../../kit/rate-limit.js';
import { safeFetch } from '../../kit/safe-fetch.js';
import { createZendeskClients } from '../clients.js';

/** A Zendesk answer docflow does not handle itself; a 429 carries its headers so the activity waits `Retry-After`. */
export class ZendeskHttpError extends Error {
  override name = 'ZendeskHttpError';
  constructor(
    readonly status: number,
    readonly response: { headers: Record<string, string> },
    message: string,
  ) {
    super(message);
  }
}

export type ZendeskRequest = <T>(method: string, path: string, body?: unknown) => Promise<T | undefined>;

/** Calls the Zendesk API at `baseUrl`; 404 is undefined, 401/403 and 4xx are AppErrors, 429 and 5xx are retried by the activity. */
export function zendeskRequester(
  baseUrl: string,
  authorization: () => Promise<string>,
  fetcher: typeof fetch,
): ZendeskRequest {
  return async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetcher(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: await authorization(),
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: 'error',
    });
    if (response.status === 404) return undefined;
    // A delete answers 204 with no body: an empty object, so that only a 404 reads as "not there".
    if (response.status === 204) return {} as T;
    if (response.ok) return (await response.json()) as T;
    const text = (await response.text()).slice(0, 300);
    const headers = Object.fromEntries(response.headers);
    if (rateLimitDelayMs(response.status, headers) !== undefined || response.status >= 500)
      throw new ZendeskHttpError(response.status, { headers }, `Zendesk ${method} ${path}: ${response.status} ${text}`);
    if (response.status === 401 || response.status === 403)
      throw new AppError(
        'integration_disconnected',
        `Zendesk refused the credentials (${response.status}) for ${method} ${path}`,
      );
    throw new AppError('invalid_destination', `Zendesk refused ${method} ${path} (${response.status}): ${text}`);
  };
}

/** A requester per connection, with the credentials the ticket side reads (API token or refreshed OAuth token). */
export function zendeskClients(deps: ProviderDeps) {
  const fetcher = safeFetch({ allowPrivate: deps.allowPrivateUrls });
  const clients = createZendeskClients(deps);
  return async (integrationId: string): Promise<{ request: ZendeskRequest; baseUrl: string }> => {
    const { baseUrl, authorization } = await clients.credentials(integrationId);
    return { request: zendeskRequester(baseUrl, authorization, fetcher), baseUrl };
  };
}
