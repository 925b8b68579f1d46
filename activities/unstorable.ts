import { AppError } from '../core/errors.js';

// 22021: invalid byte sequence (NUL in text); 22P05: untranslatable character (\u0000 in jsonb).
const neverStorable = new Set(['22021', '22P05']);

/**
 * A value PostgreSQL refuses on every attempt becomes a non-retryable failure with a clear reason,
 * instead of an activity retried for ever. The database's message (which may quote the value) is not kept.
 */
export async function refuseUnstorable<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && neverStorable.has(code)) {
      throw new AppError(
        'unstorable_value',
        `${what} holds text the database cannot store (a NUL character or an invalid UTF-8 sequence)`,
      );
    }
    throw error;
  }
}
