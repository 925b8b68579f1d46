import { z } from 'zod';
import { oauthDescriptor } from '../kit/oauth/descriptor.js';

export const zendeskOAuth = oauthDescriptor('zendesk', {
  scopes: ['tickets:read', 'hc:read', 'hc:write'],
  settings: z.strictObject({
    subdomain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'must be a Zendesk subdomain like "acme"'),
  }),
  authorize: 'https://{subdomain}.zendesk.com/oauth/authorizations/new',
  token: 'https://{subdomain}.zendesk.com/oauth/tokens',
  health: 'https://{subdomain}.zendesk.com/api/v2/users/me.json',
  pkce: true,
});
