import { AppError } from '../../core/errors.js';
import type { ConnectionAdapter, ProviderDeps } from '../contract.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { assertPublicUrl } from '../kit/url-guard.js';
import { basicAuthorization, zendeskApi, ZendeskHttpError } from './http.js';
import { zendeskConnectionSchema } from './schemas.js';

/**
 * `POST /v1/integrations` with an API token: `GET /api/v2/users/me` must answer with a signed-in
 * user (Zendesk answers an anonymous user, id null, to bad credentials rather than 401 on some plans).
 * OAuth connections go through the generic flow instead.
 */
export function zendeskConnection(deps: ProviderDeps): ConnectionAdapter {
  return {
    async prepare(body) {
      const connection = zendeskConnectionSchema.parse(body);
      const { auth } = connection;
      if (auth.type === 'oauth') {
        throw new AppError(
          'invalid_request',
          'Zendesk OAuth connections are made by visiting GET /v1/integrations/zendesk/connect?subdomain=<subdomain> as an admin',
          [{ path: 'auth.type', message: 'use the OAuth connect route' }],
        );
      }
      const baseUrl = (connection.baseUrl ?? `https://${connection.subdomain}.zendesk.com`).replace(/\/$/, '');
      await assertPublicUrl(baseUrl, deps.allowPrivateUrls);
      const api = zendeskApi(
        baseUrl,
        async () => basicAuthorization(auth.email, auth.apiToken),
        safeFetch({ allowPrivate: deps.allowPrivateUrls }),
      );
      let me: { user?: { id?: number | null } };
      try {
        me = await api.get('/api/v2/users/me.json');
      } catch (error) {
        if (error instanceof ZendeskHttpError)
          throw new AppError('invalid_request', `Zendesk at ${baseUrl} refused the API token: ${error.message}`, [
            { path: error.status === 404 ? 'baseUrl' : 'auth.apiToken', message: `answered ${error.status}` },
          ]);
        const refused = [error, (error as { cause?: unknown }).cause].find(
          (e): e is Error => (e as Error | undefined)?.name === 'RefusedDestinationError',
        );
        const why = refused ? refused.message : 'unreachable';
        throw new AppError('invalid_request', `Zendesk at ${baseUrl} could not be reached: ${why}`, [
          { path: connection.baseUrl ? 'baseUrl' : 'subdomain', message: why },
        ]);
      }
      if (typeof me.user?.id !== 'number')
        throw new AppError(
          'invalid_request',
          `Zendesk at ${baseUrl} did not recognise ${auth.email} and its API token`,
          [{ path: 'auth.apiToken', message: 'GET /api/v2/users/me answered an anonymous user' }],
        );
      return {
        baseUrl,
        settings: {
          auth: 'token',
          email: auth.email,
          ...(connection.subdomain ? { subdomain: connection.subdomain } : {}),
        },
        secrets: {
          apiToken: auth.apiToken,
          ...(connection.webhookSecret ? { webhookSecret: connection.webhookSecret } : {}),
        },
      };
    },
  };
}
