import { Aspects, Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { SecurityChecks } from '../../lib/checks';
import { jwtRoleUnbound, kubernetesSecretsRoleClusterWildcard, policyWritesAnyAcl } from '../../lib/checks/rules';
import { CiIdentityProvider } from '../../lib/vault/ci-identity-provider';
import { VaultDeployPolicy } from '../../lib/vault/deploy-policy';
import { VaultJwtAuth } from '../../lib/vault/jwt-auth';
import { KubernetesSecretsEngine } from '../../lib/vault/kubernetes-secrets-engine';
import { KvV2Mount } from '../../lib/vault/kv-v2';
import { synth, testStack } from '../helpers';
import { aclPolicy, CI_CASES, jwtRole, k8sSecretsRole } from './ci-rule-cases';

function run(build: (s: TerraformStack) => void, failOnError = false) {
  const stack = testStack();
  build(stack);
  const checks = new SecurityChecks({ failOnError });
  Aspects.of(stack).add(checks);
  synth(stack);
  return { stack, findings: checks.findings };
}

describe('CI identity rules', () => {
  it('are registered with their ids and levels', () => {
    expect([jwtRoleUnbound, policyWritesAnyAcl, kubernetesSecretsRoleClusterWildcard].map((r) => [r.id, r.level])).toEqual([
      ['VP-CI-1', 'error'], ['VP-CI-2', 'error'], ['VP-CI-3', 'error'],
    ]);
  });

  describe.each(Object.entries(CI_CASES))('%s', (id, { bad, good }) => {
    it.each(Object.entries(bad))('flags %s', (_, build) => {
      expect(run(build).findings.map((f) => f.ruleId)).toContain(id);
    });
    it.each(Object.entries(good))('leaves alone %s', (_, build) => {
      expect(run(build).findings.map((f) => f.ruleId)).not.toContain(id);
    });
  });

  it('VP-CI-1 reports an unbound role on the role with level and message', () => {
    const { findings } = run(jwtRole({ boundClaims: { ref: 'refs/heads/main' } }));
    const f = findings.find((x) => x.ruleId === 'VP-CI-1')!;
    expect(f).toEqual(expect.objectContaining({ level: 'error', path: 'Test/JwtRole' }));
    expect(f.message).toBe('[VP-CI-1] JWT auth role binds no exact repository: role \'ci\' has bound_claims {"ref":"refs/heads/main"} and no bound_subject. '
      + 'CI issuers sign tokens for every repository they host: without an exact repository claim, any of them can log in.');
  });

  it('VP-CI-1 names the wildcard repository', () => {
    const f = run(jwtRole({ boundClaims: { repository: 'moelove/*' }, boundClaimsType: 'glob' })).findings.find((x) => x.ruleId === 'VP-CI-1')!;
    expect(f.message).toContain('role \'ci\' binds repository = "moelove/*" with glob matching');
  });

  it('VP-CI-2 names the path and the write capabilities', () => {
    const f = run(aclPolicy('sys/policies/acl/*', '"read", "create", "update"')).findings.find((x) => x.ruleId === 'VP-CI-2')!;
    expect(f).toEqual(expect.objectContaining({ level: 'error', path: 'Test/Acl' }));
    expect(f.message).toMatch(/^\[VP-CI-2\] Vault policy can write ACL policies beyond the names it manages: policy 'ci' allows create, update on "sys\/policies\/acl\/\*"\. Writing any ACL policy is root/);
  });

  it('VP-CI-3 names the role and the rule', () => {
    const f = run(k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', generatedRoleRules: JSON.stringify({ rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }] }) }))
      .findings.find((x) => x.ruleId === 'VP-CI-3')!;
    expect(f).toEqual(expect.objectContaining({ level: 'error', path: 'Test/K8sRole' }));
    expect(f.message).toContain('role \'ci\' generates a ClusterRole whose rule 0 has verbs ["*"] on ["secrets"]');
  });

  it('reports on the library construct that owns the resource, and fails the synth with failOnError', () => {
    const stack = testStack();
    const e = new KubernetesSecretsEngine(stack, 'K8sSecrets');
    e.addRole('Admin', { roleName: 'admin', namespaces: ['apps'], clusterRole: true, allowWildcardRules: true, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] });
    const checks = new SecurityChecks({ failOnError: true });
    Aspects.of(stack).add(checks);
    // The pack fails the synth either by throwing or by an error annotation, which cdktf's CLI turns into a failure.
    let thrown = '';
    try { synth(stack); } catch (err) { thrown = String(err); }
    const admin = stack.node.findChild('K8sSecrets').node.findChild('Admin');
    const annotated = admin.node.metadata.filter((m) => m.type === '@cdktf/error').map((m) => String(m.data)).join('\n');
    expect(`${thrown}\n${annotated}`).toMatch(/\[VP-CI-3\]/);
    expect(checks.findings.filter((f) => f.ruleId === 'VP-CI-3').map((f) => f.path)).toEqual(['Test/K8sSecrets/Admin']);
  });

  it('stays quiet on what the constructs build by default, deploy policy included', () => {
    const { findings } = run((s) => {
      new KvV2Mount(s, 'Kv', { path: 'eso' });
      const ci = new VaultJwtAuth(s, 'Ci', { provider: CiIdentityProvider.githubActions() });
      const deploy = ci.addRole('Deploy', { roleName: 'deploy', repository: 'moelove/homelab', environment: 'production' });
      ci.addRole('Plan', { roleName: 'plan', repository: 'moelove/homelab', pullRequests: true });
      const engine = new KubernetesSecretsEngine(s, 'K8sSecrets');
      engine.grantCredentials(engine.addRole('Deploy', { roleName: 'deploy', namespaces: ['apps'], clusterRole: true, rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'create'] }] }), deploy);
      deploy.addPolicy(new VaultDeployPolicy(s, 'DeployPolicy', { policyName: 'ci-deploy', manages: s, protect: [ci, engine] }));
    });
    expect(findings.filter((f) => !f.suppressedBecause).map((f) => f.message)).toEqual([]);
    // The deploy policy's sudo on exact sys/auth paths is a reviewed suppression, not silence.
    expect([...new Set(findings.filter((f) => f.suppressedBecause).map((f) => f.ruleId))]).toEqual(['VP-POL-1']);
  });
});

