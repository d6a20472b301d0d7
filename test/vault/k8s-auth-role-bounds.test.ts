import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { VaultK8sAuthRoleOptions } from '../../lib/vault/k8s-auth-role';
import { onlyResource, testStack } from '../helpers';

// Token lifetimes of a Kubernetes auth role at their bounds (issue #19): a
// zero TTL would mean "the mount's default" to Vault, not "no token".

const base = { roleName: 'app', serviceAccountNames: ['app'], namespaces: ['apps'] };
const errorOf = (o: Partial<VaultK8sAuthRoleOptions>): string => {
  try {
    new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, ...o });
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('VaultK8sAuthRole token lifetimes', () => {
  it.each([
    ['tokenTtl', 0, '0'], ['tokenTtl', '0s', "'0s'"], ['tokenMaxTtl', 0, '0'], ['tokenMaxTtl', '0', "'0'"], ['tokenPeriod', 0, '0'], ['tokenPeriod', '0m', "'0m'"],
  ])('refuses %s = %p: Vault would read zero as its default', (prop, value, shown) => {
    expect(errorOf({ [prop]: value }).split('\n')[0]).toBe(`VaultK8sAuthRole 'Test/Auth/Role': role 'app': '${prop}' must be at least 1s (got ${shown})`);
  });

  it('takes one second, and writes it in seconds', () => {
    const stack = testStack();
    new VaultK8sAuth(stack, 'Auth').addRole('Role', { ...base, tokenTtl: 1, tokenMaxTtl: '1s', tokenPeriod: '1s' });
    expect(onlyResource(stack, 'vault_kubernetes_auth_backend_role')).toEqual(expect.objectContaining({ token_ttl: 1, token_max_ttl: 1, token_period: 1 }));
  });

  it('takes a TTL equal to the max TTL, and refuses one second more', () => {
    expect(errorOf({ tokenTtl: '1h', tokenMaxTtl: 3600 })).toBe('');
    expect(errorOf({ tokenTtl: 3601, tokenMaxTtl: '1h' })).toBe("VaultK8sAuthRole 'Test/Auth/Role': role 'app': 'tokenTtl' must not exceed tokenMaxTtl (1h) (got 3601)");
  });

  it('defaults the TTL to an hour', () => {
    const stack = testStack();
    new VaultK8sAuth(stack, 'Auth').addRole('Role', base);
    expect(onlyResource(stack, 'vault_kubernetes_auth_backend_role').token_ttl).toBe(3600);
  });
});
