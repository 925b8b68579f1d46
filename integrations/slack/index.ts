import { connectOnlyProvider } from '../kit/connect-only-provider.js';
import { slackOAuth } from './oauth.js';

/** Slack workspaces (OAuth v2 bot install). Connecting works today (OAuth, refresh, health check, revocation); its other capabilities come next. */
export const slack = connectOnlyProvider({ provider: 'slack', title: 'Slack', oauth: slackOAuth });
