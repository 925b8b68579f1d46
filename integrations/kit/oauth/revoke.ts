import type { IntegrationRow } from '../../../db/schema.js';
import type { SecretBox } from '../../../secrets/secret-box.js';
import type { OAuthDescriptor, OAuthSettings } from './descriptor.js';
import type { OAuthClient, TokenSet } from './tokens.js';

/**
 * Revokes an OAuth connection's token at the provider, where the provider offers an endpoint.
 * Returns what happened, for the audit log; the stored credentials are wiped either way.
 */
export async function revokeAtProvider(
  descriptor: OAuthDescriptor | undefined,
  row: IntegrationRow,
  box: SecretBox,
  clients: Record<string, OAuthClient | undefined>,
): Promise<'revoked' | 'not_supported' | 'failed'> {
  if (!descriptor?.revokeUrl || !(row.settings as { oauth?: boolean }).oauth) return 'not_supported';
  try {
    const tokens = JSON.parse(box.open(row.sealed_secrets)) as TokenSet;
    const client = clients[row.provider];
    const form = new URLSearchParams({
      token: tokens.accessToken,
      ...(client ? { client_id: client.clientId, client_secret: client.clientSecret } : {}),
    });
    const response = await fetch(descriptor.revokeUrl(row.settings as OAuthSettings), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${tokens.accessToken}` },
      body: form,
      signal: AbortSignal.timeout(15_000),
    });
    return response.ok ? 'revoked' : 'failed';
  } catch {
    return 'failed';
  }
}
