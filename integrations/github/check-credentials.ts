import { AppError } from '../../core/errors.js';
import { App, type octokitClass } from './octokit.js';

type Auth = { type: 'app'; appId: string; privateKey: string } | { type: 'token'; token: string };

/**
 * Asks GitHub who the credentials are before a connection is stored: `GET /app` with the App's JWT,
 * `GET /user` with a token. A refusal names the request and GitHub's status, never its body.
 */
export async function checkGitHubCredentials(
  Octo: ReturnType<typeof octokitClass>,
  baseUrl: string,
  auth: Auth,
): Promise<void> {
  const [field, call] = auth.type === 'app' ? ['auth.privateKey', 'GET /app'] : ['auth.token', 'GET /user'];
  const Once = Octo.defaults({ retry: { enabled: false } });
  try {
    if (auth.type === 'app')
      await new App({ appId: auth.appId, privateKey: auth.privateKey, Octokit: Once }).octokit.request('GET /app');
    else await new Once({ auth: auth.token }).request('GET /user');
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const cause = (error as { cause?: { name?: string; message?: string } }).cause;
    if (cause?.name === 'RefusedDestinationError')
      throw new AppError('invalid_request', `baseUrl: ${cause.message}`, [{ path: 'baseUrl', message: 'refused' }]);
    if (typeof status === 'number' && status !== 500) {
      const what = auth.type === 'app' ? 'App id and private key' : 'token';
      throw new AppError('invalid_request', `GitHub at ${baseUrl} refused the ${what}: ${call} answered ${status}`, [
        { path: status === 404 ? 'baseUrl' : field, message: `${call} answered ${status}` },
      ]);
    }
    if (auth.type === 'app' && typeof status !== 'number') {
      throw new AppError('invalid_request', `the App's private key cannot sign a token: ${(error as Error).message}`, [
        { path: 'auth.privateKey', message: 'not a usable private key' },
      ]);
    }
    throw new AppError(
      'invalid_request',
      `GitHub at ${baseUrl} could not be reached to check the credentials (${call})`,
      [{ path: 'baseUrl', message: 'unreachable' }],
    );
  }
}
