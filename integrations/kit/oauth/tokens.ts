import { AppError } from '../../../core/errors.js';
import type { OAuthDescriptor, OAuthSettings } from './descriptor.js';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; absent for tokens that do not expire (Intercom, Webflow, Slack without rotation). */
  expiresAt?: number;
  scope?: string;
}

/** An error the token endpoint answered with; `invalid_grant` means the grant is gone for good. */
export class OAuthError extends Error {
  override name = 'OAuthError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly response?: { headers: Record<string, string> },
  ) {
    super(message);
  }
}

async function tokenRequest(
  provider: OAuthDescriptor,
  settings: OAuthSettings,
  client: OAuthClient,
  form: Record<string, string>,
  now: number,
): Promise<TokenSet> {
  const body = new URLSearchParams(form);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (provider.clientAuth === 'basic')
    headers.authorization = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
  else {
    body.set('client_id', client.clientId);
    body.set('client_secret', client.clientSecret);
  }
  const response = await fetch(provider.tokenUrl(settings), {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const data = (await response.json().catch(() => ({}))) as Record<string, any>;
  // Slack answers 200 with {ok: false, error}; everyone else uses the HTTP status and RFC 6749 error codes.
  if (!response.ok || data.ok === false || !data.access_token) {
    const code = String(data.error ?? `http_${response.status}`);
    throw new OAuthError(
      response.status,
      code,
      `${provider.provider} token endpoint refused: ${code}${data.error_description ? ` (${data.error_description})` : ''}`,
      { headers: Object.fromEntries(response.headers) },
    );
  }
  return {
    accessToken: data.access_token,
    ...(data.refresh_token ? { refreshToken: data.refresh_token } : {}),
    ...(data.expires_in ? { expiresAt: now + Number(data.expires_in) * 1000 } : {}),
    ...(data.scope ? { scope: String(data.scope) } : {}),
  };
}

export function exchangeCode(
  provider: OAuthDescriptor,
  settings: OAuthSettings,
  client: OAuthClient,
  code: string,
  verifier: string | undefined,
  now = Date.now(),
): Promise<TokenSet> {
  return tokenRequest(
    provider,
    settings,
    client,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: client.redirectUri,
      ...(verifier ? { code_verifier: verifier } : {}),
    },
    now,
  );
}

export async function refreshTokenSet(
  provider: OAuthDescriptor,
  settings: OAuthSettings,
  client: OAuthClient,
  refreshToken: string,
  now = Date.now(),
): Promise<TokenSet> {
  const next = await tokenRequest(
    provider,
    settings,
    client,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    now,
  );
  // Providers that do not rotate keep the old refresh token valid: carry it over.
  return { ...next, refreshToken: next.refreshToken ?? refreshToken };
}

export const requireClient = (clients: Record<string, OAuthClient | undefined>, provider: string): OAuthClient => {
  const client = clients[provider];
  if (!client)
    throw new AppError(
      'not_implemented',
      `no OAuth app is configured for ${provider}: set DOCFLOW_OAUTH_${provider.toUpperCase()}_CLIENT_ID and _CLIENT_SECRET`,
    );
  return client;
};

/** The operator's OAuth apps (from the configuration), with docflow's callback URL for each. */
export function oauthClientsFrom(
  apps: Record<string, { clientId: string; clientSecret: string; baseUrl?: string } | undefined>,
  publicUrl: string,
): Record<string, (OAuthClient & { baseUrl?: string }) | undefined> {
  return Object.fromEntries(
    Object.entries(apps).map(([provider, app]) => [
      provider,
      app && { ...app, redirectUri: `${publicUrl.replace(/\/$/, '')}/oauth/${provider}/callback` },
    ]),
  );
}
