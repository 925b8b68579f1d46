import type { ZodType } from 'zod';

/**
 * What docflow needs to know to run OAuth 2.0 with a provider (each provider folder declares its own). URLs are functions of the
 * connection's settings (Zendesk lives on the customer's subdomain) and of an optional base URL
 * override (tests point every provider at a local authorization server).
 */
export interface OAuthDescriptor {
  provider: string;
  authorizeUrl(settings: OAuthSettings): string;
  tokenUrl(settings: OAuthSettings): string;
  revokeUrl?(settings: OAuthSettings): string;
  /** A cheap authenticated GET that proves the token works (the health check). */
  healthUrl(settings: OAuthSettings): string;
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

/** `path` on the provider's origin, or on the override in `settings.baseUrl`. */
export const at = (fallback: string, settings: OAuthSettings, path: string) => `${(settings.baseUrl ?? fallback).replace(/\/$/, '')}${path}`;
