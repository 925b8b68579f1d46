import { ErrorCode } from '@slack/web-api';
import type { ConnectionAdapter, ConnectionHealth, ProviderDeps } from '../contract.js';
import { AppError } from '../../core/errors.js';
import { assertPublicUrl } from '../kit/url-guard.js';
import { slackConnectionSchema } from './schemas.js';
import { refusedTokenErrors, slackWebClient } from './web-client.js';

/** How to connect a token-mode workspace again once Slack refuses its bot token. */
export const tokenReconnectHint =
  'Reinstall the Slack app in the workspace (or reissue its bot token), connect the new xoxb- token with POST /v1/integrations {"provider":"slack","auth":{"type":"token","botToken":"xoxb-…"},…}, point the projects at the new integration and disconnect this one (see the README, "Slack").';

/**
 * What `auth.test` says of a stored bot token: refused (`invalid_auth`, `token_revoked`,
 * `account_inactive`…) is broken; a rate limit, Slack's 5xx or no answer proves nothing.
 */
async function checkBotToken(token: unknown, baseUrl: string, allowPrivateUrls: boolean): Promise<ConnectionHealth> {
  if (typeof token !== 'string' || !token)
    return { status: 'broken', detail: 'no bot token is stored', reconnectHint: tokenReconnectHint };
  // One attempt, no waiting: the next check (15 minutes on) is the retry.
  const client = slackWebClient(token, baseUrl, allowPrivateUrls, { rejectRateLimitedCalls: true, retries: 0 });
  try {
    await client.auth.test();
    return { status: 'working' };
  } catch (error) {
    const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };
    const code = e.data?.error;
    if (e.code === ErrorCode.PlatformError && code && refusedTokenErrors[code])
      return {
        status: 'broken',
        detail: `Slack refused the bot token: auth.test answered ${code} (${refusedTokenErrors[code]})`,
        reconnectHint: tokenReconnectHint,
      };
    if (e.code === ErrorCode.RateLimitedError)
      return { status: 'unknown', detail: `Slack rate-limited auth.test (retry after ${e.retryAfter ?? '?'}s)` };
    if (e.code === ErrorCode.PlatformError) return { status: 'unknown', detail: `auth.test answered ${code}` };
    if (e.code === ErrorCode.HTTPError)
      return { status: 'unknown', detail: `Slack answered HTTP ${e.statusCode ?? '?'} to auth.test` };
    return { status: 'unknown', detail: `Slack at ${baseUrl} could not be reached (auth.test)` };
  }
}

/** Token mode (one workspace): `auth.test` proves the bot token before anything is stored, and at every health check. */
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
    check: (connection) => checkBotToken(connection.secrets.botToken, connection.baseUrl, deps.allowPrivateUrls),
  };
}
