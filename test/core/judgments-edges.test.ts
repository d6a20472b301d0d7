import { bindingBreadth, bindingMatches, hasMidPathStar, isVaultPathGlob, selectorMatchesAll, vaultPathMatches, vaultPathReaches } from '../../lib/core/glob';
import { isPublicSuffix } from '../../lib/core/public-suffix';
import { privilegedAzureRole } from '../../lib/core/azure-roles';

// The shared judgments at their edges (mutation testing, issue #19): every
// listed suffix and role, both ends of every glob form.

describe('public suffixes', () => {
  // Each suffix of the list, as a PKI role's allowed domain, lets anyone who registers a name under it get a certificate.
  const LISTED = [
    'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk',
    'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz', 'net.nz',
    'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'co.kr', 'or.kr', 'com.cn', 'net.cn', 'org.cn', 'com.hk', 'com.tw', 'com.sg',
    'co.in', 'net.in', 'org.in', 'co.za', 'org.za', 'com.br', 'net.br', 'org.br', 'com.mx', 'com.ar', 'com.tr', 'com.pl',
    'co.il', 'com.ua', 'co.id', 'com.my', 'com.ph', 'com.vn',
    'github.io', 'gitlab.io', 'azurewebsites.net', 'cloudapp.net', 'azurestaticapps.net', 'trafficmanager.net',
    'blob.core.windows.net', 'web.core.windows.net', 'herokuapp.com', 'appspot.com', 'firebaseapp.com', 'web.app',
    'cloudfront.net', 'amazonaws.com', 'elasticbeanstalk.com', 'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev',
    'fly.dev', 'onrender.com', 'ngrok.io', 'ngrok-free.app', 'duckdns.org', 'dyndns.org', 'no-ip.org', 'nip.io', 'sslip.io',
  ];

  it.each(LISTED)('knows %s, in any case and with a trailing dot', (suffix) => {
    expect([isPublicSuffix(suffix), isPublicSuffix(suffix.toUpperCase()), isPublicSuffix(`${suffix}.`)]).toEqual([true, true, true]);
    expect(isPublicSuffix(`team.${suffix}`)).toBe(false);
  });

  it('counts every single label, and nothing longer that is not listed', () => {
    expect(['com', 'io', 'LOCAL', 'internal.', ''].map(isPublicSuffix)).toEqual([true, true, true, true, true]);
    expect(['example.com', 'corp.internal', 'co.uk.example', 'windows.net', 'core.windows.net', 'uk.co'].map(isPublicSuffix)).toEqual([false, false, false, false, false, false]);
  });
});

