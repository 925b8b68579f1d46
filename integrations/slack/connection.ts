import type { ConnectionAdapter, ProviderDeps } from '../contract.js';
import { AppError } from '../../core/errors.js';
import { assertPublicUrl } from '../kit/url-guard.js';
import { slackConnectionSchema } from './schemas.js';
import { slackWebClient } from './web-client.js';

/** Token mode (one workspace): `auth.test` proves the bot token before anything is stored. */
export function slackConnection(deps: ProviderDeps): ConnectionAdapter {
  return {
    async prepare(body) {
      const connection = slackConnectionSchema.parse(body);
      const baseUrl = connection.baseUrl.replace(/\/$/, '');
      await assertPublicUrl(baseUrl, deps.allowPrivateUrls);
      if (!deps.allowPrivateUrls && !baseUrl.startsWith('https://'))
        throw new AppError('invalid_request', 'baseUrl must be an https URL', [
          { path: 'baseUrl', message: 'not https' },
        ]);
      const client = slackWebClient(connection.auth.botToken, baseUrl, deps.allowPrivateUrls);
      let identity;
      try {
        identity = await client.auth.test();
      } catch (error) {
        const code = (error as { data?: { error?: string }; code?: string }).data?.error;
        if (code)
          throw new AppError(
            'invalid_request',
            `Slack at ${baseUrl} refused the bot token: auth.test answered ${code}`,
            [{ path: 'auth.botToken', message: `auth.test answered ${code}` }],
          );
        throw new AppError(
          'invalid_request',
          `Slack at ${baseUrl} could not be reached to check the token (auth.test)`,
          [{ path: 'baseUrl', message: 'unreachable' }],
        );
      }
      return {
        baseUrl,
        settings: {
          auth: 'token',
          ...(identity.team ? { team: identity.team } : {}),
          ...(identity.team_id ? { teamId: identity.team_id } : {}),
          ...(identity.user_id ? { botUserId: identity.user_id } : {}),
          // Shown in the connect answer (`identity`), so the admin sees which workspace and bot were connected.
          identity: Object.fromEntries(
            Object.entries({
              workspace: identity.team,
              workspaceId: identity.team_id,
              botUser: identity.user,
              botUserId: identity.user_id,
            }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
          ),
        },
        secrets: { botToken: connection.auth.botToken, signingSecret: connection.signingSecret },
      };
    },
  };
}
