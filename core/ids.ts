import { createHash, randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** `prefix_` + 20 random Crockford base32 characters (100 bits). */
export function newId(prefix: string): string {
  const bytes = randomBytes(20);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 32];
  return `${prefix}_${out}`;
}

/** A deterministic id for a key: the same (project, change) always maps to the same run. */
export function stableId(prefix: string, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\0')).digest();
  let out = '';
  for (const byte of digest.subarray(0, 20)) out += alphabet[byte % 32];
  return `${prefix}_${out}`;
}
