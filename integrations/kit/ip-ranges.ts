import net from 'node:net';

/** The 16 bytes of an IPv6 address (with or without an embedded dotted quad), or undefined. */
function ipv6Bytes(address: string): number[] | undefined {
  if (!net.isIPv6(address)) return undefined;
  let text = address.toLowerCase().replace(/%.*$/, '');
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (quad) {
    const [a, b, c, d] = quad.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -quad.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((g) => {
    const n = parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
}

function blockedV4(v4: string): string | undefined {
  const [a, b] = v4.split('.').map(Number) as [number, number];
  if (a === 169 && b === 254) return 'link-local or cloud metadata';
  if (a === 127 || a === 0) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127))
    return 'private';
  if (a === 192 && b === 0 && v4.split('.')[2] === '0') return 'private';
  if (a === 198 && (b === 18 || b === 19)) return 'private';
  if (a >= 224) return 'multicast or reserved';
  return undefined;
}

/**
 * Why an address must not be reached from docflow (loopback, private, link-local, cloud metadata…),
 * or undefined for a public one. IPv6 forms that carry an IPv4 address — IPv4-mapped
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`), IPv4-compatible, NAT64 (`64:ff9b::/96`) and 6to4 — are
 * judged by that IPv4 address, since the connection ends up there.
 */
export function blockedAddress(address: string): string | undefined {
  if (net.isIPv4(address)) return blockedV4(address);
  const bytes = ipv6Bytes(address);
  if (!bytes) return 'unparseable';
  const v4At = (i: number) => bytes.slice(i, i + 4).join('.');
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return 'loopback'; // ::
  if (zeros(0, 15) && bytes[15] === 1) return 'loopback'; // ::1
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return blockedV4(v4At(12)) ?? undefined; // ::ffff:a.b.c.d
  if (zeros(0, 12)) return blockedV4(v4At(12)) ?? 'reserved'; // ::a.b.c.d (deprecated)
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b) {
    // 64:ff9b::/96 is well-known NAT64; 64:ff9b:1::/48 is for local NAT64 deployments.
    return zeros(4, 12) ? blockedV4(v4At(12)) : 'private NAT64';
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return blockedV4(v4At(2)); // 6to4
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return 'link-local';
  if ((bytes[0]! & 0xfe) === 0xfc)
    return address.toLowerCase().startsWith('fd00:ec2::254') ? 'cloud metadata' : 'private';
  if (bytes[0] === 0xff) return 'multicast';
  return undefined;
}
