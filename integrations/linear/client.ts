import { LinearSdk } from '@linear/sdk';
import { linearError } from './errors.js';

export interface LinearApi {
  /** The official SDK's typed queries (`viewer`, `organization`). */
  sdk: LinearSdk;
  /** A query of docflow's own, through the same transport: one request for what a context needs. */
  query<T>(query: string, variables: Record<string, unknown>): Promise<T>;
}

/**
 * The official SDK over docflow's transport: `LinearSdk` takes the function that sends its documents,
 * so every request goes to the connection's base URL through the safe fetch (the SDK's own client uses
 * the global fetch, which the private-address guard cannot check).
 */
export function linearApi(baseUrl: string, authorization: () => Promise<string>, fetchFn: typeof fetch): LinearApi {
  const send = async <Data>(document: string, variables?: Record<string, unknown>): Promise<Data> => {
    const query = String(document);
    const response = await fetchFn(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: await authorization() },
      body: JSON.stringify({ query, variables: variables ?? {} }),
    });
    const body = (await response.json().catch(() => undefined)) as { data?: Data; errors?: unknown[] } | undefined;
    if (response.ok && body?.data && !body.errors?.length) return body.data;
    throw linearError(response, body, query);
  };
  return { sdk: new LinearSdk(send), query: send };
}
