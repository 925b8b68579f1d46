import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { AppError } from '../../core/errors.js';
import { blockedAddress } from './ip-ranges.js';

const metadataHosts = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'metadata.azure.com']);

/**
 * Refuses a user-supplied base URL that points inside the network docflow runs in (cloud metadata,
 * link-local, loopback, private ranges), unless the operator allows private URLs (self-hosted GitHub
 * Enterprise on an internal network, or tests).
 */
export async function assertPublicUrl(url: string, allowPrivate: boolean, field = 'baseUrl'): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError('invalid_request', `${field} must be an http(s) URL`, [
      { path: field, message: 'unsupported scheme' },
    ]);
  }
  if (allowPrivate) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (metadataHosts.has(host.toLowerCase())) throw refused(field, url, 'cloud metadata');
  const addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  // A name that does not resolve now could resolve to anything later: refuse it rather than wave it through.
  if (!addresses.length) throw refused(field, url, 'unresolvable', `${field} ${url}: the host name does not resolve`);
  for (const address of addresses) {
    const why = blockedAddress(address);
    if (why) throw refused(field, url, why);
  }
}

const refused = (field: string, url: string, why: string, message = `${field} ${url} points to a ${why} address`) =>
  new AppError('invalid_request', `${message}; set DOCFLOW_ALLOW_PRIVATE_URLS=1 to allow internal hosts`, [
    { path: field, message: `${why} address refused` },
  ]);