describe('privileged Azure roles', () => {
  const ROLES: Array<[string, string]> = [
    ['Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'],
    ['User Access Administrator', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9'],
    ['Role Based Access Control Administrator', 'f58310d9-a9f6-439a-9e8d-f62e7b41a168'],
  ];

  it.each(ROLES)('knows %s by name, by id and by role definition resource id', (name, id) => {
    expect(privilegedAzureRole(name)).toBe(name);
    expect(privilegedAzureRole(`  ${name.toUpperCase().replace(/ /g, ' \t ')}\n`)).toBe(name);
    expect(privilegedAzureRole(id)).toBe(name);
    expect(privilegedAzureRole(id.toUpperCase())).toBe(name);
    expect(privilegedAzureRole(`/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/${id}`)).toBe(name);
    expect(privilegedAzureRole(`/providers/Microsoft.Authorization/roleDefinitions/${id}x`)).toBeUndefined();
    expect(privilegedAzureRole(`x${id}`)).toBeUndefined();
    expect(privilegedAzureRole(`/other/${id}`)).toBeUndefined();
    expect(privilegedAzureRole(`${name}s`)).toBeUndefined();
  });

  it('finds nothing in an empty or missing role', () => {
    expect([undefined, '', ' ', 'Contributor', 'Reader'].map(privilegedAzureRole)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('Vault ACL path globs at their edges', () => {
  it.each([
    // '+' is one whole non-empty segment; '+*' ends a path as a segment then any rest.
    ['+', 'kv', true], ['+', '', false], ['+', 'kv/a', false], ['+', 'kv/', false],
    ['kv/+', 'kv/a', true], ['kv/+', 'kv/', false], ['kv/+/x', 'kv//x', false],
    ['kv/+*', 'kv/a', true], ['kv/+*', 'kv/a/b/c', true], ['kv/+*', 'kv/', false], ['kv/+*/x', 'kv/a/x', false], ['kv/+*/x', 'kv/+*/x', true],
    // '*' only at the very end is a glob; the empty rest matches too.
    ['kv/*', 'kv/', true], ['kv*', 'kv', true], ['kv*', 'k', false], ['kv/a*b', 'kv/a*b', true], ['kv/a*b', 'kv/axb', false],
    ['kv/a', 'kv/a', true], ['kv/a', 'kv/ab', false], ['kv/ab', 'kv/a', false], ['', '', true], ['', 'x', false],
  ])('%p matches %p: %p', (pattern, path, expected) => {
    expect(vaultPathMatches(pattern, path)).toBe(expected);
  });

  it.each([
    // A pattern reaches a prefix when some path under the prefix matches it.
    ['sys/+', 'sys/', true], ['sys/+', 'sys/po', true], ['sys/+', 'sys/policies/', false], ['sys/+/acl', 'sys/policies/', true],
    ['+', 'sys', true], ['+', 'sys/', false], ['sys', 'sys/', false], ['sys/policy', 'sys/policies/', false],
    ['sys/policies/acl/x', 'sys/policies/acl/', true], ['sys/policies/ac', 'sys/policies/acl/', false], ['sys/+*', 'sys/x/y/', true],
    ['kv/data/x', '', true], ['', 'kv', false],
  ])('%p reaches %p: %p', (pattern, prefix, expected) => {
    expect(vaultPathReaches(pattern, prefix)).toBe(expected);
  });

  it('tells a glob from a literal path and finds a star before the end', () => {
    expect(['kv/*', 'kv/+/x', '+', 'kv/+*', 'kv*'].map(isVaultPathGlob)).toEqual([true, true, true, true, true]);
    expect(['kv/data/x', 'kv/a*b', 'kv/a+b', '*/x', ''].map(isVaultPathGlob)).toEqual([false, false, false, false, false]);
    expect(['*/x', 'kv/a*b', '**'].map(hasMidPathStar)).toEqual([true, true, true]);
    expect(['*', 'kv/*', 'kv', ''].map(hasMidPathStar)).toEqual([false, false, false, false]);
  });
});

describe('Kubernetes auth bindings at their edges', () => {
  it.each([
    ['*', 'any'], ['**', 'any'], ['***', 'glob'], ['', 'exact'], ['a', 'exact'], ['ab', 'exact'], ['*a', 'glob'], ['a*', 'glob'], ['a*b', 'exact'],
  ])('%p is %p', (pattern, breadth) => {
    expect(bindingBreadth(pattern)).toBe(breadth);
  });

  it.each([
    ['*', '', true], ['a', 'a', true], ['a', 'b', false], ['', '', true], ['', 'a', false],
    ['*-prod', 'pay-prod', true], ['*-prod', 'pay-prodx', false], ['*-prod', '-prod', true],
    ['pay-*', 'pay-prod', true], ['pay-*', 'xpay-prod', false], ['pay-*', 'pay-', true],
    ['*sys*', 'kube-system', true], ['*sys*', 'kube-sy', false], ['**', '', true],
    ['a*b', 'a*b', true], ['a*b', 'axb', false],
  ])('%p accepts %p: %p', (pattern, name, ok) => {
    expect(bindingMatches(pattern, name)).toBe(ok);
  });

  it.each([
    ['42', true], ['null', true], ['"x"', true], ['[]', true], ['{"matchLabels": {"a": "b"}, "matchExpressions": []}', false],
    ['{"matchExpressions": []}', true], ['{"matchLabels": null}', true],
  ])('selector %p selects all: %p', (selector, all) => {
    expect(selectorMatchesAll(selector)).toBe(all);
  });
});
