import { Testing, TerraformStack } from 'cdktf';
import { exampleStacks, EXAMPLES } from '../../examples';
import { testApp } from '../helpers';

// The examples are meant for one Vault and one cluster: deployed side by side,
// no two may create the same mount, policy, Helm release or Kubernetes object.
const app = testApp();
for (const [name, build] of Object.entries(EXAMPLES)) build(app, name);
const stacks = new Map(app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack).map((s) => [s.node.id, s]));
const json = new Map([...stacks].map(([id, s]) => [id, JSON.parse(Testing.synth(s))]));
const resources = (id: string, type: string): any[] => Object.values(json.get(id)?.resource?.[type] ?? {});

/** What each example's stacks create, by a key unique on one Vault and one cluster. */
function claims(example: string): string[] {
  return exampleStacks(example).flatMap((id) => [
    ...resources(id, 'vault_mount').map((r) => `secrets mount ${r.path}`),
    ...resources(id, 'vault_azure_secret_backend').map((r) => `secrets mount ${r.path ?? 'azure'}`),
    ...resources(id, 'vault_auth_backend').map((r) => `auth mount ${r.path ?? r.type}`),
    ...resources(id, 'vault_policy').map((r) => `policy ${r.name}`),
    ...resources(id, 'helm_release').map((r) => `helm release ${r.namespace}/${r.name}`),
    ...resources(id, 'kubernetes_manifest').map((r) => `${r.manifest.kind} ${r.manifest.metadata.namespace ?? ''}/${r.manifest.metadata.name}`),
    ...['kubernetes_service_account_v1', 'kubernetes_role_v1', 'kubernetes_role_binding_v1', 'kubernetes_cluster_role_binding_v1', 'kubernetes_secret_v1', 'kubernetes_namespace_v1']
      .flatMap((type) => resources(id, type).map((r) => `${type} ${r.metadata.namespace ?? ''}/${r.metadata.name}`)),
  ]);
}

describe('examples on one shared Vault and cluster', () => {
  it('builds every stack each example declares, and only those', () => {
    expect([...stacks.keys()].sort()).toEqual(Object.keys(EXAMPLES).flatMap(exampleStacks).sort());
  });

  it('never creates the same mount, policy, release or object in two examples', () => {
    const owner = new Map<string, string>();
    const collisions: string[] = [];
    for (const example of Object.keys(EXAMPLES)) {
      for (const claim of new Set(claims(example))) {
        if (owner.has(claim)) collisions.push(`${claim}: ${owner.get(claim)} and ${example}`);
        else owner.set(claim, example);
      }
    }
    expect(collisions).toEqual([]);
    // The three examples on in-cluster Vault each own their Kubernetes auth mount.
    expect([...owner.keys()].filter((c) => c.startsWith('auth mount')).sort())
      .toEqual(['auth mount atlantis', 'auth mount kubernetes-cert-manager', 'auth mount kubernetes-eso', 'auth mount kubernetes-pki']);
  });

  it('mounts every auth backend its roles log in through itself: nothing is assumed to exist', () => {
    for (const example of Object.keys(EXAMPLES)) {
      const ids = exampleStacks(example);
      const mounted = ids.flatMap((id) => resources(id, 'vault_auth_backend').map((r) => r.path));
      const used = ids.flatMap((id) => resources(id, 'vault_kubernetes_auth_backend_role').map((r) => r.backend));
      expect({ example, missing: used.filter((b) => !mounted.includes(b)) }).toEqual({ example, missing: [] });
    }
  });

  describe.each(Object.keys(EXAMPLES))('example %s', (example) => {
    const order = exampleStacks(example);

    it('deploys in one cdktf deploy per stack: no stack installs a chart and plans custom resources', () => {
      for (const id of order) {
        const types = Object.keys(json.get(id).resource ?? {});
        expect({ id, both: types.includes('helm_release') && types.includes('kubernetes_manifest') }).toEqual({ id, both: false });
      }
    });

    it('makes each stack depend on the ones deployed before it', () => {
      order.forEach((id, i) => {
        const deps = stacks.get(id)!.dependencies.map((d) => d.node.id);
        expect(deps.sort()).toEqual(order.slice(0, i).sort());
      });
    });
  });
});
