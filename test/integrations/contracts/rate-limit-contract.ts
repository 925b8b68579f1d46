import { ApplicationFailure } from '@temporalio/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFailureTypes } from '../../../activities/failures.js';

/** A provider adapter call against its fake, which can be told to rate-limit the call's next request. */
export interface RateLimitFixture {
  /** One adapter call (reading the docs, say). */
  call(): Promise<unknown>;
  /** The fake answers the call's next request with this response. */
  limitNext(response: { status: number; headers: Record<string, string> }): void;
  close?(): Promise<void>;
}

/** What every provider promises: its rate limit becomes a retryable `rate_limited` failure whose next retry waits the provider's delay. */
export function rateLimitContract(name: string, setup: () => Promise<RateLimitFixture>): void {
  describe(`${name} rate limit contract`, () => {
    let f: RateLimitFixture;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f?.close?.();
    });

    // Wrapped exactly as the worker wraps activities.
    const wrappedFailure = async () => {
      const { call } = withFailureTypes({ call: () => f.call() });
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApplicationFailure);
      const failure = error as ApplicationFailure;
      expect(failure.type).toBe('rate_limited');
      expect(failure.nonRetryable).toBe(false);
      return Number(failure.nextRetryDelay);
    };

    it('waits the seconds of a 429 Retry-After, then the call goes through', async () => {
      f.limitNext({ status: 429, headers: { 'retry-after': '7' } });
      expect(await wrappedFailure()).toBe(7000);
      await expect(f.call()).resolves.toBeDefined();
    });

    it('waits until the HTTP date of a 429 Retry-After', async () => {
      f.limitNext({ status: 429, headers: { 'retry-after': new Date(Date.now() + 120_000).toUTCString() } });
      const delay = await wrappedFailure();
      expect(delay).toBeGreaterThan(115_000);
      expect(delay).toBeLessThanOrEqual(120_000);
    });

    it('waits until the reset of an exhausted budget', async () => {
      const reset = Math.floor(Date.now() / 1000) + 3600;
      f.limitNext({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } });
      const delay = await wrappedFailure();
      expect(delay).toBeGreaterThan(3_595_000);
      expect(delay).toBeLessThanOrEqual(3_601_000 + 1000);
    });
  });
}
