import { createHash, randomBytes } from 'node:crypto';
import type { OAuthDescriptor, OAuthSettings } from './descriptor.js';
import type { OAuthClient } from './tokens.js';

/** The provider's authorize URL, with PKCE (S256) where the provider supports it. */
export function authorizeUrl(
  provider: OAuthDescriptor,
  settings: OAuthSettings,
  client: OAuthClient,
  state: (verifier?: string) => string,
): string {
  const verifier = provider.pkce ? randomBytes(32).toString('base64url') : undefined;
  const url = new URL(provider.authorizeUrl(settings));
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', client.redirectUri);
  url.searchParams.set('response_type', 'code');
  if (provider.scopes.length) url.searchParams.set('scope', provider.scopes.join(provider.scopeSeparator));
  url.searchParams.set('state', state(verifier));
  if (verifier) {
    url.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.toString();
}
