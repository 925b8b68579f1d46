import { connectOnlyProvider } from '../kit/connect-only-provider.js';
import { zendeskOAuth } from './oauth.js';

/** Zendesk Support and Help Center (OAuth on the customer's subdomain; refresh tokens rotate). Connecting works today (OAuth, refresh, health check, revocation); its other capabilities come next. */
export const zendesk = connectOnlyProvider({ provider: 'zendesk', title: 'Zendesk', oauth: zendeskOAuth });
