import { ErrorCode, WebClient } from '@slack/web-api';
import { AppError } from '../../core/errors.js';
import { safeHttpsAgent } from '../kit/safe-fetch.js';

/**
 * The official client, pointed at `baseUrl` (tests, proxies). It waits out a 429's `Retry-After` and
 * retries a bounded number of times; outside tests every connection's address is checked. Activities
 * reject rate-limited calls instead (`slackFailure`), so Temporal waits rather than a worker slot.
 */
export function slackWebClient(
  token: string,
  baseUrl: string,
  allowPrivateUrls: boolean,
  options: { rejectRateLimitedCalls?: boolean; retries?: number } = {},
): WebClient {
  return new WebClient(token, {
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
    slackApiUrl: `${baseUrl.replace(/\/$/, '')}/`,
    retryConfig: { retries: options.retries ?? 3, factor: 2, minTimeout: 1000, maxTimeout: 30_000 },
    timeout: 30_000,
    ...(allowPrivateUrls ? {} : { agent: safeHttpsAgent({ allowPrivate: false }) }),
  });
}

/** Slack's answers that mean the token itself is refused, with what each means for people. */
export const refusedTokenErrors: Readonly<Record<string, string>> = {
  invalid_auth: 'the token is not valid (the app was reinstalled with a new token, or the token is wrong)',
  not_authed: 'no token was sent',
  token_revoked: 'the token was revoked (the app was uninstalled, or the token revoked)',
  token_expired: 'the token expired (token rotation is on for the app)',
  account_inactive: "the bot's user or the workspace was deactivated",
};
const disconnected = new Set(Object.keys(refusedTokenErrors));

/**
 * A client error as an activity should see it: a rate limit in the HTTP shape the activity wrapper
 * turns into a retry after Slack's delay (`kit/rate-limit.ts`); Slack's refusal (`ok: false`) as an
 * AppError naming Slack's error code, which retrying cannot fix; anything else unchanged.
 */
export function slackFailure(error: unknown): unknown {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (e?.code === ErrorCode.RateLimitedError)
    return Object.assign(new Error(`Slack rate-limited the call; retry after ${e.retryAfter}s`), {
      status: 429,
      response: { headers: { 'retry-after': String(e.retryAfter ?? 60) } },
    });
  if (e?.code === ErrorCode.PlatformError && e.data?.error) {
    const code = e.data.error;
    return disconnected.has(code)
      ? new AppError('integration_disconnected', `Slack refused the connection's token (${code}); connect it again`)
      : new AppError('invalid_source', `Slack refused the request: ${code}`);
  }
  return error;
}
