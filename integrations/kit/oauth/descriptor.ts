import type { ZodType } from 'zod';

/**
 * What docflow needs to know to run OAuth 2.0 with a provider (each provider folder declares its own).
 * URLs are functions of the connection's settings (a help center on the customer's subdomain) and of
 * an optional base URL override (tests and proxies point a provider at another origin).
 */
export interface OAuthDescriptor {
  provider: string;
  authorizeUrl(settings: OAuthSettings): string;
  tokenUrl(settings: OAuthSettings): string;
  revokeUrl?(settings: OAuthSettings): string;
  /** A cheap authenticated GET that proves the token works (the health check). */
  healthUrl(settings: OAuthSettings): string;
  /** What a 2xx health answer's body says of a refused token (a provider that answers 200 `ok: false`); undefined when it works. */
  healthRefusal?(body: unknown): string | undefined;
  scopes: string[];
  scopeSeparator: ' ' | ',';
  pkce: boolean;
  /** `basic`: client id and secret in an Authorization header; `body`: in the form. */
  clientAuth: 'basic' | 'body';
  /** Query fields the connect request must give (the Zendesk subdomain), validated. */
  settings?: ZodType<Record<string, string>>;
}

export interface OAuthSettings {
  /** Replaces the provider's origin (tests, proxies). */
  baseUrl?: string;
  subdomain?: string;
  [key: string]: unknown;
}

/** What a provider folder writes: its endpoints as URLs (`{subdomain}` filled from the settings), scopes, and quirks. */
export interface OAuthSpec {
  scopes: string[];
  authorize: string;
  token: string;
  revoke?: string;
  /** A cheap authenticated GET that proves the token works. */
  health: string;
  /** Reads a refusal from a 2xx health answer's body (see `OAuthDescriptor.healthRefusal`). */
  healthRefusal?(body: unknown): string | undefined;
  scopeSeparator?: ' ' | ',';
  pkce?: boolean;
  clientAuth?: 'basic' | 'body';
  settings?: ZodType<Record<string, string>>;
}

/** A URL template on the provider's origin, or on the origin in `settings.baseUrl` when one is set. */
function endpoint(template: string): (settings: OAuthSettings) => string {
  return (settings) => {
    const url = new URL(template.replace('{subdomain}', String(settings.subdomain ?? '')));
    return settings.baseUrl ? `${settings.baseUrl.replace(/\/$/, '')}${url.pathname}` : url.toString();
  };
}

export function oauthDescriptor(provider: string, spec: OAuthSpec): OAuthDescriptor {
  return {
    provider,
    authorizeUrl: endpoint(spec.authorize),
    tokenUrl: endpoint(spec.token),
    ...(spec.revoke ? { revokeUrl: endpoint(spec.revoke) } : {}),
    healthUrl: endpoint(spec.health),
    scopes: spec.scopes,
    scopeSeparator: spec.scopeSeparator ?? ' ',
    pkce: spec.pkce ?? false,
    clientAuth: spec.clientAuth ?? 'body',
    ...(spec.settings ? { settings: spec.settings } : {}),
    ...(spec.healthRefusal ? { healthRefusal: spec.healthRefusal } : {}),
  };
}
