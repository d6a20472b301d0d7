import { bindingBreadth, bindingMatches, hasMidPathStar, selectorMatchesAll, vaultPathMatches, vaultPathReaches } from '../../lib/core/glob';
import { addressCount, firewallListProblem, firewallRangeProblem, parseIpv4Range } from '../../lib/core/network';
import { isPublicSuffix } from '../../lib/core/public-suffix';
import { privilegedAzureRole } from '../../lib/core/azure-roles';
import { hasUrlCredentials, isUrl, urlScheme } from '../../lib/core/validation';

describe('Vault ACL path globs', () => {
  it.each([
    ['secret/*', 'secret/a/b', true], ['secret/*', 'secret', false], ['secret/+/x', 'secret/a/x', true], ['secret/+/x', 'secret/a/b/x', false],
    ['secret/a*', 'secret/abc/d', true], ['a/*/b', 'a/x/b', false], ['a/*/b', 'a/*/b', true], ['+', 'kv', true], ['+/*', 'kv/a', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(vaultPathMatches(pattern, path)).toBe(expected);
  });

  it.each([
    ['sys/pol*', 'sys/policies/acl/', true], ['sys/policies/acl/team-*', 'sys/policies/acl/', true], ['sys/+/acl/x', 'sys/policies/acl/', true],
    ['sys/policies/acl', 'sys/policies/acl/', false], ['sys/mounts/*', 'sys/policies/acl/', false], ['*', 'sys/', true], ['s*', 'sys/', true], ['kv/*', 'sys/', false],
  ])('%s reaches %s: %s', (pattern, prefix, expected) => {
    expect(vaultPathReaches(pattern, prefix)).toBe(expected);
  });

  it('knows a mid-path star is literal', () => {
    expect(hasMidPathStar('a/*/b')).toBe(true);
    expect(hasMidPathStar('a/b*')).toBe(false);
  });
});

describe('Kubernetes auth binding globs', () => {
  it.each([['*', 'any'], ['**', 'any'], ['a', 'exact'], ['kube-*', 'glob'], ['*-prod', 'glob'], ['*sys*', 'glob'], ['a*b', 'exact']])('%s is %s', (p, breadth) => {
    expect(bindingBreadth(p)).toBe(breadth);
  });
  it.each([['kube-*', 'kube-system', true], ['*-prod', 'pay-prod', true], ['*sys*', 'kube-system', true], ['a*b', 'axb', false], ['**', 'x', true], ['pay', 'payments', false]])('%s accepts %s: %s', (p, n, ok) => {
    expect(bindingMatches(p, n)).toBe(ok);
  });
  it.each([['{}', true], ['{"matchLabels": {}}', true], ['matchLabels: {}', true], ['{"matchLabels": {"a": "b"}}', false], ['{"matchExpressions": [{"key": "a", "operator": "Exists"}]}', false], ['{not yaml', true]])('selector %s selects all: %s', (sel, all) => {
    expect(selectorMatchesAll(sel)).toBe(all);
  });
});

describe('firewall ranges', () => {
  it('parses strictly', () => {
    expect(parseIpv4Range('203.0.113.7')).toEqual({ start: 0xcb007107, prefix: 32 });
    expect(parseIpv4Range('203.0.113.7/24')).toEqual({ start: 0xcb007100, prefix: 24 });
    for (const bad of ['010.0.0.1', '1.2.3', '1.2.3.4/33', '256.0.0.1', '1.2.3.4/08', ' 1.2.3.4']) expect(parseIpv4Range(bad)).toBeUndefined();
  });
  it('accepts public ranges up to a /16 and refuses the rest', () => {
    expect(firewallRangeProblem('20.40.0.0/16')).toBeUndefined();
    expect(firewallRangeProblem('198.51.100.7')).toBeUndefined();
    expect(firewallRangeProblem('20.40.0.0/15')).toMatch(/\/16 or narrower/);
    expect(firewallRangeProblem('192.0.0.0/16')).toMatch(/192.0.0.0\/24/);
    expect(firewallRangeProblem('11.0.0.0/8')).toMatch(/\/16 or narrower/);
  });
  it('counts overlapping ranges once', () => {
    expect(addressCount(['20.1.0.0/16', '20.1.2.0/24', '20.1.0.0/16'])).toBe(65536);
    expect(firewallListProblem(['20.1.0.0/16', '20.2.0.0/16', '20.3.0.0/16', '20.4.0.0/16'])).toBeUndefined();
    expect(firewallListProblem(['20.1.0.0/16', '20.2.0.0/16', '20.3.0.0/16', '20.4.0.0/16', '20.5.0.0/32'])).toMatch(/262145/);
  });
});

describe('URLs', () => {
  it('reads the scheme in any case and refuses credentials', () => {
    expect(urlScheme('HTTP://x')).toBe('http');
    expect(isUrl('HTTPS://vault:8200', ['https'])).toBe(true);
    expect(isUrl('https://u:p@vault', ['https'])).toBe(false);
    expect(hasUrlCredentials('https://u@vault')).toBe(true);
    expect(hasUrlCredentials('https://vault/a@b')).toBe(false);
  });
});

describe('public suffixes and Azure roles', () => {
  it.each([['com', true], ['co.uk', true], ['github.io', true], ['example.com', false], ['example.co.uk', false], ['cluster.local', false]])('%s is a public suffix: %s', (d, yes) => {
    expect(isPublicSuffix(d)).toBe(yes);
  });
  it.each([['Owner', 'Owner'], [' owner ', 'Owner'], ['User  Access Administrator', 'User Access Administrator'], ['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner'], ['Contributor', undefined], ['Key Vault Crypto Officer', undefined]])('%s is privileged as %s', (r, name) => {
    expect(privilegedAzureRole(r)).toBe(name);
  });
});
