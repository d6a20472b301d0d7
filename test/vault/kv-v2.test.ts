import { Mount } from '@cdktf/provider-vault/lib/mount';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { KvV2Mount } from '../../lib/vault/kv-v2';
import { onlyResource, resourcesOf, synth, testStack } from '../helpers';

function setup() {
  const stack = testStack();
  const kv = new KvV2Mount(stack, 'Kv', { path: 'eso' });
  const role = new VaultK8sAuth(stack, 'Auth').addRole('Role', { roleName: 'eso-vault', serviceAccountNames: ['vault-auth'], namespaces: ['vault'] });
  return { stack, kv, role };
}

describe('KvV2Mount', () => {
  it('mounts KV version 2 at secret by default', () => {
    const stack = testStack();
    new KvV2Mount(stack, 'Kv');
    expect(synth(stack)).toHaveResourceWithProperties(Mount, { path: 'secret', type: 'kv', options: { version: '2' } });
  });

  it('carries prevent_destroy: deleting the mount deletes every secret', () => {
    const stack = testStack();
    new KvV2Mount(stack, 'Kv');
    expect(onlyResource(stack, 'vault_mount').lifecycle).toEqual({ prevent_destroy: true });
  });

  it('grants read on <mount>/data/<glob> only', () => {
    const { stack, kv, role } = setup();
    kv.grantRead(role, '*', { policyName: 'eso-vault-client' });
    expect(synth(stack)).toHaveResourceWithProperties(Policy, {
      name: 'eso-vault-client',
      policy: 'path "eso/data/*" {\n  capabilities = ["read"]\n}\n',
    });
    expect(synth(stack)).toHaveResourceWithProperties(KubernetesAuthBackendRole, { token_policies: ['eso-vault-client'] });
  });

  it('collects several grants to one role into one policy with a derived name', () => {
    const { stack, kv, role } = setup();
    const first = kv.grantRead(role, 'team-a/*');
    const second = kv.grantRead(role, 'shared/config/');
    expect(second).toBe(first);
    expect(resourcesOf(stack, 'vault_policy')).toHaveLength(1);
    expect(synth(stack)).toHaveResourceWithProperties(Policy, {
      name: 'eso-vault-eso-read',
      policy: 'path "eso/data/team-a/*" {\n  capabilities = ["read"]\n}\n\npath "eso/data/shared/config" {\n  capabilities = ["read"]\n}\n',
    });
  });

  it('fails on a mount path with a leading slash', () => {
    expect(() => new KvV2Mount(testStack(), 'Kv', { path: '/eso' }))
      .toThrow(/^KvV2Mount 'Test\/Kv': 'path' must be a Vault mount path.*\(got '\/eso'\)$/);
  });

  it('fails on a grant glob with a leading slash', () => {
    const { kv, role } = setup();
    expect(() => kv.grantRead(role, '/foo'))
      .toThrow(/^KvV2Mount 'Test\/Kv': grantRead to role 'eso-vault': 'pathGlob' must be a secret path inside the mount.*\(got '\/foo'\)$/);
  });

  it('matches the snapshot', () => {
    const { stack, kv, role } = setup();
    kv.grantRead(role, '*');
    expect(synth(stack)).toMatchSnapshot();
  });
});
