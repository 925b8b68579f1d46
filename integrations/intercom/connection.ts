import { IntercomError } from 'intercom-client';
import { AppError } from '../../core/errors.js';
import type { ConnectionAdapter, ProviderDeps } from '../contract.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { assertPublicUrl } from '../kit/url-guard.js';
import { intercomClient, intercomMessage } from './http.js';
import { intercomConnectionSchema, intercomRegions } from './schemas.js';

/**
 * `POST /v1/integrations` with an access token: `GET /me` must answer with the admin and the workspace
 * (its app id code and name are reported and kept). OAuth connections go through the generic flow.
 */
export function intercomConnection(deps: ProviderDeps): ConnectionAdapter {
  return {
    async prepare(body) {
      const connection = intercomConnectionSchema.parse(body);
      const { auth } = connection;
      if (auth.type === 'oauth')
        throw new AppError(
          'invalid_request',
          'Intercom OAuth connections are made by visiting GET /v1/integrations/intercom/connect as an admin',
          [{ path: 'auth.type', message: 'use the OAuth connect route, or an access token here' }],
        );
      const baseUrl = (connection.baseUrl ?? intercomRegions[connection.region ?? 'us']).replace(/\/$/, '');
      await assertPublicUrl(baseUrl, deps.allowPrivateUrls);
      const client = intercomClient(
        baseUrl,
        async () => auth.accessToken,
        safeFetch({ allowPrivate: deps.allowPrivateUrls }),
      );
      let me: Awaited<ReturnType<typeof client.admins.identify>>;
      try {
        me = await client.admins.identify();
      } catch (error) {
        if (error instanceof IntercomError && error.statusCode !== undefined)
          throw new AppError(
            'invalid_request',
            `Intercom at ${baseUrl} refused the access token (${error.statusCode})${intercomMessage(error.body) ? `: ${intercomMessage(error.body)}` : ''}`,
            [
              {
                path: error.statusCode === 404 ? 'baseUrl' : 'auth.accessToken',
                message: `answered ${error.statusCode}`,
              },
            ],
          );
        const refused = [error, (error as { cause?: unknown }).cause].find(
          (e): e is Error => (e as Error | undefined)?.name === 'RefusedDestinationError',
        );
        const why = refused ? refused.message : 'unreachable';
        throw new AppError('invalid_request', `Intercom at ${baseUrl} could not be reached: ${why}`, [
          { path: connection.baseUrl ? 'baseUrl' : 'region', message: why },
        ]);
      }
      const appId = me?.app?.id_code;
      if (!me?.id || !appId)
        throw new AppError(
          'invalid_request',
          `Intercom at ${baseUrl} did not say which admin and workspace the token is for`,
          [{ path: 'auth.accessToken', message: 'GET /me answered no admin or app' }],
        );
      return {
        baseUrl,
        settings: {
          auth: 'token',
          ...(connection.region ? { region: connection.region } : {}),
          appId,
          adminId: String(me.id),
          // Shown by GET /v1/integrations: which workspace and admin the token acts as.
          identity: {
            appId,
            ...(me.app?.name ? { workspace: me.app.name } : {}),
            ...(me.email ? { admin: me.email } : {}),
          },
        },
        secrets: {
          accessToken: auth.accessToken,
          ...(connection.clientSecret ? { clientSecret: connection.clientSecret } : {}),
        },
      };
    },
  };
}