// Module-level lists of the CI rules, each entry pinned (issue #19: mutants of the
// claim list, the write capabilities and the generated-rules reader survived).
describe('CI identity rules, entry by entry', () => {
  const ids = (build: (s: TerraformStack) => void) => run(build).findings.map((f) => f.ruleId);

  it.each(['repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'project_path', 'project_id', 'namespace_path', 'namespace_id', 'sub', 'oid'])(
    'VP-CI-1 takes an exact %s claim for an identity, and flags it as a glob', (claim) => {
      expect(ids(jwtRole({ boundClaims: { [claim]: 'moelove/homelab' } }))).not.toContain('VP-CI-1');
      const f = run(jwtRole({ boundClaims: { [claim]: 'moelove/*' }, boundClaimsType: 'glob' })).findings.filter((x) => x.ruleId === 'VP-CI-1');
      expect(f.map((x) => x.message)).toEqual([expect.stringContaining(`role 'ci' binds ${claim} = "moelove/*" with glob matching`)]);
    });

  it.each(['create', 'update', 'patch', 'delete'])('VP-CI-2 counts %s as a write, and names it', (cap) => {
    const f = run(aclPolicy('sys/policies/acl/*', `"read", "${cap}"`)).findings.filter((x) => x.ruleId === 'VP-CI-2');
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining(`policy 'ci' allows ${cap} on "sys/policies/acl/*"`)]);
  });

  it('VP-CI-2 reaches the legacy sys/policy/<name> endpoint through a + segment', () => {
    const f = run(aclPolicy('sys/+/+')).findings.filter((x) => x.ruleId === 'VP-CI-2');
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining(`policy 'ci' allows create, update on "sys/+/+"`)]);
    expect(ids(aclPolicy('sys/policies/acl/team-a'))).not.toContain('VP-CI-2');
    expect(ids(aclPolicy('sys/policy/team-a'))).not.toContain('VP-CI-2');
  });

  it('VP-CI-3 reads generated rules as JSON or YAML, numbering the rule objects it reads', () => {
    const clusterRole = (generatedRoleRules: string) => k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', generatedRoleRules });
    const f = run(clusterRole(JSON.stringify({ rules: [null, 'x', { resources: ['pods'] }, { verbs: ['*'], resources: ['secrets'] }] }))).findings.filter((x) => x.ruleId === 'VP-CI-3');
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining(`role 'ci' generates a ClusterRole whose rule 1 has verbs ["*"] on ["secrets"]`)]);
    const bare = run(clusterRole(JSON.stringify({ rules: [{ verbs: ['*'] }] }))).findings.filter((x) => x.ruleId === 'VP-CI-3');
    expect(bare.map((x) => x.message)).toEqual([expect.stringContaining('whose rule 0 has verbs ["*"] on []')]);
    const yaml = run(clusterRole('rules:\n- apiGroups: [""]\n  resources: [pods]\n  verbs: ["*"]\n')).findings.filter((x) => x.ruleId === 'VP-CI-3');
    expect(yaml.map((x) => x.message)).toEqual([expect.stringContaining('whose rule 0 has verbs ["*"] on ["pods"]')]);
  });

  it('VP-CI-3 reads nothing from empty, computed, unparsable or rule-less text, and stays quiet', () => {
    for (const text of ['', '{"rules": 5}', 'rules: [unclosed', 'null', '{"other": []}']) {
      expect(run(k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', generatedRoleRules: text })).findings.filter((x) => x.ruleId === 'VP-CI-3')).toEqual([]);
    }
    expect(run((s) => k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', generatedRoleRules: new TerraformVariable(s, 'Rules', { type: 'string' }).stringValue })(s))
      .findings.filter((x) => x.ruleId === 'VP-CI-3')).toEqual([]);
  });

  it('VP-CI-3 judges a Role only when it may be created in every namespace', () => {
    const wild = JSON.stringify({ rules: [{ resources: ['pods'], verbs: ['*'] }] });
    expect(ids(k8sSecretsRole({ allowedKubernetesNamespaces: undefined, allowedKubernetesNamespaceSelector: '{"matchLabels":{"a":"b"}}', generatedRoleRules: wild }))).not.toContain('VP-CI-3');
    const every = run(k8sSecretsRole({ allowedKubernetesNamespaces: ['*'], generatedRoleRules: wild })).findings.filter((x) => x.ruleId === 'VP-CI-3');
    expect(every.map((x) => x.message)).toEqual([expect.stringContaining('generates every namespace whose rule 0')]);
  });

  it('VP-CI-3 reports a cluster-admin binding on the role, in any scope, before the rules it generates', () => {
    const wild = JSON.stringify({ rules: [{ resources: ['pods'], verbs: ['*'] }] });
    const f = run(k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', kubernetesRoleName: 'cluster-admin', generatedRoleRules: wild })).findings.filter((x) => x.ruleId === 'VP-CI-3');
    expect(f.map((x) => [x.level, x.path])).toEqual([['error', 'Test/K8sRole'], ['error', 'Test/K8sRole']]);
    expect(f.map((x) => x.message)).toEqual([
      expect.stringContaining(`: role 'ci' binds kubernetes_role_name = "cluster-admin". `),
      expect.stringContaining(`: role 'ci' generates a ClusterRole whose rule 0 has verbs ["*"] on ["pods"]. `),
    ]);
    const inApps = run(k8sSecretsRole({ kubernetesRoleName: 'cluster-admin' })).findings.filter((x) => x.ruleId === 'VP-CI-3');
    expect(inApps.map((x) => x.message)).toEqual([expect.stringContaining(`role 'ci' binds kubernetes_role_name = "cluster-admin"`)]);
    expect(ids(k8sSecretsRole({ kubernetesRoleName: 'edit' }))).not.toContain('VP-CI-3');
  });

  it('VP-CI-3 takes the role type in any case, and judges an explicit Role only in every namespace', () => {
    const wild = JSON.stringify({ rules: [{ resources: ['pods'], verbs: ['*'] }] });
    const lower = run(k8sSecretsRole({ kubernetesRoleType: 'clusterrole', generatedRoleRules: wild })).findings.filter((x) => x.ruleId === 'VP-CI-3');
    expect(lower.map((x) => x.message)).toEqual([expect.stringContaining(`role 'ci' generates a ClusterRole whose rule 0`)]);
    expect(ids(k8sSecretsRole({ kubernetesRoleType: 'Role', generatedRoleRules: wild }))).not.toContain('VP-CI-3');
    const every = run(k8sSecretsRole({ kubernetesRoleType: 'Role', allowedKubernetesNamespaces: ['apps', '*'], generatedRoleRules: wild })).findings.filter((x) => x.ruleId === 'VP-CI-3');
    expect(every.map((x) => x.message)).toEqual([expect.stringContaining(`role 'ci' generates every namespace whose rule 0 has verbs ["*"] on ["pods"]`)]);
  });

  it('VP-CI-3 reads literal * verbs in rules holding values known only at apply time, and in a literal Fn.jsonencode or Fn.yamlencode', () => {
    const clusterRole = (rules: (s: TerraformStack) => string) => (s: TerraformStack) => k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', generatedRoleRules: rules(s) })(s);
    const kind = (s: TerraformStack) => new TerraformVariable(s, 'Kind', { type: 'string' }).stringValue;
    const messages = (build: (s: TerraformStack) => void) => run(build).findings.filter((x) => x.ruleId === 'VP-CI-3').map((x) => x.message);
    expect(messages(clusterRole((s) => JSON.stringify({ rules: [{ resources: [kind(s)], verbs: ['*'] }] }))))
      .toEqual([expect.stringContaining('role \'ci\' generates a ClusterRole whose rule 0 has verbs ["*"] on ["${var.Kind}"]')]);
    expect(messages(clusterRole((s) => JSON.stringify({ rules: [{ resources: ['pods'], verbs: [kind(s)] }] })))).toEqual([]);
    expect(messages(clusterRole(() => Fn.jsonencode({ rules: [{ resources: ['secrets'], verbs: ['*'] }] }))))
      .toEqual([expect.stringContaining('whose rule 0 has verbs ["*"] on ["secrets"]')]);
    expect(messages(clusterRole(() => Fn.yamlencode({ rules: [{ resources: ['pods'], verbs: ['get'] }, { resources: ['secrets'], verbs: ['*'] }] }))))
      .toEqual([expect.stringContaining('whose rule 1 has verbs ["*"] on ["secrets"]')]);
    expect(messages(clusterRole(() => Fn.jsonencode({ rules: [{ resources: ['pods'], verbs: ['get'] }] })))).toEqual([]);
  });
});
