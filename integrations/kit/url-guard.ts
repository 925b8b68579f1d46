import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { AppError } from '../../core/errors.js';

const metadataHosts = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'metadata.azure.com']);

function blockedAddress(address: string): string | undefined {
  const v4 = net.isIPv4(address) ? address : /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4) {
    const [a, b] = v4.split('.').map(Number) as [number, number];
    if (a === 169 && b === 254) return 'link-local or cloud metadata';
    if (a === 127 || a === 0) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
    return undefined;
  }
  const lower = address.toLowerCase();
  if (lower === '::1' || lower === '::') return 'loopback';
  if (/^fe[89ab]/.test(lower)) return 'link-local';
  if (/^f[cd]/.test(lower)) return 'private';
  if (lower.startsWith('fd00:ec2::254')) return 'cloud metadata';
  return undefined;
}

/**
 * Refuses a user-supplied base URL that points inside the network docflow runs in (cloud metadata,
 * link-local, loopback, private ranges), unless the operator allows private URLs (self-hosted GitHub
 * Enterprise on an internal network, or tests).
 */
export async function assertPublicUrl(url: string, allowPrivate: boolean, field = 'baseUrl'): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError('invalid_request', `${field} must be an http(s) URL`, [{ path: field, message: 'unsupported scheme' }]);
  }
  if (allowPrivate) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (metadataHosts.has(host.toLowerCase())) throw refused(field, url, 'cloud metadata');
  const addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  for (const address of addresses) {
    const why = blockedAddress(address);
    if (why) throw refused(field, url, why);
  }
}

const refused = (field: string, url: string, why: string) =>
  new AppError('invalid_request', `${field} ${url} points to a ${why} address; set DOCFLOW_ALLOW_PRIVATE_URLS=1 to allow internal hosts`, [{ path: field, message: `${why} address refused` }]);
