/**
 * The one judgment of IPv4 firewall ranges (Key Vault `ip_rules`), shared by
 * `AutoUnsealKeyVault` and rule VP-KV-2.
 *
 * The widest range accepted is a /16 (65,536 addresses), and a list may add
 * up to at most four /16s. Key Vault's firewall only takes public IPv4
 * addresses, so a range is there to name where the operators and the runner
 * egress from: an office, a CI provider's published range, a NAT gateway.
 * Those are /16 or narrower (cloud NAT and CI egress are /20-/32); anything
 * wider is a share of the internet (`8.0.0.0/6` is 67 million addresses,
 * two `/1`s are all of it) and turns the firewall into decoration.
 */

/** One parsed range: its first address as an unsigned 32-bit number and its prefix length. */
export interface Ipv4Range {
  readonly start: number;
  readonly prefix: number;
}

/** The widest prefix accepted for one range. */
export const WIDEST_PUBLIC_PREFIX = 16;
/** The most addresses a whole list may open. */
export const MAX_PUBLIC_ADDRESSES = 4 * 2 ** (32 - WIDEST_PUBLIC_PREFIX);

const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})(?:\/(0|[1-9]\d?))?$/;

/** Parses `a.b.c.d` or `a.b.c.d/n` strictly (no leading zeros, which some parsers read as octal). */
export function parseIpv4Range(s: string): Ipv4Range | undefined {
  const m = IPV4.exec(s);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const addr = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - prefix);
  return { start: addr - (addr % size), prefix };
}

/** Special-purpose ranges (IANA IPv4 Special-Purpose Address Registry, RFC 6890): never a place to allow. */
const SPECIAL: Array<[string, string]> = [
  ['0.0.0.0/8', '"this network"'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'carrier-grade NAT (RFC 6598), shared by every customer of a provider'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local, home of the cloud metadata endpoint 169.254.169.254'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.88.99.0/24', 'the deprecated 6to4 relay anycast'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking (RFC 2544)'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved, and the broadcast address'],
];
const SPECIAL_RANGES = SPECIAL.map(([cidr, what]) => ({ range: parseIpv4Range(cidr)!, cidr, what }));

function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  const aEnd = a.start + 2 ** (32 - a.prefix);
  const bEnd = b.start + 2 ** (32 - b.prefix);
  return a.start < bEnd && b.start < aEnd;
}

/**
 * Why one firewall entry is refused, or `undefined` when it is a public
 * range no wider than a /16. (The documentation ranges 192.0.2.0/24,
 * 198.51.100.0/24 and 203.0.113.0/24 pass: nothing on the internet sends
 * from them, and examples need addresses.)
 */
export function firewallRangeProblem(s: string): string | undefined {
  const r = parseIpv4Range(s);
  if (!r) return 'must hold IPv4 addresses or CIDR ranges like 203.0.113.0/24';
  if (r.prefix === 0) return 'must not open the firewall to every address (0.0.0.0/0)';
  const special = SPECIAL_RANGES.find((x) => overlaps(r, x.range));
  if (special) {
    const rfc1918 = special.what.startsWith('private');
    return rfc1918
      ? 'must hold public addresses: Key Vault firewall rules refuse private ranges (10/8, 172.16/12, 192.168/16); reach it from a private network through allowedSubnetIds or a private endpoint'
      : `must hold public addresses, not ${special.cidr} (${special.what})`;
  }
  if (r.prefix < WIDEST_PUBLIC_PREFIX) return `must be a /${WIDEST_PUBLIC_PREFIX} or narrower: a /${r.prefix} is ${2 ** (32 - r.prefix)} addresses, a share of the internet rather than a network you run`;
  return undefined;
}

/** How many addresses a list of (valid) ranges opens, overlaps counted once. */
export function addressCount(entries: readonly string[]): number {
  const ranges = entries.map(parseIpv4Range).filter((r): r is Ipv4Range => r !== undefined)
    .map((r) => [r.start, r.start + 2 ** (32 - r.prefix)] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -1;
  for (const [s, e] of ranges) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

/** Why a whole list is refused (it adds up to too much), or `undefined`. */
export function firewallListProblem(entries: readonly string[]): string | undefined {
  const n = addressCount(entries);
  return n > MAX_PUBLIC_ADDRESSES ? `must open at most ${MAX_PUBLIC_ADDRESSES} addresses in all (four /${WIDEST_PUBLIC_PREFIX}s); these ranges open ${n}` : undefined;
}
