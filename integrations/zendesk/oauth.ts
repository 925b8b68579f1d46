import { z } from 'zod';
import { at, type OAuthDescriptor } from '../kit/oauth/descriptor.js';

export const zendeskOAuth: OAuthDescriptor = {
  provider: 'zendesk',
  authorizeUrl: (s) => at(`https://${s.subdomain}.zendesk.com`, s, '/oauth/authorizations/new'),
  tokenUrl: (s) => at(`https://${s.subdomain}.zendesk.com`, s, '/oauth/tokens'),
  healthUrl: (s) => at(`https://${s.subdomain}.zendesk.com`, s, '/api/v2/users/me.json'),
  scopes: ['tickets:read', 'hc:read', 'hc:write'],
  scopeSeparator: ' ',
  pkce: true,
  clientAuth: 'body',
  settings: z.strictObject({ subdomain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'must be a Zendesk subdomain like "acme"') }),
};
