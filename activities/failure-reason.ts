import { errorStatus } from '../core/errors.js';

/** Reasons a failed run can carry besides AppError codes (see the README's run table). */
const otherReasons = ['activity_failed', 'provider_error', 'cancelled', 'internal_error'];

/**
 * A run's `reason` is always a documented code: a failure type that is not one (an error class name
 * such as `DatabaseError`, or anything else a dependency throws) is reported as `activity_failed`.
 */
export function documentedReason(type: string | undefined | null): string {
  if (type && (type in errorStatus || otherReasons.includes(type))) return type;
  return 'activity_failed';
}
