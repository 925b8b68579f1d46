import { AppError } from '../core/errors.js';
import type { SecretBox } from './secret-box.js';

const canaryText = 'docflow key canary';

/** Sealed when the database is first used, so that a wrong key is found at start, not at the first webhook. */
export const sealKeyCanary = (box: SecretBox): string => box.seal(canaryText);

/** Throws naming the key that sealed the data when none of the configured keys opens the canary. */
export function checkKeyCanary(box: SecretBox, canary: string): void {
  checkOpens(box, canary, (text) => text === canaryText);
}

/** The same for a database from before the canary: one of its sealed secrets must open. */
export function checkSealedSecret(box: SecretBox, sealed: string): void {
  checkOpens(box, sealed, () => true);
}

function checkOpens(box: SecretBox, sealed: string, expected: (text: string) => boolean): void {
  try {
    if (expected(box.open(sealed))) return;
  } catch {
    // Reported below with the key id, which is all an operator needs.
  }
  throw new AppError(
    'secret_key_mismatch',
    `the stored data was sealed with secret key ${box.keyIdOf(sealed)}, but DOCFLOW_SECRET_KEY is key ${box.keyId} and ` +
      'DOCFLOW_SECRET_KEYS_OLD does not hold it: set DOCFLOW_SECRET_KEY back to that key, or add it to DOCFLOW_SECRET_KEYS_OLD ' +
      '(then "docflow keys rotate" re-seals everything under the new key)',
  );
}
