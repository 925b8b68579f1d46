import type { WebClient } from '@slack/web-api';
import { AppError } from '../../core/errors.js';
import { findIntegration } from '../../db/repositories/integrations.js';
import type { ProviderDeps } from '../contract.js';
import { accessTokenFor } from '../kit/oauth/access-token.js';
import { slackOAuth } from './oauth.js';
import { slackWebClient } from './web-client.js';

/** Token-mode secrets; an OAuth connection stores the kit's token set instead. */
interface TokenSecrets {
  botToken?: string;
  signingSecret?: string;
}

export interface SlackClients {
  /** A client for the workspace of this connection (an OAuth token is refreshed when due). */
  forIntegration(integrationId: string, options?: { rejectRateLimitedCalls?: boolean }): Promise<WebClient>;
  /** The app's signing secret: the connection's own (token mode) or DOCFLOW_SLACK_SIGNING_SECRET (OAuth installs). */
  signingSecret(integrationId: string): Promise<string>;
  /** The bot's own user id, so its own messages do not start runs. */
  botUserId(integrationId: string): Promise<string | undefined>;
}

export const signingSecretVariable = 'DOCFLOW_SLACK_SIGNING_SECRET';

/** Credentials are opened from the vault only here. */
export function createSlackClients(deps: ProviderDeps): SlackClients {
  async function row(integrationId: string) {
    const found = await findIntegration(deps.db, integrationId);
    if (!found || found.provider !== 'slack')
      throw new AppError('integration_disconnected', `Slack integration ${integrationId} is not connected`);
    const settings = found.settings as { auth?: string; botUserId?: string };
    return { found, settings, secrets: JSON.parse(deps.secrets.open(found.sealed_secrets)) as TokenSecrets };
  }
  return {
    async forIntegration(integrationId, options) {
      const { found, settings, secrets } = await row(integrationId);
      const token =
        settings.auth === 'token'
          ? secrets.botToken!
          : await accessTokenFor(deps.db, deps.secrets, slackOAuth, deps.oauthClients, integrationId);
      return slackWebClient(token, found.base_url, deps.allowPrivateUrls, options);
    },
    async signingSecret(integrationId) {
      const { secrets } = await row(integrationId);
      const secret = secrets.signingSecret ?? deps.env[signingSecretVariable];
      if (!secret)
        throw new AppError(
          'unauthorized',
          `Slack integration ${integrationId} has no signing secret: set ${signingSecretVariable} for OAuth installs`,
        );
      return secret;
    },
    async botUserId(integrationId) {
      return (await row(integrationId)).settings.botUserId;
    },
  };
}
