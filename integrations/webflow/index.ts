import { connectOnlyProvider } from '../kit/connect-only-provider.js';
import { webflowOAuth } from './oauth.js';

/** Webflow sites (OAuth). Connecting works today (OAuth, refresh, health check, revocation); its other capabilities come next. */
export const webflow = connectOnlyProvider({ provider: 'webflow', title: 'Webflow', oauth: webflowOAuth });
