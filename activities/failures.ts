import { ApplicationFailure } from '@temporalio/common';
import { isAppError } from '../domain/errors.js';

/**
 * Errors docflow raises on purpose (AppError) cannot be fixed by retrying: they become
 * non-retryable failures typed with their code, which the workflow reports as the run's reason.
 * Anything else (I/O, timeouts) is left to the activity's retry policy.
 */
export function withFailureTypes<T extends Record<string, (...args: any[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        if (isAppError(error)) throw ApplicationFailure.nonRetryable(error.message, error.code, error.details);
        throw error;
      }
    };
  }
  return wrapped as T;
}
