import { AppError } from '../../core/errors.js';
import type { InstallFlow } from '../contract.js';

/** Where GitHub's web pages live for an API base URL (github.com, or a GHES host). */
const githubWeb = (baseUrl: string) =>
  baseUrl.includes('api.github.com') ? 'https://github.com' : baseUrl.replace(/\/api\/v3\/?$/, '');

/** The GitHub App installation page, for an App connection made with its `appSlug`. */
export const githubAppInstall: InstallFlow = {
  installUrl(connection, state) {
    const slug = connection.settings.appSlug;
    if (typeof slug !== 'string') {
      throw new AppError('invalid_request', 'give integrationId of a GitHub App connection made with "appSlug"', [
        { path: 'integrationId', message: 'not a GitHub App connection with an app slug' },
      ]);
    }
    return `${githubWeb(connection.baseUrl)}/apps/${slug}/installations/new?state=${encodeURIComponent(state)}`;
  },
  completed(query) {
    if (!query.installation_id || !/^\d+$/.test(query.installation_id))
      throw new AppError('invalid_request', 'GitHub sent no installation_id');
    return { installationId: Number(query.installation_id), setupAction: query.setup_action ?? 'install' };
  },
};
