import { Construct } from 'constructs';
import { WorkloadApplication } from '../../lib/entra/workload-application';
import { AzureSecretsEngine } from '../../lib/vault/azure-secrets-engine';
import { grant, IGrantee } from '../../lib/vault/grant';
import { KvV2Mount } from '../../lib/vault/kv-v2';
import { PkiIssuer } from '../../lib/vault/pki-issuer';
import { IVaultPolicy } from '../../lib/vault/policy';
import { resourcesOf, testStack } from '../helpers';

/** The smallest grantee: a role of some other auth method that only collects policies. */
class CustomRole extends Construct implements IGrantee {
  public readonly policies: IVaultPolicy[] = [];
  constructor(scope: Construct, id: string, public readonly roleName: string) {
    super(scope, id);
  }
  public addPolicy(policy: IVaultPolicy): void {
    this.policies.push(policy);
  }
}

describe('grants to any IGrantee', () => {
  it('writes a second grant of one action into the first one\'s policy, attached once', () => {
    const stack = testStack();
    const role = new CustomRole(stack, 'Role', 'app');
    const grantor = { construct: new Construct(stack, 'Mount'), mountPath: 'kv' };
    const first = grant(role, grantor, 'read', { path: 'kv/data/a', capabilities: ['read'] });
    const second = grant(role, grantor, 'read', { path: 'kv/data/b', capabilities: ['read'] });
    expect(second).toBe(first);
    expect(role.policies).toEqual([first]);
    expect(first.policyRules.map((r) => r.path)).toEqual(['kv/data/a', 'kv/data/b']);
    expect(grant(role, grantor, 'write', { path: 'kv/data/a', capabilities: ['update'] })).not.toBe(first);
    expect(role.policies.map((p) => p.policyName)).toEqual(['app-kv-read', 'app-kv-write']);
  });

  it('gives a custom grantee a KV read policy, ordered after the mount', () => {
    const stack = testStack();
    const kv = new KvV2Mount(stack, 'Kv', { path: 'apps' });
    const role = new CustomRole(stack, 'Ci', 'deploy');
    const policy = kv.grantRead(role, 'ci/*');
    expect(role.policies).toEqual([policy]);
    expect(policy.node.path).toBe('Test/Ci/KvReadPolicy');
    const [written] = resourcesOf(stack, 'vault_policy');
    expect(written).toMatchObject({ name: 'deploy-apps-read', policy: 'path "apps/data/ci/*" {\n  capabilities = ["read"]\n}\n' });
    expect(written.depends_on).toEqual([expect.stringMatching(/^vault_mount\.Kv_/)]);
  });

  it('gives a custom grantee PKI sign and Azure credentials policies', () => {
    const stack = testStack();
    const pki = new PkiIssuer(stack, 'Pki', { rootCa: { commonName: 'example.com' } });
    const pkiRole = pki.addRole('Web', { roleName: 'web', allowedDomains: ['example.com'] });
    const engine = new AzureSecretsEngine(stack, 'Azure', { tenantId: '11111111-1111-1111-1111-111111111111', subscriptionId: '22222222-2222-2222-2222-222222222222' });
    const azureRole = engine.addRole('Dns', { roleName: 'dns', application: WorkloadApplication.fromIds(stack, 'App', { clientId: '33333333-3333-3333-3333-333333333333', applicationObjectId: '44444444-4444-4444-4444-444444444444' }) });
    const role = new CustomRole(stack, 'Ci', 'deploy');
    const sign = pki.grantSign(pkiRole, role);
    const creds = engine.grantCredentials(azureRole, role);
    expect(role.policies).toEqual([sign, creds]);
    expect(resourcesOf(stack, 'vault_policy').map((p) => p.name).sort()).toEqual(['deploy-azure-creds', 'deploy-pki-sign']);
  });

  it('refuses a grantee that is not a construct: the policy is created as its child', () => {
    const stack = testStack();
    const kv = new KvV2Mount(stack, 'Kv');
    const notAConstruct = { node: stack.node, roleName: 'x', addPolicy: () => undefined } as unknown as IGrantee;
    expect(() => grant(notAConstruct, { construct: kv, mountPath: kv.mountPath }, 'read', { path: 'secret/data/x', capabilities: ['read'] }))
      .toThrow(/grantee 'Test' \(role 'x'\) must be a Construct/);
  });
});
