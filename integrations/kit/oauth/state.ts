import { randomBytes } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { SecretBox } from '../../../secrets/secret-box.js';

export interface OAuthState {
  provider: string;
  /** Who started the connection; recorded on the integration. */
  actor: string;
  settings: Record<string, unknown>;
  /** PKCE code verifier, kept inside the (encrypted) state rather than in a table. */
  verifier?: string;
  nonce: string;
  expiresAt: number;
}

const lifetimeMs = 10 * 60_000;

/** The `state` parameter: sealed (AES-256-GCM, so signed and private), expiring after ten minutes. */
export function createState(box: SecretBox, state: Omit<OAuthState, 'nonce' | 'expiresAt'>, now = Date.now()): string {
  const sealed = box.seal(
    JSON.stringify({ ...state, nonce: randomBytes(16).toString('base64url'), expiresAt: now + lifetimeMs }),
  );
  return Buffer.from(sealed).toString('base64url');
}

export function readState(box: SecretBox, text: string, provider: string, now = Date.now()): OAuthState {
  let state: OAuthState;
  try {
    state = JSON.parse(box.open(Buffer.from(text, 'base64url').toString('utf8'))) as OAuthState;
  } catch {
    throw new AppError(
      'invalid_request',
      'the OAuth state is not one docflow issued (tampered, or from another installation)',
    );
  }
  if (state.provider !== provider)
    throw new AppError('invalid_request', `the OAuth state was issued for ${state.provider}, not ${provider}`);
  if (state.expiresAt < now)
    throw new AppError('invalid_request', 'the OAuth state has expired; start the connection again');
  return state;
}
