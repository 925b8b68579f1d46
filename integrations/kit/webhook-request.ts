import { AppError } from '../../core/errors.js';
import { hmacMatches } from './signatures.js';

/** What every webhook receiver checks of a delivery before it reads it: headers, a signature, a JSON body. */

/** A webhook's body as JSON, or invalid_request. */
export function jsonPayload(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('invalid_request', 'webhook body is not valid JSON');
  }
}

/** A `sha256=<hex>` HMAC header of the exact bytes, or unauthorized with a hint at what to fix. */
export function requireHmacHeader(
  secret: string,
  rawBody: Buffer,
  signature: string | undefined,
  problem: string,
): void {
  if (!hmacMatches({ secret, payload: rawBody, signature, prefix: 'sha256=' }))
    throw new AppError('unauthorized', problem);
}

/** The values of headers a delivery must carry, or invalid_request naming them. */
export function requiredHeaders(headers: Record<string, string | undefined>, names: string[]): string[] {
  const values = names.map((name) => headers[name]);
  if (values.some((v) => !v)) throw new AppError('invalid_request', `${names.join(' and ')} headers are required`);
  return values as string[];
}
