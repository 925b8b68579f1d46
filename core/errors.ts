/**
 * One error type for everything docflow refuses on purpose. The code is machine-readable and
 * maps to an HTTP status at the API edge and to a non-retryable ApplicationFailure type in activities.
 */
export const errorStatus = {
  invalid_request: 400,
  // Every request the API refuses as invalid answers 400; the codes say what was wrong.
  invalid_source: 400,
  invalid_destination: 400,
  /** Text the database can never store (NUL, lone surrogates): retrying cannot help. */
  unstorable_value: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  not_awaiting_review: 409,
  project_not_found: 404,
  edit_conflict: 409,
  draft_invalid: 422,
  branch_conflict: 409,
  integration_disconnected: 409,
  rate_limited: 429,
  not_implemented: 501,
  unavailable: 503,
  secret_key_mismatch: 500,
  state_mismatch: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorDetail {
  /** JSON path of the offending field, e.g. `destinations.0.repo`. */
  path?: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
