import { BlockList, isIP } from 'node:net';

/** `::ffff:a.b.c.d` (RFC 4291 §2.5.5.2) as the IPv4 address it maps, so IPv4 ranges apply. */
function unmapped(ip: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return m?.[1] ?? ip;
}

/**
 * Whether `ip` lies in one of the addresses or CIDR ranges of `list` (MAS `ip_in_list`: a bare
 * address is a /32 or /128). An absent or unparseable address, or an unparseable entry,
 * never matches.
 */
export function ipInList(
  ip: string | null | undefined,
  list: readonly string[] | null | undefined,
): boolean {
  if (!ip || !list || list.length === 0) return false;
  const address = unmapped(ip);
  const family = isIP(address);
  if (family === 0) return false;
  const blocks = new BlockList();
  for (const entry of list) {
    const [net, prefix] = entry.split('/');
    const entryFamily = isIP(unmapped(net ?? ''));
    if (entryFamily === 0) continue;
    const type = entryFamily === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) blocks.addAddress(unmapped(net ?? ''), type);
    else if (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (entryFamily === 4 ? 32 : 128)) {
      blocks.addSubnet(unmapped(net ?? ''), Number(prefix), type);
    }
  }
  return blocks.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
