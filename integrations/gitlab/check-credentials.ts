import { AppError } from '../../core/errors.js';
import { isStatus, type GitLabApi } from './api.js';

/** Proves the token works before it is stored: `GET /user` answers for personal, project and group access tokens. */
export async function checkGitLabCredentials(api: GitLabApi, baseUrl: string): Promise<{ username?: string }> {
  try {
    return await api.get<{ username?: string }>('/user');
  } catch (error) {
    if (isStatus(error, 401, 403))
      throw new AppError('invalid_request', `GitLab at ${baseUrl} refused the token (HTTP ${error.status})`, [
        {
          path: 'auth.token',
          message: 'rejected by GitLab: give an access token with the api scope that has not expired',
        },
      ]);
    if (isStatus(error, 404))
      throw new AppError('invalid_request', `${baseUrl} does not answer like GitLab's API v4`, [
        { path: 'baseUrl', message: 'not a GitLab API base URL (it ends in /api/v4)' },
      ]);
    throw error;
  }
}
