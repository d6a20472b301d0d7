import { Policy } from '@cdktf/provider-vault/lib/policy';
import { isMountWidePath, renderPolicyHcl, VaultPolicy } from '../../lib/vault/policy';
import { synth, testStack, warningsOf } from '../helpers';

describe('VaultPolicy', () => {
  it('renders typed rules to HCL', () => {
    const stack = testStack();
    new VaultPolicy(stack, 'Policy', {
      policyName: 'eso-vault-client',
      rules: [{ path: 'eso/data/*', capabilities: ['read'] }],
    });
    expect(synth(stack)).toHaveResourceWithProperties(Policy, {
      name: 'eso-vault-client',
      policy: 'path "eso/data/*" {\n  capabilities = ["read"]\n}\n',
    });
  });

  it('merges a rule added for a path it already has', () => {
    const stack = testStack();
    const policy = new VaultPolicy(stack, 'Policy', { policyName: 'p', rules: [{ path: 'kv/data/a', capabilities: ['read'] }] });
    policy.addRule({ path: 'kv/data/a', capabilities: ['list', 'read'] });
    policy.addRule({ path: 'kv/data/b', capabilities: ['read'], comment: 'why b' });
    expect(policy.renderHcl()).toBe('path "kv/data/a" {\n  capabilities = ["read", "list"]\n}\n\n# why b\npath "kv/data/b" {\n  capabilities = ["read"]\n}\n');
  });

  it('renders allowed_parameters, and merges them as Vault would: the wider grant wins', () => {
    const policy = new VaultPolicy(testStack(), 'Policy', { policyName: 'p' });
    policy.addRule({ path: 'sys/leases/renew', capabilities: ['update'], allowedParameters: { lease_id: ['azure/creds/a/*'], increment: [] } });
    policy.addRule({ path: 'sys/leases/renew', capabilities: ['update'], allowedParameters: { lease_id: ['azure/creds/b/*', 'azure/creds/a/*'], increment: ['3600'] } });
    expect(policy.renderHcl()).toBe('path "sys/leases/renew" {\n  capabilities = ["update"]\n  allowed_parameters = {\n    "lease_id" = ["azure/creds/a/*", "azure/creds/b/*"]\n    "increment" = []\n  }\n}\n');
    // A rule on the same path without restrictions allows every parameter.
    policy.addRule({ path: 'sys/leases/renew', capabilities: ['update'] });
    expect(policy.renderHcl()).toBe('path "sys/leases/renew" {\n  capabilities = ["update"]\n}\n');
  });

  it('rejects allowed parameter names and values that would break the HCL', () => {
    expect(() => new VaultPolicy(testStack(), 'Policy', { policyName: 'p', rules: [{ path: 'sys/leases/revoke', capabilities: ['update'], allowedParameters: { 'lease id': [] } }] }))
      .toThrow(/rule 'sys\/leases\/revoke': 'allowedParameters' must have parameter names of letters, digits, '_' or '-', or '\*' for any \(got 'lease id'\)/);
    expect(() => new VaultPolicy(testStack(), 'Policy', { policyName: 'p', rules: [{ path: 'sys/leases/revoke', capabilities: ['update'], allowedParameters: { lease_id: ['a"b'] } }] }))
      .toThrow(/'allowedParameters.lease_id' must hold values without quotes, backslashes or line breaks \(got 'a"b'\)/);
  });

  it('rejects an unknown capability', () => {
    expect(() => new VaultPolicy(testStack(), 'Policy', {
      policyName: 'p',
      rules: [{ path: 'kv/data/a', capabilities: ['reed' as never] }],
    })).toThrow(/VaultPolicy 'Test\/Policy': rule 'kv\/data\/a': 'capabilities' must only hold create, read, .* \(got 'reed'\)/);
  });

  it('rejects an empty capability list', () => {
    expect(() => new VaultPolicy(testStack(), 'Policy', { policyName: 'p', rules: [{ path: 'kv/x', capabilities: [] }] }))
      .toThrow(/'capabilities' must not be empty \(got \[\]\)/);
  });

  it('rejects a path with a leading slash', () => {
    expect(() => new VaultPolicy(testStack(), 'Policy', { policyName: 'p', rules: [{ path: '/kv/data/a', capabilities: ['read'] }] }))
      .toThrow(/'path' must be a non-empty Vault path without a leading '\/'.*\(got '\/kv\/data\/a'\)/);
  });

  it('fails on a * path without allowWildcardPaths', () => {
    expect(() => new VaultPolicy(testStack(), 'Policy', { policyName: 'admin', rules: [{ path: '*', capabilities: ['read'] }] }))
      .toThrow(/rule '\*': 'path' is a glob across every mount; scope it to one mount or set allowWildcardPaths: true \(got '\*'\)/);
  });

  it('fails on sudo without allowSudo', () => {
    expect(() => new VaultPolicy(testStack(), 'Policy', { policyName: 'p', rules: [{ path: 'sys/mounts', capabilities: ['sudo'] }] }))
      .toThrow(/'capabilities' includes sudo; set allowSudo: true/);
  });

  it('lists every problem in one error', () => {
    let message = '';
    try {
      new VaultPolicy(testStack(), 'Policy', { policyName: 'Root', rules: [{ path: '*', capabilities: ['sudo', 'fly' as never] }] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toHaveLength(4);
    expect(message).toMatch(/'policyName' must be lowercase/);
  });

  it('allows * and sudo with opt-ins, and warns', () => {
    const stack = testStack();
    const policy = new VaultPolicy(stack, 'Policy', {
      policyName: 'admin',
      allowWildcardPaths: true,
      allowSudo: true,
      rules: [{ path: '*', capabilities: ['create', 'read', 'update', 'delete', 'list', 'sudo'] }],
    });
    expect(warningsOf(policy)).toEqual([
      expect.stringMatching(/^allowWildcardPaths: policy 'admin'/),
      expect.stringMatching(/^allowSudo: policy 'admin'/),
    ]);
  });

  it('rejects Vault\'s own policy names', () => {
    expect(() => new VaultPolicy(testStack(), 'Policy', { policyName: 'root' })).toThrow(/'policyName' .* not 'root' or 'default' \(got 'root'\)/);
  });

  it('imports a policy by name', () => {
    expect(VaultPolicy.fromPolicyName('default').policyName).toBe('default');
  });

  it('classifies mount-wide paths', () => {
    expect(['*', 'pki*', '+/creds/x'].map(isMountWidePath)).toEqual([true, true, true]);
    expect(['eso/data/*', 'pki/sign/role'].map(isMountWidePath)).toEqual([false, false]);
    expect(renderPolicyHcl([])).toBe('');
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    new VaultPolicy(stack, 'Policy', { policyName: 'p', rules: [{ path: 'kv/data/a', capabilities: ['read'] }] });
    expect(synth(stack)).toMatchSnapshot();
  });
});
