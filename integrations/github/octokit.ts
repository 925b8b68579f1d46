import { App, Octokit } from 'octokit';
import type { Logger } from 'pino';

/** Waits this long in-process at most; longer limits are handed to Temporal's retry (see activities/failures.ts). */
const maxInlineWaitSeconds = 60;

/**
 * octokit with its retry and throttling plugins: short rate-limit waits are taken in-process;
 * 429s and long waits surface as errors carrying the provider's headers. Logs never see tokens.
 */
export function octokitClass(baseUrl: string, logger: Logger, fetch?: typeof globalThis.fetch) {
  const log = logger.child({ component: 'github' });
  const wait =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
      const retry = retryAfter <= maxInlineWaitSeconds && retryCount < 2;
      log.warn(
        { method: options.method, url: options.url, retryAfter, retryCount, retry },
        `GitHub ${kind} rate limit`,
      );
      return retry;
    };
  return Octokit.defaults({
    baseUrl,
    userAgent: 'docflow',
    // The guarded fetch (integrations/kit/safe-fetch.ts): checked addresses, no redirects to other hosts.
    ...(fetch ? { request: { fetch } } : {}),
    throttle: { onRateLimit: wait('primary'), onSecondaryRateLimit: wait('secondary') },
    // 429 carries retry-after; it is honoured by the activity retry rather than the plugin's fixed backoff.
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.error(message),
    },
  });
}

export { App, Octokit };
