import { isIP } from 'node:net';

/** The key shared by requests whose address is unknown (MAS `RequesterFingerprint::EMPTY`). */
export const UNKNOWN_ADDRESS_KEY = 'unknown';

/** The eight 16-bit groups of a valid IPv6 address (RFC 4291 §2.2 text forms). */
function ipv6Groups(address: string): number[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const parse = (part: string | undefined): number[] => {
    if (!part) return [];
    return part.split(':').flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a, b, c, d] = group.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  };
  const first = parse(head);
  const last = parse(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - first.length - last.length).fill(0);
  return [...first, ...zeros, ...last];
}

/**
 * The per-address key of a client (the `per_ip` limits): an IPv4 address as is, also when it
 * arrives IPv4-mapped (`::ffff:192.0.2.1`, RFC 4291 §2.5.5.2) so one client has one key whatever
 * the socket family; an IPv6 address by its /64 prefix, the block one subscriber or host
 * usually holds (RFC 6177), so hopping between the addresses of one's own /64 does not reset the
 * limit. A missing address shares {@link UNKNOWN_ADDRESS_KEY}.
 */
export function requesterKey(ip: string | null): string {
  if (ip === null || ip === '') return UNKNOWN_ADDRESS_KEY;
  const address = ip.split('%')[0];
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) return ip.toLowerCase();
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
