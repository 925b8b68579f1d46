import { AppError } from '../../../core/errors.js';
import type { ConnectionAdapter, ProviderDeps } from '../../contract.js';
import { assertPublicUrl } from '../../kit/url-guard.js';
import { safeFetch } from '../../kit/safe-fetch.js';
import { tokenAuthorization, zendeskRequester } from './client.js';
import { zendeskConnectionSchema } from './schemas.js';

/** An API-token connection, proved with `GET /api/v2/users/me` before anything is stored. */
export function zendeskTokenConnection(deps: ProviderDeps): ConnectionAdapter {
  return {
    async prepare(body) {
      const c = zendeskConnectionSchema.parse(body);
      const baseUrl = (c.baseUrl ?? `https://${c.subdomain}.zendesk.com`).replace(/\/$/, '');
      await assertPublicUrl(baseUrl, deps.allowPrivateUrls);
      const request = zendeskRequester(
        baseUrl,
        async () => tokenAuthorization(c.email, c.token),
        safeFetch({ allowPrivate: deps.allowPrivateUrls }),
      );
      const me = await request<{ user: { id: number | null; role?: string } }>('GET', '/api/v2/users/me').catch(
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'integration_disconnected')
            throw new AppError('invalid_request', 'Zendesk refused this email and API token', [
              { path: 'token', message: 'not accepted by Zendesk' },
            ]);
          throw error;
        },
      );
      // Zendesk answers unauthenticated requests with an anonymous user (id null) rather than 401.
      if (!me?.user.id)
        throw new AppError('invalid_request', 'Zendesk did not recognise this email and API token', [
          { path: 'token', message: 'not accepted by Zendesk' },
        ]);
      return {
        baseUrl,
        settings: { auth: 'token', subdomain: c.subdomain, email: c.email, userId: me.user.id },
        secrets: { token: c.token },
      };
    },
  };
}
