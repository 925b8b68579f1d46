import { AppError } from '../../core/errors.js';
import type { ConnectionAdapter, ProviderDeps } from '../contract.js';
import { ProviderHttpError } from '../kit/provider-http-error.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { assertPublicUrl } from '../kit/url-guard.js';
import { linearApi } from './client.js';
import { apiOrigin } from './clients.js';
import { LinearAuthError } from './errors.js';
import { linearConnectionSchema } from './schemas.js';

/**
 * `POST /v1/integrations` with a personal API key: the `viewer` and `organization` queries must answer,
 * and the organization is reported back (`identity`). OAuth connections go through the generic flow.
 */
export function linearConnection(deps: ProviderDeps): ConnectionAdapter {
  return {
    async prepare(body) {
      const connection = linearConnectionSchema.parse(body);
      const { auth } = connection;
      if (auth.type === 'oauth')
        throw new AppError(
          'invalid_request',
          'Linear OAuth connections are made by visiting GET /v1/integrations/linear/connect as an admin',
          [{ path: 'auth.type', message: 'use the OAuth connect route' }],
        );
      const baseUrl = apiOrigin(connection.baseUrl ?? 'https://api.linear.app');
      await assertPublicUrl(baseUrl, deps.allowPrivateUrls);
      const { sdk } = linearApi(baseUrl, async () => auth.apiKey, safeFetch({ allowPrivate: deps.allowPrivateUrls }));
      let identity: Record<string, string>;
      try {
        const viewer = await sdk.viewer;
        const organization = await sdk.organization;
        identity = { organization: organization.name, urlKey: organization.urlKey, user: viewer.name };
      } catch (error) {
        if (error instanceof LinearAuthError)
          throw new AppError('invalid_request', `Linear at ${baseUrl} refused the API key: ${error.message}`, [
            { path: 'auth.apiKey', message: 'refused by Linear' },
          ]);
        if (error instanceof ProviderHttpError)
          throw new AppError('invalid_request', `Linear at ${baseUrl} answered HTTP ${error.status}`, [
            { path: error.status === 404 ? 'baseUrl' : 'auth.apiKey', message: `answered ${error.status}` },
          ]);
        const refused = [error, (error as { cause?: unknown }).cause].find(
          (e): e is Error => (e as Error | undefined)?.name === 'RefusedDestinationError',
        );
        // Anything but a refused or failed connection is docflow's own error: let it be a 500, not a 400.
        const unreachable =
          (error as { code?: string; cause?: { code?: string } }).code ??
          (error as { cause?: { code?: string } }).cause?.code;
        if (!refused && !unreachable) throw error;
        const why = refused ? refused.message : `unreachable (${unreachable})`;
        throw new AppError('invalid_request', `Linear at ${baseUrl} could not be reached: ${why}`, [
          { path: 'baseUrl', message: why },
        ]);
      }
      return {
        baseUrl,
        settings: { auth: 'api_key', identity },
        secrets: {
          apiKey: auth.apiKey,
          ...(connection.webhookSecret ? { webhookSecret: connection.webhookSecret } : {}),
        },
      };
    },
  };
}
