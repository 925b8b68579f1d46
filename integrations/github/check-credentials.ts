import { AppError } from '../../core/errors.js';
import type { ConnectionHealth } from '../contract.js';
import { App, type octokitClass } from './octokit.js';

type Auth = { type: 'app'; appId: string; privateKey: string } | { type: 'token'; token: string };

/** GitHub's answer to who the credentials are: nothing (they work), or the failure as it came. */
interface Probe {
  call: string;
  /** The HTTP status (octokit gives 500 when no answer came at all). */
  status?: number;
  headers?: Record<string, string | undefined>;
  error?: Error;
  refusedDestination?: string;
}

/** `GET /app` with the App's JWT, `GET /user` with a token; no retries (and no rate-limit waits when `throttle` is false). */
async function probeGitHubCredentials(
  Octo: ReturnType<typeof octokitClass>,
  auth: Auth,
  options: { throttle?: boolean } = {},
): Promise<Probe | undefined> {
  const call = auth.type === 'app' ? 'GET /app' : 'GET /user';
  const Once = Octo.defaults({
    retry: { enabled: false },
    ...(options.throttle === false ? { throttle: { enabled: false } } : {}),
  });
  try {
    if (auth.type === 'app')
      await new App({ appId: auth.appId, privateKey: auth.privateKey, Octokit: Once }).octokit.request('GET /app');
    else await new Once({ auth: auth.token }).request('GET /user');
    return undefined;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers;
    const cause = (error as { cause?: { name?: string; message?: string } }).cause;
    return {
      call,
      ...(typeof status === 'number' ? { status } : {}),
      ...(headers ? { headers } : {}),
      error: error as Error,
      ...(cause?.name === 'RefusedDestinationError' ? { refusedDestination: cause.message ?? 'refused' } : {}),
    };
  }
}

/**
 * Asks GitHub who the credentials are before a connection is stored: `GET /app` with the App's JWT,
 * `GET /user` with a token. A refusal names the request and GitHub's status, never its body.
 */
export async function checkGitHubCredentials(
  Octo: ReturnType<typeof octokitClass>,
  baseUrl: string,
  auth: Auth,
): Promise<void> {
  const failed = await probeGitHubCredentials(Octo, auth);
  if (!failed) return;
  const { call, status } = failed;
  const field = auth.type === 'app' ? 'auth.privateKey' : 'auth.token';
  if (failed.refusedDestination)
    throw new AppError('invalid_request', `baseUrl: ${failed.refusedDestination}`, [
      { path: 'baseUrl', message: 'refused' },
    ]);
  if (typeof status === 'number' && status !== 500) {
    const what = auth.type === 'app' ? 'App id and private key' : 'token';
    throw new AppError('invalid_request', `GitHub at ${baseUrl} refused the ${what}: ${call} answered ${status}`, [
      { path: status === 404 ? 'baseUrl' : field, message: `${call} answered ${status}` },
    ]);
  }
  if (auth.type === 'app' && typeof status !== 'number') {
    throw new AppError('invalid_request', `the App's private key cannot sign a token: ${failed.error?.message}`, [
      { path: 'auth.privateKey', message: 'not a usable private key' },
    ]);
  }
  throw new AppError(
    'invalid_request',
    `GitHub at ${baseUrl} could not be reached to check the credentials (${call})`,
    [{ path: 'baseUrl', message: 'unreachable' }],
  );
}

/**
 * The health check of a stored connection, with the same calls: GitHub refusing the credentials
 * (401, a 403 that is not a rate limit, 404, a key that cannot sign) is broken; a rate limit, a 5xx
 * or no answer proves nothing. Rate limits are not waited out: the next check is the retry.
 */
export async function githubCredentialHealth(
  Octo: ReturnType<typeof octokitClass>,
  baseUrl: string,
  auth: Auth,
): Promise<ConnectionHealth> {
  const failed = await probeGitHubCredentials(Octo, auth, { throttle: false });
  if (!failed) return { status: 'working' };
  const { call, status, headers = {} } = failed;
  const what = auth.type === 'app' ? "the App's id and private key" : 'the token';
  if (failed.refusedDestination)
    return { status: 'broken', detail: `docflow refuses ${baseUrl} now: ${failed.refusedDestination}` };
  if (typeof status !== 'number')
    return { status: 'broken', detail: `the App's private key cannot sign a token: ${failed.error?.message}` };
  const rateLimited =
    status === 429 || (status === 403 && (headers['x-ratelimit-remaining'] === '0' || !!headers['retry-after']));
  if (rateLimited) return { status: 'unknown', detail: `GitHub rate-limited ${call} (HTTP ${status})` };
  if (status === 401 || status === 403)
    return { status: 'broken', detail: `GitHub at ${baseUrl} refused ${what}: ${call} answered ${status}` };
  if (status === 404)
    return { status: 'broken', detail: `${baseUrl} no longer answers as GitHub's API: ${call} answered 404` };
  if (!failed.headers) return { status: 'unknown', detail: `GitHub at ${baseUrl} could not be reached (${call})` };
  return { status: 'unknown', detail: `GitHub at ${baseUrl} answered HTTP ${status} to ${call}` };
}
