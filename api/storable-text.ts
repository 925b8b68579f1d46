import { AppError } from '../core/errors.js';

// PostgreSQL text and jsonb cannot hold NUL; a lone UTF-16 surrogate cannot be encoded as UTF-8 at all.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The JSON path of the first string (value or key) that the database could never store, if any. */
export function unstorablePath(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return unstorable.test(value) ? path.join('.') || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorablePath(item, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (unstorable.test(key)) return [...path, key.replace(unstorable, '?')].join('.');
      const found = unstorablePath(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Refuses a request whose body or query holds text the database cannot store, naming the field. */
export function assertStorable(parts: { body?: unknown; query?: unknown }): void {
  for (const [where, value] of Object.entries(parts)) {
    const path = unstorablePath(value);
    if (path === undefined) continue;
    const field = where === 'query' ? `query.${path}` : path;
    const message = 'contains a NUL character or a lone UTF-16 surrogate, which cannot be stored';
    throw new AppError('invalid_request', `invalid request: ${field}: ${message}`, [{ path: field, message }]);
  }
}
