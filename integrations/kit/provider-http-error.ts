/**
 * A provider's answer other than 2xx: its status and headers only, never its body (which may echo what
 * we sent, or be an internal server's text). A 429's `Retry-After` becomes the activity's retry delay.
 */
export class ProviderHttpError extends Error {
  override name = 'ProviderHttpError';
  constructor(
    readonly provider: string,
    readonly status: number,
    readonly request: { method: string; path: string },
    readonly response: { headers: Record<string, string> },
  ) {
    super(`${provider} answered HTTP ${status} to ${request.method} ${request.path}`);
  }
}

export const isProviderStatus = (error: unknown, ...statuses: number[]): error is ProviderHttpError =>
  error instanceof ProviderHttpError && statuses.includes(error.status);
