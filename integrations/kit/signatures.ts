import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time check of an HMAC signature header such as `sha256=<hex>`. Every provider that signs
 * webhooks with an HMAC goes through here; only the algorithm, encoding and signed text differ.
 */
export function hmacMatches(options: {
  secret: string;
  payload: Buffer | string;
  signature: string | undefined;
  algorithm?: 'sha256' | 'sha1';
  encoding?: 'hex' | 'base64';
  prefix?: string;
}): boolean {
  const { secret, payload, signature, algorithm = 'sha256', encoding = 'hex', prefix = '' } = options;
  if (!signature || !signature.startsWith(prefix)) return false;
  const expected = Buffer.from(prefix + createHmac(algorithm, secret).update(payload).digest(encoding));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
