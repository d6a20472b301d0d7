import { firewallRangeProblem } from '../../lib/core/network';

// The survivors of a mutation run over the firewall judgment (issue #19).
describe('firewallRangeProblem messages', () => {
  it('refuses every address with its own message, not as "this network"', () => {
    expect(firewallRangeProblem('0.0.0.0/0')).toBe('must not open the firewall to every address (0.0.0.0/0)');
  });

  it.each([
    ['0.1.2.3', '0.0.0.0/8 ("this network")'],
    ['127.0.0.1', '127.0.0.0/8 (loopback)'],
    ['198.18.0.1', '198.18.0.0/15 (benchmarking (RFC 2544))'],
    ['224.0.0.1', '224.0.0.0/4 (multicast)'],
    ['255.255.255.255', '240.0.0.0/4 (reserved, and the broadcast address)'],
  ])('names the special range %s falls in', (address, what) => {
    expect(firewallRangeProblem(address)).toBe(`must hold public addresses, not ${what}`);
  });

  it('counts the addresses of a range wider than a /16', () => {
    expect(firewallRangeProblem('20.40.0.0/15')).toBe('must be a /16 or narrower: a /15 is 131072 addresses, a share of the internet rather than a network you run');
    expect(firewallRangeProblem('20.0.0.0/12')).toBe('must be a /16 or narrower: a /12 is 1048576 addresses, a share of the internet rather than a network you run');
  });
});
