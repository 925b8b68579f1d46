/**
 * What docflow needs to know to run OAuth 2.0 with each provider. URLs are functions of the
 * connection's settings (Zendesk lives on the customer's subdomain) and of an optional base URL
 * override (tests point every provider at a local authorization server).
 */
export interface OAuthProvider {
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
  /** Fields the connect request must give (e.g. the Zendesk subdomain). */
  settings: string[];
}

export interface OAuthSettings {
  /** Replaces the provider's origin (tests, proxies). */
  baseUrl?: string;
  subdomain?: string;
  [key: string]: unknown;
}

const at = (fallback: string, settings: OAuthSettings, path: string) => `${(settings.baseUrl ?? fallback).replace(/\/$/, '')}${path}`;

export const oauthProviders: Record<string, OAuthProvider> = {
  slack: {
    provider: 'slack',
    authorizeUrl: (s) => at('https://slack.com', s, '/oauth/v2/authorize'),
    tokenUrl: (s) => at('https://slack.com', s, '/api/oauth.v2.access'),
    revokeUrl: (s) => at('https://slack.com', s, '/api/auth.revoke'),
    healthUrl: (s) => at('https://slack.com', s, '/api/auth.test'),
    scopes: ['app_mentions:read', 'chat:write', 'commands', 'channels:history', 'groups:history'],
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    settings: [],
  },
  zendesk: {
    provider: 'zendesk',
    authorizeUrl: (s) => at(`https://${s.subdomain}.zendesk.com`, s, '/oauth/authorizations/new'),
    tokenUrl: (s) => at(`https://${s.subdomain}.zendesk.com`, s, '/oauth/tokens'),
    healthUrl: (s) => at(`https://${s.subdomain}.zendesk.com`, s, '/api/v2/users/me.json'),
    scopes: ['tickets:read', 'hc:read', 'hc:write'],
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'body',
    settings: ['subdomain'],
  },
  linear: {
    provider: 'linear',
    authorizeUrl: (s) => at('https://linear.app', s, '/oauth/authorize'),
    tokenUrl: (s) => at('https://api.linear.app', s, '/oauth/token'),
    revokeUrl: (s) => at('https://api.linear.app', s, '/oauth/revoke'),
    healthUrl: (s) => at('https://api.linear.app', s, '/graphql'),
    scopes: ['read'],
    scopeSeparator: ',',
    pkce: true,
    clientAuth: 'body',
    settings: [],
  },
  intercom: {
    provider: 'intercom',
    authorizeUrl: (s) => at('https://app.intercom.com', s, '/oauth'),
    tokenUrl: (s) => at('https://api.intercom.io', s, '/auth/eagle/token'),
    healthUrl: (s) => at('https://api.intercom.io', s, '/me'),
    scopes: [],
    scopeSeparator: ' ',
    pkce: false,
    clientAuth: 'body',
    settings: [],
  },
  webflow: {
    provider: 'webflow',
    authorizeUrl: (s) => at('https://webflow.com', s, '/oauth/authorize'),
    tokenUrl: (s) => at('https://api.webflow.com', s, '/oauth/access_token'),
    healthUrl: (s) => at('https://api.webflow.com', s, '/v2/token/introspect'),
    scopes: ['cms:read', 'cms:write', 'sites:read'],
    scopeSeparator: ' ',
    pkce: false,
    clientAuth: 'body',
    settings: [],
  },
  bitbucket: {
    provider: 'bitbucket',
    authorizeUrl: (s) => at('https://bitbucket.org', s, '/site/oauth2/authorize'),
    tokenUrl: (s) => at('https://bitbucket.org', s, '/site/oauth2/access_token'),
    healthUrl: (s) => at('https://api.bitbucket.org', s, '/2.0/user'),
    scopes: ['repository:write', 'pullrequest:write', 'webhook'],
    scopeSeparator: ' ',
    pkce: false,
    clientAuth: 'basic',
    settings: [],
  },
};
