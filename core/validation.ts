import type { z } from 'zod';
import { AppError, type ErrorDetail } from './errors.js';

/** Turns zod issues into field-path details: `destinations.0.repo: must be an absolute path`. */
export function validationError(
  error: z.ZodError,
  prefix: string[] = [],
  code: AppError['code'] = 'invalid_request',
): AppError {
  const details: ErrorDetail[] = error.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: 'unknown field' }));
    }
    return [{ path: base.join('.') || '(body)', message: issue.message }];
  });
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return new AppError(code, `invalid request: ${summary}`, details);
}

export function parseOrThrow<T>(
  schema: z.ZodType<T>,
  value: unknown,
  prefix: string[] = [],
  code: AppError['code'] = 'invalid_request',
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, prefix, code);
  return result.data;
}
