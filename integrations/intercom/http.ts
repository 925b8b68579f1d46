import { IntercomClient, IntercomError } from 'intercom-client';
import { AppError } from '../../core/errors.js';
import { ProviderHttpError } from '../kit/provider-http-error.js';
import { rateLimitDelayMs } from '../kit/rate-limit.js';

/** The API version docflow is written against, sent explicitly on every request (`Intercom-Version`). */
export const intercomVersion = '2.14' as const;

/**
 * The official client on one workspace's API origin, through docflow's guarded fetch. It retries
 * nothing itself: a 429 reaches the activity, which Temporal retries after the workspace's delay.
 */
export function intercomClient(baseUrl: string, token: () => Promise<string>, fetchFn: typeof fetch): IntercomClient {
  return new IntercomClient({
    baseUrl: baseUrl.replace(/\/$/, ''),
    token,
    version: intercomVersion,
    fetch: fetchFn,
    maxRetries: 0,
    timeoutInSeconds: 30,
  });
}

const headersOf = (error: IntercomError): Record<string, string> => {
  const headers = error.rawResponse?.headers as Headers | undefined;
  return headers && typeof headers.entries === 'function' ? Object.fromEntries(headers.entries()) : {};
};

/** The first message of Intercom's `error.list` answer (`parameter_invalid: …`), cut short. */
export function intercomMessage(body: unknown): string {
  const errors = (body as { errors?: { code?: string; message?: string }[] } | undefined)?.errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  const text = first ? [first.code, first.message].filter(Boolean).join(': ') : '';
  return text.slice(0, 300);
}

/**
 * One API call with Intercom's answers turned into docflow's: 404 is undefined; 401/403 mean the
 * connection lost its grant; a rate limit or a server error stays a `ProviderHttpError` with its
 * headers (retried after `Retry-After` / `X-RateLimit-Reset`); anything else is refused with
 * `refusal` (`invalid_destination` by default) and Intercom's reason.
 */
export async function intercomCall<T>(
  what: { method: string; path: string },
  call: () => Promise<T>,
  refusal: AppError['code'] = 'invalid_destination',
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof IntercomError) || error.statusCode === undefined) throw error;
    const status = error.statusCode;
    if (status === 404) return undefined;
    const headers = headersOf(error);
    if (rateLimitDelayMs(status, headers) !== undefined || status >= 500)
      throw new ProviderHttpError('Intercom', status, what, { headers });
    if (status === 401 || status === 403)
      throw new AppError(
        'integration_disconnected',
        `Intercom refused the access token (${status}) for ${what.method} ${what.path}`,
      );
    throw new AppError(
      refusal,
      `Intercom refused ${what.method} ${what.path} (${status})${intercomMessage(error.body) ? `: ${intercomMessage(error.body)}` : ''}`,
    );
  }
}
