import { AppError } from '../../core/errors.js';
import type { ConnectionAdapter, ProviderDeps } from '../contract.js';
import { checkBaseUrl, webflowCall, webflowClient } from './client.js';
import { webflowConnectionSchema } from './schemas.js';

const neededScopes = ['cms:read', 'cms:write', 'sites:read'];

/**
 * `POST /v1/integrations` with a site token: `GET /token/introspect` must accept it and its scopes
 * must include CMS read and write; `GET /sites` names the sites it reaches, shown as the connection's
 * identity. OAuth connections go through the generic flow instead.
 */
export function webflowConnection(deps: ProviderDeps): ConnectionAdapter {
  return {
    async prepare(body) {
      const connection = webflowConnectionSchema.parse(body);
      const { auth } = connection;
      if (auth.type === 'oauth')
        throw new AppError(
          'invalid_request',
          'Webflow OAuth connections are made by visiting GET /v1/integrations/webflow/connect as an admin',
          [{ path: 'auth.type', message: 'use the OAuth connect route' }],
        );
      const baseUrl = connection.baseUrl.replace(/\/$/, '');
      await checkBaseUrl(baseUrl, deps.allowPrivateUrls);
      const client = webflowClient(baseUrl, async () => auth.token);
      const refused = (status: number) =>
        new AppError('invalid_request', `Webflow at ${baseUrl} refused the token (HTTP ${status})`, [
          { path: 'auth.token', message: `answered ${status}` },
        ]);
      const reach = async <T>(path: string, call: () => Promise<T>): Promise<T> => {
        try {
          const answer = await webflowCall({ method: 'GET', path }, call, refused);
          if (answer === undefined)
            throw new AppError(
              'invalid_request',
              `${baseUrl}${path} does not exist: is baseUrl Webflow's Data API v2?`,
              [{ path: 'baseUrl', message: 'answered 404' }],
            );
          return answer;
        } catch (error) {
          if (error instanceof AppError && error.code === 'integration_disconnected') throw refused(401);
          if (error instanceof AppError) throw error;
          const why = error instanceof Error ? error.message : String(error);
          throw new AppError('invalid_request', `Webflow at ${baseUrl} could not be reached: ${why}`, [
            { path: 'baseUrl', message: 'unreachable' },
          ]);
        }
      };
      const introspection = await reach('/token/introspect', () => client.token.introspect());
      const scopes = (introspection.authorization?.scope ?? '').split(/[\s,]+/).filter(Boolean);
      const missing = neededScopes.filter((s) => !scopes.includes(s));
      if (missing.length > 0)
        throw new AppError('invalid_request', `the Webflow token lacks the scopes ${missing.join(', ')}`, [
          { path: 'auth.token', message: `needs ${neededScopes.join(', ')}; has ${scopes.join(', ') || 'none'}` },
        ]);
      const { sites = [] } = await reach('/sites', () => client.sites.list());
      if (sites.length === 0)
        throw new AppError('invalid_request', 'the Webflow token reaches no site', [
          { path: 'auth.token', message: 'GET /sites answered no site' },
        ]);
      return {
        baseUrl,
        settings: {
          auth: 'token',
          identity: {
            sites: sites.map((s) => `${s.displayName ?? s.shortName ?? s.id} (${s.id})`).join(', '),
            scope: scopes.join(' '),
          },
        },
        secrets: { token: auth.token },
      };
    },
  };
}
