import { AppError } from '../../core/errors.js';
import type { ConnectionAdapter, ConnectionHealth, ProviderDeps } from '../contract.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { assertPublicUrl } from '../kit/url-guard.js';
import { basicAuthorization, zendeskApi, ZendeskHttpError, type ZendeskApi } from './http.js';
import { zendeskConnectionSchema } from './schemas.js';

/**
 * `POST /v1/integrations` with an API token: `GET /api/v2/users/me` must answer with a signed-in
 * user (Zendesk answers an anonymous user, id null, to bad credentials rather than 401 on some plans).
 * OAuth connections go through the generic flow instead.
 */
export function zendeskConnection(deps: ProviderDeps): ConnectionAdapter {
  const fetch = safeFetch({ allowPrivate: deps.allowPrivateUrls });
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
      const me = await whoAmI(zendeskApi(baseUrl, async () => basicAuthorization(auth.email, auth.apiToken), fetch));
      if ('status' in me)
        throw new AppError('invalid_request', `Zendesk at ${baseUrl} refused the API token: ${me.error.message}`, [
          { path: me.status === 404 ? 'baseUrl' : 'auth.apiToken', message: `answered ${me.status}` },
        ]);
      if ('unreachable' in me)
        throw new AppError('invalid_request', `Zendesk at ${baseUrl} could not be reached: ${me.unreachable}`, [
          { path: connection.baseUrl ? 'baseUrl' : 'subdomain', message: me.unreachable },
        ]);
      if (!me.signedIn)
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
    async check({ baseUrl, settings, secrets }) {
      const email = String(settings.email);
      const me = await whoAmI(
        zendeskApi(baseUrl, async () => basicAuthorization(email, String(secrets.apiToken)), fetch),
      );
      return tokenHealth(me, baseUrl, email);
    },
  };
}

type WhoAmI =
  { signedIn: boolean } | { status: number; error: ZendeskHttpError } | { unreachable: string; refused: boolean };

/** `GET /api/v2/users/me`: signed in, anonymous (bad credentials on some plans), refused with a status, or no answer. */
async function whoAmI(api: ZendeskApi): Promise<WhoAmI> {
  try {
    const me = await api.get<{ user?: { id?: number | null } }>('/api/v2/users/me.json');
    return { signedIn: typeof me.user?.id === 'number' };
  } catch (error) {
    if (error instanceof ZendeskHttpError) return { status: error.status, error };
    const refused = [error, (error as { cause?: unknown }).cause].find(
      (e): e is Error => (e as Error | undefined)?.name === 'RefusedDestinationError',
    );
    return { unreachable: refused ? refused.message : 'unreachable', refused: !!refused };
  }
}

/** The stored API token's health: refused (401, 403), an anonymous user or an account gone (404) is broken; 429, 5xx or no answer proves nothing. */
function tokenHealth(me: WhoAmI, baseUrl: string, email: string): ConnectionHealth {
  if ('signedIn' in me)
    return me.signedIn
      ? { status: 'working' }
      : {
          status: 'broken',
          detail: `Zendesk at ${baseUrl} no longer recognises ${email} and its API token (GET /api/v2/users/me answered an anonymous user)`,
        };
  if ('status' in me) {
    if ([401, 403, 404].includes(me.status))
      return { status: 'broken', detail: `Zendesk at ${baseUrl} refused the API token: ${me.error.message}` };
    return { status: 'unknown', detail: me.error.message };
  }
  return me.refused
    ? { status: 'broken', detail: `docflow refuses ${baseUrl} now: ${me.unreachable}` }
    : { status: 'unknown', detail: `Zendesk at ${baseUrl} could not be reached` };
}
