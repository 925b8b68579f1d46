import { STATUS_CODES } from 'node:http';
import { ApplicationFailure } from '@temporalio/common';

/**
 * A provider's HTTP error becomes a failure that says only its status: the body an (internal or
 * hostile) server sent back must never reach a run's message, which every reviewer can read.
 * A destination the safe fetch refused is final, and says why in docflow's own words.
 */
export function providerFailure(error: unknown): ApplicationFailure | undefined {
  const e = error as { status?: unknown; request?: unknown; cause?: { name?: string; message?: string } };
  if (e?.cause?.name === 'RefusedDestinationError')
    return ApplicationFailure.create({
      type: 'provider_error',
      message: `the provider was not contacted: ${e.cause.message}`,
      nonRetryable: true,
    });
  if (typeof e?.status !== 'number' || !e.request) return undefined;
  const reason = STATUS_CODES[e.status] ?? 'unknown status';
  return ApplicationFailure.create({
    type: 'provider_error',
    message: `the provider answered HTTP ${e.status} (${reason})`,
    nonRetryable: false,
  });
}
