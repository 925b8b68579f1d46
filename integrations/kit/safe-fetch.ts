import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { blockedAddress } from './ip-ranges.js';

export interface SafeFetchOptions {
  /** DOCFLOW_ALLOW_PRIVATE_URLS: internal addresses may be reached (self-hosted servers, tests). */
  allowPrivate: boolean;
  maxRedirects?: number;
}

export class RefusedDestinationError extends Error {
  override name = 'RefusedDestinationError';
}

/**
 * Resolves like dns.lookup, then refuses the connection when any address is internal. It runs for
 * every connection, so a name that resolved to a public address when the integration was created
 * and to 127.0.0.1 now (DNS rebinding) still never reaches 127.0.0.1.
 */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: (...args: any[]) => void): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error);
    const list = addresses as dns.LookupAddress[];
    const blocked = list.map((a) => blockedAddress(a.address)).find(Boolean);
    if (!list.length || blocked)
      return callback(
        new RefusedDestinationError(
          `${hostname} resolves to a ${blocked ?? 'missing'} address; refused (DOCFLOW_ALLOW_PRIVATE_URLS allows internal hosts)`,
        ),
      );
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  });
}

/**
 * An HTTPS agent whose every connection's address is checked like `safeFetch`'s, for SDKs that take an
 * agent rather than a fetch (`@slack/web-api`). IP literals skip the lookup: check the URL with
 * `assertPublicUrl` when it is given.
 */
export function safeHttpsAgent(options: SafeFetchOptions): https.Agent {
  return new https.Agent({ keepAlive: true, ...(options.allowPrivate ? {} : { lookup: guardedLookup as never }) });
}

const noBody = (status: number) => status === 204 || status === 205 || status === 304 || status < 200;

/**
 * A `fetch` for provider clients (octokit's `request.fetch`): every connection's address is checked
 * (IP literals before connecting, names in the lookup hook), redirects are followed only on the same
 * origin, and nothing is decompressed behind the caller's back.
 */
export function safeFetch(options: SafeFetchOptions): typeof fetch {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, ...(options.allowPrivate ? {} : { lookup: guardedLookup as never }) }),
    'https:': safeHttpsAgent(options),
  };

  async function once(url: URL, init: RequestInit): Promise<Response> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new RefusedDestinationError(`${url.protocol} URLs are not fetched`);
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    const blocked = net.isIP(literal) ? blockedAddress(literal) : undefined;
    if (blocked && !options.allowPrivate)
      throw new RefusedDestinationError(
        `${url.host} is a ${blocked} address; refused (DOCFLOW_ALLOW_PRIVATE_URLS allows internal hosts)`,
      );
    const headers = new Headers(init.headers);
    if (!headers.has('accept-encoding')) headers.set('accept-encoding', 'identity');
    const body =
      init.body == null
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : Buffer.from(await new Response(init.body).arrayBuffer());
    if (body !== undefined) headers.set('content-length', String(Buffer.byteLength(body)));
    return new Promise<Response>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method: init.method ?? 'GET',
        headers: Object.fromEntries(headers),
        agent: agents[url.protocol as 'http:' | 'https:'],
        signal: init.signal ?? undefined,
      });
      request.on('error', reject);
      request.on('response', (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const status = incoming.statusCode ?? 502;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
              responseHeaders.append(name, v);
          }
          const response = new Response(noBody(status) ? null : Buffer.concat(chunks), {
            status: status < 200 ? 502 : status,
            statusText: incoming.statusMessage ?? '',
            headers: responseHeaders,
          });
          Object.defineProperty(response, 'url', { value: url.toString() });
          resolve(response);
        });
      });
      request.end(body);
    });
  }

  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    let url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    let current = init;
    for (let hop = 0; ; hop++) {
      const response = await once(url, current);
      const location = response.headers.get('location');
      if (
        response.status < 300 ||
        response.status >= 400 ||
        response.status === 304 ||
        !location ||
        current.redirect === 'manual'
      )
        return response;
      const next = new URL(location, url);
      // Another host could be internal, or simply not deserve the credentials in these headers.
      if (next.origin !== url.origin)
        throw new RefusedDestinationError(`${url.origin} redirected to another host (${next.host}); not followed`);
      if (hop >= (options.maxRedirects ?? 5))
        throw new RefusedDestinationError(`more than ${options.maxRedirects ?? 5} redirects from ${url.origin}`);
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) &&
          current.method &&
          current.method !== 'GET' &&
          current.method !== 'HEAD')
      ) {
        current = { ...current, method: 'GET', body: undefined };
      }
      url = next;
    }
  }) as typeof fetch;
}
