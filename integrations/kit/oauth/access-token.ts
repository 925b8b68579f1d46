import type { Db } from '../../../db/database.js';
import { AppError } from '../../../core/errors.js';
import type { SecretBox } from '../../../secrets/secret-box.js';
import type { OAuthDescriptor, OAuthSettings } from './descriptor.js';
import { OAuthError, refreshTokenSet, requireClient, type OAuthClient, type TokenSet } from './tokens.js';

/** Refresh this long before expiry, so a token never expires mid-request. */
const refreshMarginMs = 5 * 60_000;

/**
 * A valid access token for an OAuth connection, refreshed when it is about to expire. The refresh
 * runs under the connection row's lock (SELECT … FOR UPDATE): one refresh at a time across every
 * worker, and the new pair is stored before anyone uses it, so providers that rotate refresh tokens
 * (each refresh invalidates the last) can never be sent a stale one.
 */
export async function accessTokenFor(
  db: Db,
  box: SecretBox,
  descriptor: OAuthDescriptor,
  clients: Record<string, OAuthClient | undefined>,
  integrationId: string,
  now = Date.now,
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('integrations')
      .selectAll()
      .where('id', '=', integrationId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('integration_disconnected', `integration ${integrationId} is not connected`);
    const tokens = JSON.parse(box.open(row.sealed_secrets)) as TokenSet;
    const settings = row.settings as OAuthSettings & { expiresAt?: number };
    if (!settings.expiresAt || settings.expiresAt - refreshMarginMs > now()) return tokens.accessToken;
    if (!tokens.refreshToken)
      throw new AppError(
        'integration_disconnected',
        `the ${row.provider} token of ${integrationId} expired and cannot be refreshed; connect again`,
      );
    let next: TokenSet;
    try {
      next = await refreshTokenSet(
        descriptor,
        settings,
        requireClient(clients, row.provider),
        tokens.refreshToken,
        now(),
      );
    } catch (error) {
      if (error instanceof OAuthError && error.code === 'invalid_grant') {
        await tx.updateTable('integrations').set({ status: 'broken' }).where('id', '=', integrationId).execute();
        throw new AppError(
          'integration_disconnected',
          `${row.provider} no longer accepts the refresh token of ${integrationId}; connect again`,
        );
      }
      throw error;
    }
    await tx
      .updateTable('integrations')
      .set({
        sealed_secrets: box.seal(JSON.stringify(next)),
        settings: JSON.stringify({ ...settings, expiresAt: next.expiresAt }),
      })
      .where('id', '=', integrationId)
      .execute();
    return next.accessToken;
  });
}
