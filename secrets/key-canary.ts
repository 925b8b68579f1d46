import { AppError } from '../domain/errors.js';
import type { SecretBox } from './secret-box.js';

const canaryText = 'docflow key canary';

/** Sealed when the database is first used, so that a wrong key is found at start, not at the first webhook. */
export const sealKeyCanary = (box: SecretBox): string => box.seal(canaryText);

/** Throws naming the key that sealed the data when none of the configured keys opens the canary. */
export function checkKeyCanary(box: SecretBox, canary: string): void {
  let opened: string | undefined;
  try {
    opened = box.open(canary);
  } catch {
    // Reported below with the key id, which is all an operator needs.
  }
  if (opened === canaryText) return;
  throw new AppError(
    'secret_key_mismatch',
    `the stored data was sealed with secret key ${box.keyIdOf(canary)}, but DOCFLOW_SECRET_KEY is key ${box.keyId} and ` +
      'DOCFLOW_SECRET_KEYS_OLD does not hold it: set DOCFLOW_SECRET_KEY back to that key, or add it to DOCFLOW_SECRET_KEYS_OLD ' +
      '(then "docflow keys rotate" re-seals everything under the new key)',
  );
}
