/**
 * How long a provider asked us to wait, from a 403/429 response's headers: `retry-after` (seconds or
 * an HTTP date), else the reset time when the remaining budget is 0 (`x-ratelimit-reset`, epoch
 * seconds; or unprefixed `ratelimit-reset`, epoch seconds or, as the IETF draft has it, seconds
 * from now). Undefined when the response is not a rate limit.
 */
export function rateLimitDelayMs(
  status: number | undefined,
  headers: Record<string, string | number | undefined> | undefined,
  now = Date.now(),
): number | undefined {
  if ((status !== 403 && status !== 429) || !headers) return undefined;
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined && retryAfter !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(String(retryAfter));
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  if (String(headers['x-ratelimit-remaining']) === '0' && headers['x-ratelimit-reset'] !== undefined) {
    return Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now) + 1000;
  }
  const reset = Number(headers['ratelimit-reset']);
  if (String(headers['ratelimit-remaining']) === '0' && Number.isFinite(reset) && reset >= 0) {
    // A count of seconds is small; an epoch time is not (1e9 seconds is 2001).
    return (reset > 1e9 ? Math.max(0, reset * 1000 - now) : reset * 1000) + 1000;
  }
  return status === 429 ? 60_000 : undefined;
}
