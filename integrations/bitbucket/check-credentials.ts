import { AppError } from '../../core/errors.js';
import type { ConnectionHealth } from '../contract.js';
import { BitbucketHttpError, isStatus, type BitbucketApi } from './api.js';

/** Proves the credentials work before they are stored: `GET /user` answers for API and access tokens alike. */
export async function checkBitbucketCredentials(api: BitbucketApi, baseUrl: string): Promise<void> {
  try {
    await api.get('/user');
  } catch (error) {
    if (isStatus(error, 401, 403))
      throw new AppError('invalid_request', `Bitbucket at ${baseUrl} refused the credentials (HTTP ${error.status})`, [
        { path: 'auth', message: 'rejected by Bitbucket; App passwords no longer work: use an API or access token' },
      ]);
    if (isStatus(error, 404))
      throw new AppError('invalid_request', `${baseUrl} does not answer like Bitbucket's API 2.0`, [
        { path: 'baseUrl', message: 'not a Bitbucket API base URL' },
      ]);
    throw error;
  }
}

/**
 * The health check of stored credentials, with the same `GET /user`: 401 or 403 (a revoked or expired
 * token, lost scopes) is broken; a rate limit, a 5xx or no answer proves nothing.
 */
export async function bitbucketCredentialHealth(api: BitbucketApi, baseUrl: string): Promise<ConnectionHealth> {
  try {
    await checkBitbucketCredentials(api, baseUrl);
    return { status: 'working' };
  } catch (error) {
    if (error instanceof AppError) return { status: 'broken', detail: error.message };
    if (error instanceof BitbucketHttpError)
      return {
        status: 'unknown',
        detail: `Bitbucket ${error.status === 429 ? 'rate-limited' : `answered HTTP ${error.status} to`} GET /user`,
      };
    const refused = [error, (error as { cause?: unknown }).cause].find(
      (e): e is Error => (e as Error | undefined)?.name === 'RefusedDestinationError',
    );
    if (refused) return { status: 'broken', detail: `docflow refuses ${baseUrl} now: ${refused.message}` };
    return { status: 'unknown', detail: `Bitbucket at ${baseUrl} could not be reached (GET /user)` };
  }
}
