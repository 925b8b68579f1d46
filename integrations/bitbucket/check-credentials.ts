import { AppError } from '../../core/errors.js';
import { isStatus, type BitbucketApi } from './api.js';

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
