import { addressCount, firewallRangeProblem } from '../../lib/core/network';

// Cases that pin the firewall judgment where mutation testing found it unpinned.
describe('addressCount', () => {
  it('counts a range inside a wider one once, whatever order they come in', () => {
    expect(addressCount(['198.51.100.0/24', '198.51.0.0/16'])).toBe(65536);
    expect(addressCount(['198.51.0.0/16', '198.51.100.0/24'])).toBe(65536);
  });

  it('adds ranges that do not overlap, listed out of order', () => {
    expect(addressCount(['203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/24'])).toBe(768);
  });

  it('skips entries that are not ranges instead of failing on them', () => {
    expect(addressCount(['not-an-address', '203.0.113.0/24'])).toBe(256);
  });

  it('counts a range that starts at address zero', () => {
    expect(addressCount(['0.0.0.0/32'])).toBe(1);
  });
});

describe('firewallRangeProblem', () => {
  it.each([
    ['192.0.0.1', '192.0.0.0/24 (IETF protocol assignments)'],
    ['192.88.99.1', '192.88.99.0/24 (the deprecated 6to4 relay anycast)'],
    ['100.64.1.1', '100.64.0.0/10 (carrier-grade NAT'],
    ['169.254.169.254', '169.254.0.0/16 (link-local, home of the cloud metadata endpoint 169.254.169.254)'],
  ])('names the special range %s falls in', (address, what) => {
    expect(firewallRangeProblem(address)).toContain(`must hold public addresses, not ${what}`);
  });
});
