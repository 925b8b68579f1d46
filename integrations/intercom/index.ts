import { connectOnlyProvider } from '../kit/connect-only-provider.js';
import { intercomOAuth } from './oauth.js';

/** Intercom workspaces (OAuth; tokens do not expire). Connecting works today (OAuth, refresh, health check, revocation); its other capabilities come next. */
export const intercom = connectOnlyProvider({ provider: 'intercom', title: 'Intercom', oauth: intercomOAuth });
