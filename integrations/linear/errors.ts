import { parseLinearError } from '@linear/sdk';
import { ProviderHttpError } from '../kit/provider-http-error.js';

/** Linear refused the credentials (a revoked key, an expired grant). */
export class LinearAuthError extends Error {
  override name = 'LinearAuthError';
}

/** Linear answered the query with GraphQL errors (an unknown issue: `invalid input`). */
export class LinearQueryError extends Error {
  override name = 'LinearQueryError';
  constructor(
    message: string,
    readonly type: string,
  ) {
    super(message);
  }
}

interface GraphQLErrorBody {
  message?: string;
  extensions?: { code?: string; type?: string; userPresentableMessage?: string };
}

/**
 * How long Linear asked us to wait: `Retry-After` when sent (kept as given: seconds or a date), else the
 * latest reset (`X-RateLimit-Requests-Reset`, `X-RateLimit-Complexity-Reset`, UTC epoch milliseconds) of
 * an exhausted budget, else of any budget; a minute when it says nothing.
 */
export function linearRetryAfter(headers: Headers, now = Date.now()): string {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) return retryAfter;
  const budgets = ['requests', 'complexity', 'endpoint-requests'].map((name) => ({
    remaining: headers.get(`x-ratelimit-${name}-remaining`),
    reset: Number(headers.get(`x-ratelimit-${name}-reset`)),
  }));
  const resets = budgets.filter((b) => Number.isFinite(b.reset) && b.reset > 0);
  const exhausted = resets.filter((b) => b.remaining !== null && Number(b.remaining) <= 0);
  const chosen = (exhausted.length ? exhausted : resets).map((b) => (b.reset < 1e12 ? b.reset * 1000 : b.reset));
  if (!chosen.length) return '60';
  return String(Math.max(1, Math.ceil((Math.max(...chosen) - now) / 1000)));
}

const isRateLimited = (status: number, errors: GraphQLErrorBody[]) =>
  status === 429 ||
  errors.some((e) => e.extensions?.code === 'RATELIMITED' || e.extensions?.type?.toLowerCase() === 'ratelimited');

/**
 * A Linear answer that is not data, as an error docflow knows: a rate limit (HTTP 400 or 429 with
 * `RATELIMITED`) becomes a 429 `ProviderHttpError` with the wait in `Retry-After`, so the activity is
 * retried after Linear's reset; other HTTP errors keep their status and headers (never the body); refused
 * credentials are `LinearAuthError`; GraphQL errors are `LinearQueryError` with the SDK's error type.
 */
export function linearError(response: Response, body: unknown, query: string): Error {
  const raw = (body as { errors?: unknown } | undefined)?.errors;
  const errors = (Array.isArray(raw) ? raw : []) as GraphQLErrorBody[];
  const request = { method: 'POST', path: '/graphql' };
  if (isRateLimited(response.status, errors))
    return new ProviderHttpError('Linear', 429, request, {
      headers: { 'retry-after': linearRetryAfter(response.headers) },
    });
  const parsed = parseLinearError({
    response: { ...(body as object), status: response.status, headers: response.headers },
    request: { query },
  } as never);
  // The SDK types a GraphQL error by its `extensions.type`; an HTTP error without one by its status.
  const refused = errors.length
    ? parsed.type === 'AuthenticationError' || errors.some((e) => e.extensions?.code === 'AUTHENTICATION_ERROR')
    : response.status === 401;
  if (refused) return new LinearAuthError(errors[0]?.message ?? `Linear answered HTTP ${response.status}`);
  if (!errors.length)
    return new ProviderHttpError('Linear', response.status, request, {
      headers: Object.fromEntries(response.headers.entries()),
    });
  const message = errors[0]?.extensions?.userPresentableMessage ?? errors[0]?.message ?? 'error';
  return new LinearQueryError(message, parsed.type ?? 'Unknown');
}
