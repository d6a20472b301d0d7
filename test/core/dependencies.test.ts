import { TerraformStack } from 'cdktf';
import { certManagerAzureDns } from '../../examples/cert-manager-azure-dns';
import { KvV2Mount, VaultK8sAuth } from '../../lib';
import { synthObject, testApp, testStack } from '../helpers';

function authWithTwoGrants(stack: TerraformStack) {
  const auth = new VaultK8sAuth(stack, 'Auth');
  const role = auth.addRole('Role', { roleName: 'app', serviceAccountNames: ['app'], namespaces: ['apps'] });
  new KvV2Mount(stack, 'KvA', { path: 'a' }).grantRead(role, '*');
  new KvV2Mount(stack, 'KvB', { path: 'b' }).grantRead(role, '*');
  return role;
}

describe('addDependency', () => {
  it('orders a role after its policies and each policy after its mount', () => {
    const stack = testStack();
    authWithTwoGrants(stack);
    const r = synthObject(stack).resource!;
    const role = Object.values(r.vault_kubernetes_auth_backend_role)[0];
    expect(role.depends_on).toEqual(expect.arrayContaining([
      expect.stringMatching(/^vault_policy\.Auth_Role_KvAReadPolicy_/),
      expect.stringMatching(/^vault_policy\.Auth_Role_KvBReadPolicy_/),
      expect.stringMatching(/^vault_auth_backend\.Auth_/),
    ]));
    const policies = Object.entries(r.vault_policy);
    expect(policies).toHaveLength(2);
    for (const [, p] of policies) {
      // A policy waits for its own mount only: never for its sibling, which would be a cycle.
      expect(p.depends_on).toHaveLength(1);
      expect(p.depends_on[0]).toMatch(/^vault_mount\.Kv[AB]_/);
    }
  });

  it('writes bare addresses, the form Terraform takes in depends_on', () => {
    const stack = testStack();
    authWithTwoGrants(stack);
    const all = Object.values(synthObject(stack).resource!).flatMap((byName) => Object.values(byName)).flatMap((x: any) => x.depends_on ?? []);
    expect(all.length).toBeGreaterThan(0);
    for (const d of all) expect(d).toMatch(/^[a-z0-9_]+\.[A-Za-z0-9_]+$/);
  });

  it('gives the same depends_on however often a stack is synthesized', () => {
    const stack = testStack();
    authWithTwoGrants(stack);
    const first = synthObject(stack).resource!.vault_kubernetes_auth_backend_role;
    expect(synthObject(stack).resource!.vault_kubernetes_auth_backend_role).toEqual(first);
    expect(Object.values(first)[0].depends_on).toHaveLength(3);
  });

  it('leaves dependencies on other stacks to the stack dependency', () => {
    const app = testApp();
    const vault = new TerraformStack(app, 'vault');
    const other = new TerraformStack(app, 'other');
    const role = authWithTwoGrants(vault);
    const kv = new KvV2Mount(other, 'KvC', { path: 'c' });
    kv.grantRead(role, '*');
    const r = synthObject(vault).resource!;
    for (const p of Object.values(r.vault_policy) as any[]) {
      for (const d of p.depends_on ?? []) expect(d).not.toMatch(/KvC/);
    }
  });

  it('makes VSO wait for its Vault role and the issuer for cert-manager and its Secret (S1)', () => {
    const stack = certManagerAzureDns(testApp());
    const r = synthObject(stack).resource!;
    const byKind = (kind: string) => Object.values(r.kubernetes_manifest).find((m: any) => m.manifest.kind === kind) as any;
    expect(byKind('VaultAuth').depends_on).toEqual(expect.arrayContaining([
      expect.stringMatching(/^kubernetes_manifest\.VaultConnection_/),
      expect.stringMatching(/^vault_kubernetes_auth_backend_role\.KubernetesAuth_AzureRole_/),
      expect.stringMatching(/^vault_policy\./),
    ]));
    expect(byKind('VaultDynamicSecret').depends_on).toEqual(expect.arrayContaining([
      expect.stringMatching(/^kubernetes_manifest\.VaultAuth_/),
      expect.stringMatching(/^vault_azure_secret_backend_role\.AzureSecrets_CertManagerRole_/),
    ]));
    // cert-manager is installed by the operators stack, which this one depends on as a whole.
    expect(byKind('ClusterIssuer').depends_on).toEqual([expect.stringMatching(/^kubernetes_manifest\.AzureCredentials_/)]);
    expect(stack.dependencies.map((d) => d.node.id)).toEqual(['cert-manager-azure-dns-operators']);
  });
});
