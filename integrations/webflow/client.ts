import { WebflowClient, WebflowError } from 'webflow-api';
import { AppError } from '../../core/errors.js';
import type { ProviderDeps } from '../contract.js';
import { connectionRow } from '../kit/connection-row.js';
import { accessTokenFor } from '../kit/oauth/access-token.js';
import { ProviderHttpError } from '../kit/provider-http-error.js';
import { rateLimitDelayMs } from '../kit/rate-limit.js';
import { assertPublicUrl } from '../kit/url-guard.js';
import { webflowOAuth } from './oauth.js';

export { WebflowClient };

const officialHost = 'api.webflow.com';

/**
 * Checks a Data API base URL before any request goes there. The SDK (webflow-api 3.x) sends requests
 * with the global fetch and takes no fetch of ours, so `kit/safe-fetch` cannot check the address it
 * connects to, nor stop a redirect: unless the operator allows internal hosts
 * (DOCFLOW_ALLOW_PRIVATE_URLS), the only host it may reach is Webflow's own.
 */
export async function checkBaseUrl(baseUrl: string, allowPrivate: boolean): Promise<void> {
  await assertPublicUrl(baseUrl, allowPrivate);
  const url = new URL(baseUrl);
  if (!allowPrivate && (url.protocol !== 'https:' || url.hostname !== officialHost))
    throw new AppError('invalid_request', `baseUrl must be https://${officialHost}/v2 (Webflow's Data API)`, [
      { path: 'baseUrl', message: `only ${officialHost} is reached unless DOCFLOW_ALLOW_PRIVATE_URLS is set` },
    ]);
}

/** A Data API client: no retries of its own (a 429 is waited out by the activity's retry, after `Retry-After`). */
export function webflowClient(baseUrl: string, token: () => Promise<string>): WebflowClient {
  return new WebflowClient({ baseUrl, accessToken: token, maxRetries: 0, timeoutInSeconds: 60 });
}

/**
 * Runs one SDK call and says what its failure means: 404 is undefined (a missing site, collection or
 * item), 401/403 a disconnected integration, 429 (or an exhausted budget) and 5xx a `ProviderHttpError`
 * with the response's headers (the activity retries after `Retry-After`), any other 4xx the
 * `refused` AppError. Webflow's answer body is never repeated.
 */
export async function webflowCall<T>(
  request: { method: string; path: string },
  call: () => Promise<T>,
  refused: (status: number) => AppError = (status) =>
    new AppError('invalid_destination', `Webflow refused ${request.method} ${request.path} (HTTP ${status})`),
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof WebflowError) || error.statusCode === undefined) throw error;
    const status = error.statusCode;
    const headers: Record<string, string> = error.rawResponse
      ? Object.fromEntries(new Headers(error.rawResponse.headers).entries())
      : {};
    if (rateLimitDelayMs(status, headers) !== undefined || status >= 500)
      throw new ProviderHttpError('Webflow', status, request, { headers });
    if (status === 404) return undefined;
    if (status === 401 || status === 403)
      throw new AppError(
        'integration_disconnected',
        `Webflow refused the token (HTTP ${status}) for ${request.method} ${request.path}: connect the integration again with a token that has cms:read, cms:write and sites:read`,
      );
    throw refused(status);
  }
}

/** A client per connection: its site token, or its OAuth token (Webflow's do not expire). */
export function webflowClients(deps: ProviderDeps) {
  return async (integrationId: string): Promise<WebflowClient> => {
    const row = await connectionRow(deps.db, 'webflow', 'Webflow', integrationId);
    const settings = row.settings as { oauth?: boolean };
    // OAuth connections store the origin of the token endpoint; token connections the API's base URL.
    const baseUrl = settings.oauth ? `${row.base_url.replace(/\/$/, '')}/v2` : row.base_url;
    await checkBaseUrl(baseUrl, deps.allowPrivateUrls);
    const token = settings.oauth
      ? () => accessTokenFor(deps.db, deps.secrets, webflowOAuth, deps.oauthClients, integrationId)
      : async () => (JSON.parse(deps.secrets.open(row.sealed_secrets)) as { token: string }).token;
    return webflowClient(baseUrl, token);
  };
}
