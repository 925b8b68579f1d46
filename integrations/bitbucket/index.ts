import { connectOnlyProvider } from '../kit/connect-only-provider.js';
import { bitbucketOAuth } from './oauth.js';

/** Bitbucket Cloud workspaces (OAuth; refresh tokens rotate on every use). Connecting works today (OAuth, refresh, health check, revocation); its other capabilities come next. */
export const bitbucket = connectOnlyProvider({ provider: 'bitbucket', title: 'Bitbucket', oauth: bitbucketOAuth });
