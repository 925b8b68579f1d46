import { connectOnlyProvider } from '../kit/connect-only-provider.js';
import { linearOAuth } from './oauth.js';

/** Linear workspaces (OAuth with PKCE). Connecting works today (OAuth, refresh, health check, revocation); its other capabilities come next. */
export const linear = connectOnlyProvider({ provider: 'linear', title: 'Linear', oauth: linearOAuth });
