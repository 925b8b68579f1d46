/** Calls the docflow API; a non-2xx answer becomes an error carrying the API's own message. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string | undefined,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    if (!this.apiKey) throw new Error('DOCFLOW_API_KEY is not set (the admin key is printed on the first "npm start")');
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${this.apiKey}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new Error(`cannot reach docflow at ${this.baseUrl}: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = parsed?.error;
      const details = (error?.details ?? [])
        .map((d: { path?: string; message: string }) => `\n  ${d.path ? `${d.path}: ` : ''}${d.message}`)
        .join('');
      throw new Error(`${response.status} ${error?.code ?? ''}: ${error?.message ?? text}${details}`);
    }
    return parsed;
  }
}
