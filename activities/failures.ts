import { ApplicationFailure } from '@temporalio/common';
import { isAppError } from '../core/errors.js';
import { rateLimitDelayMs } from '../integrations/kit/rate-limit.js';
import { documentedReason } from './failure-reason.js';
import { providerFailure } from './provider-error.js';

/**
 * Errors docflow raises on purpose (AppError) cannot be fixed by retrying: they become
 * non-retryable failures typed with their code, which the workflow reports as the run's reason.
 * A provider's rate limit is waited out by Temporal: the retry comes after the delay the provider
 * asked for, without holding a worker slot. Anything else is left to the activity's retry policy.
 */
export function withFailureTypes<T extends Record<string, (...args: any[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        if (isAppError(error)) throw ApplicationFailure.nonRetryable(error.message, error.code, error.details);
        const response = error as {
          status?: number;
          response?: { headers?: Record<string, string> };
          message?: string;
        };
        const delay = rateLimitDelayMs(response.status, response.response?.headers);
        if (delay !== undefined) {
          throw ApplicationFailure.create({
            message: `rate limited by the provider (HTTP ${response.status})`,
            type: 'rate_limited',
            nextRetryDelay: Math.max(delay, 1000),
          });
        }
        throw providerFailure(error) ?? documentedFailure(error);
      }
    };
  }
  return wrapped as T;
}

/**
 * A run's `reason` is always a documented code: a failure whose type is not one (an error class name
 * such as `DatabaseError`) reaches the workflow as `activity_failed`, retried like any other error.
 */
function documentedFailure(error: unknown): unknown {
  const type = error instanceof ApplicationFailure ? error.type : undefined;
  if (type && documentedReason(type) === type) return error;
  const message = error instanceof Error ? error.message : String(error);
  return ApplicationFailure.create({
    type: 'activity_failed',
    message,
    nonRetryable: error instanceof ApplicationFailure && error.nonRetryable === true,
    cause: error instanceof Error ? error : undefined,
  });
}
