import { AppError } from '../core/errors.js';
import { parseOrThrow } from '../core/validation.js';
import { findIntegration } from '../db/repositories/integrations.js';
import type { IntegrationRow } from '../db/schema.js';
import { authorizeUrl } from '../integrations/kit/oauth/authorize-url.js';
import type { OAuthSettings } from '../integrations/kit/oauth/descriptor.js';
import { createState, readState } from '../integrations/kit/oauth/state.js';
import { exchangeCode, requireClient } from '../integrations/kit/oauth/tokens.js';
import type { ConnectionsDeps } from './connections-deps.js';
import { saveConnection } from './save-connection.js';

type Query = Record<string, string | undefined>;

/**
 * Where to send an admin to connect `provider`: its OAuth consent page (with PKCE where supported),
 * or its own install page for a connection made with credentials (an App, by `integrationId`).
 * The sealed, expiring state carries who asked and what they asked for.
 */
export async function beginConnect(
  deps: ConnectionsDeps,
  provider: string,
  query: Query,
  actor: string,
): Promise<string> {
  const { catalog } = deps.integrations;
  const descriptor = catalog.oauth(provider);
  if (descriptor) {
    const client = requireClient(deps.oauthClients, provider);
    const { integrationId: _ignored, ...fields } = query;
    const given = descriptor.settings ? parseOrThrow(descriptor.settings, fields) : {};
    const settings: OAuthSettings = {
      ...given,
      ...(deps.oauthClients[provider]?.baseUrl ? { baseUrl: deps.oauthClients[provider]!.baseUrl } : {}),
    };
    return authorizeUrl(descriptor, settings, client, (verifier) =>
      createState(deps.secrets, { provider, actor, settings, ...(verifier ? { verifier } : {}) }),
    );
  }
  if (!catalog.find(provider)) {
    throw new AppError(
      'not_found',
      `no provider "${provider}" (known: ${catalog.definitions.map((d) => d.provider).join(', ')})`,
    );
  }
  const install = deps.integrations.install(provider);
  const row = query.integrationId ? await findIntegration(deps.db, query.integrationId) : undefined;
  if (!row || row.provider !== provider) {
    throw new AppError('invalid_request', `give integrationId of a ${provider} connection to install`, [
      { path: 'integrationId', message: `not a ${provider} connection` },
    ]);
  }
  const state = createState(deps.secrets, { provider, actor, settings: { integrationId: row.id } });
  return install.installUrl(
    { id: row.id, baseUrl: row.base_url, settings: row.settings as Record<string, unknown> },
    state,
  );
}

export type ConnectOutcome =
  | { kind: 'installed'; actor: string; integrationId: string; result: Record<string, unknown> }
  | { kind: 'connected'; actor: string; row: IntegrationRow };

/** The provider's redirect back: checked against the sealed state, then the code is exchanged and the connection saved. */
export async function completeConnect(deps: ConnectionsDeps, provider: string, query: Query): Promise<ConnectOutcome> {
  if (query.error)
    throw new AppError(
      'invalid_request',
      `${provider} did not grant access: ${query.error}${query.error_description ? ` (${query.error_description})` : ''}`,
    );
  if (!query.state) throw new AppError('invalid_request', 'the callback has no state parameter');
  const state = readState(deps.secrets, query.state, provider);
  const descriptor = deps.integrations.catalog.oauth(provider);
  if (!descriptor) {
    const result = deps.integrations.install(provider).completed(query);
    return { kind: 'installed', actor: state.actor, integrationId: String(state.settings.integrationId), result };
  }
  if (!query.code) throw new AppError('invalid_request', 'the callback has no code parameter');
  const settings = state.settings as OAuthSettings;
  const tokens = await exchangeCode(
    descriptor,
    settings,
    requireClient(deps.oauthClients, provider),
    query.code,
    state.verifier,
  );
  const prepared = {
    baseUrl: new URL(descriptor.tokenUrl(settings)).origin,
    settings: {
      oauth: true,
      ...settings,
      ...(tokens.expiresAt ? { expiresAt: tokens.expiresAt } : {}),
      ...(tokens.scope ? { scope: tokens.scope } : {}),
    },
    secrets: { ...tokens },
  };
  return { kind: 'connected', actor: state.actor, row: await saveConnection(deps, provider, prepared, state.actor) };
}
