import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { KubernetesSecretBackend } from '@cdktf/provider-vault/lib/kubernetes-secret-backend';
import { KubernetesSecretBackendRole } from '@cdktf/provider-vault/lib/kubernetes-secret-backend-role';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { CiIdentityProvider } from '../../lib/vault/ci-identity-provider';
import { VaultJwtAuth } from '../../lib/vault/jwt-auth';
import { IN_CLUSTER_KUBERNETES_HOST } from '../../lib/vault/k8s-auth';
import { KubernetesSecretsEngine } from '../../lib/vault/kubernetes-secrets-engine';
import { onlyResource, resourcesOf, synth, testStack, warningsOf } from '../helpers';

const deployRules = [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'] }];

describe('KubernetesSecretsEngine', () => {
  let stack: TerraformStack;
  let engine: KubernetesSecretsEngine;
  beforeEach(() => {
    stack = testStack();
    engine = new KubernetesSecretsEngine(stack, 'K8sSecrets');
  });

  it('mounts the engine in the cluster with Vault\'s own pod token and a 1h cap', () => {
    expect(synth(stack)).toHaveResourceWithProperties(KubernetesSecretBackend, {
      path: 'kubernetes', kubernetes_host: IN_CLUSTER_KUBERNETES_HOST, disable_local_ca_jwt: false, max_lease_ttl_seconds: 3600,
    });
    expect(onlyResource(stack, 'vault_kubernetes_secret_backend').service_account_jwt).toBeUndefined();
  });

  it('issues tokens of minutes for exact namespaces and generated rules', () => {
    engine.addRole('Deploy', { roleName: 'ci-deploy', namespaces: ['apps', 'web'], rules: deployRules });
    const role = onlyResource(stack, 'vault_kubernetes_secret_backend_role');
    expect(role).toMatchObject({
      backend: 'kubernetes', name: 'ci-deploy', allowed_kubernetes_namespaces: ['apps', 'web'], kubernetes_role_type: 'Role',
      token_default_ttl: 600, token_max_ttl: 1800,
    });
    expect(JSON.parse(role.generated_role_rules)).toEqual({ rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: deployRules[0].verbs }] });
  });

  it('binds an existing ClusterRole or ServiceAccount instead of generated rules', () => {
    engine.addRole('A', { roleName: 'a', namespaces: ['apps'], kubernetesRoleName: 'view', clusterRole: true });
    engine.addRole('B', { roleName: 'b', namespaces: ['apps'], serviceAccountName: 'deployer' });
    const json = synth(stack);
    expect(json).toHaveResourceWithProperties(KubernetesSecretBackendRole, { name: 'a', kubernetes_role_name: 'view', kubernetes_role_type: 'ClusterRole' });
    expect(json).toHaveResourceWithProperties(KubernetesSecretBackendRole, { name: 'b', service_account_name: 'deployer' });
  });

  it('gives Vault\'s ServiceAccount what the engine needs when asked', () => {
    const s = testStack();
    const e = new KubernetesSecretsEngine(s, 'E', { vaultServiceAccount: { name: 'vault', namespace: 'vault' } });
    const role = onlyResource(s, 'kubernetes_cluster_role_v1');
    expect(role.rule.flatMap((r: any) => r.verbs)).not.toContain('*');
    expect(synth(s)).toHaveResourceWithProperties(ClusterRoleBindingV1, { subject: [{ kind: 'ServiceAccount', name: 'vault', namespace: 'vault' }] });
    expect(e.vaultClusterRole).toBeDefined();
  });

  it('grants a CI role the creds of one engine role and revoking only those leases', () => {
    const ci = new VaultJwtAuth(stack, 'Ci', { provider: CiIdentityProvider.githubActions() });
    const jwtRole = ci.addRole('Deploy', { roleName: 'deploy', repository: 'moelove/homelab', environment: 'production' });
    const role = engine.addRole('Deploy', { roleName: 'ci-deploy', namespaces: ['apps'], rules: deployRules });
    const policy = engine.grantCredentials(role, jwtRole);
    expect(policy.policyName).toBe('deploy-kubernetes-creds');
    expect(policy.renderHcl()).toContain('path "kubernetes/creds/ci-deploy" {\n  capabilities = ["update"]\n}');
    expect(policy.renderHcl()).toContain('"lease_id" = ["kubernetes/creds/ci-deploy/*"]');
    expect(policy.renderHcl()).not.toMatch(/sys\/leases\/renew/);
    expect(resourcesOf(stack, 'vault_jwt_auth_backend_role')[0].token_policies).toEqual(['deploy-kubernetes-creds']);
    expect(engine.secretFlowEdges()[0].to.label).toBe('Kubernetes Role ci-deploy (get list create update patch delete) in apps, token 10m');
  });

  it('refuses a role of another engine', () => {
    const other = new KubernetesSecretsEngine(stack, 'Other', { path: 'k8s-other' });
    const role = other.addRole('R', { roleName: 'r', namespaces: ['apps'], rules: deployRules });
    const ci = new VaultJwtAuth(stack, 'Ci', { provider: CiIdentityProvider.githubActions() });
    const jwtRole = ci.addRole('Deploy', { roleName: 'deploy', repository: 'a/b', environment: 'production' });
    expect(() => engine.grantCredentials(role, jwtRole)).toThrow(/'role' must be a role added with this engine's addRole \(mount 'kubernetes'\) \(got 'r'\)/);
  });

  it('refuses * verbs, resources, groups and namespaces unless opted into, which warns', () => {
    expect(() => engine.addRole('R', { roleName: 'r', namespaces: ['*'], rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] })).toThrow(
      /'namespaces' lets a token be requested for every namespace[\s\S]*'verbs' grants every verb[\s\S]*'resources' grants every resource[\s\S]*'apiGroups' grants every API group/);
    const role = engine.addRole('S', { roleName: 's', namespaces: ['*'], allowAllNamespaces: true, allowWildcardRules: true, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] });
    expect(warningsOf(role).join('\n')).toMatch(/allowWildcardRules[\s\S]*allowAllNamespaces/);
  });

  it('refuses unknown verbs, no or several rights sources and long TTLs', () => {
    expect(() => engine.addRole('R', { roleName: 'r', namespaces: ['apps'], rules: [{ apiGroups: [''], resources: ['Pods'], verbs: ['read'] }] })).toThrow(
      /'verbs' must be one of get, list[\s\S]*'resources' must be a lowercase resource name/);
    expect(() => engine.addRole('S', { roleName: 's', namespaces: ['apps'] })).toThrow(/'rules' or kubernetesRoleName or serviceAccountName: exactly one must be set/);
    expect(() => engine.addRole('T', { roleName: 't', namespaces: ['apps'], kubernetesRoleName: 'view', serviceAccountName: 'x' })).toThrow(/exactly one must be set/);
    expect(() => engine.addRole('U', { roleName: 'u', namespaces: ['apps'], kubernetesRoleName: 'view', tokenMaxTtl: '48h' })).toThrow(/'tokenMaxTtl' must be at most 24h \(got '48h'\)/);
    expect(() => engine.addRole('V', { roleName: 'v', namespaces: ['apps'], kubernetesRoleName: 'view', tokenTtl: '45m' })).toThrow(/'tokenTtl' must not exceed tokenMaxTtl \(30m\) \(got '45m'\)/);
  });

  it('refuses a literal service account JWT for an external cluster, and takes a reference', () => {
    expect(() => new KubernetesSecretsEngine(stack, 'X', { path: 'x', externalCluster: { kubernetesHost: 'https://k8s:6443', serviceAccountJwt: 'eyJhbGciOi.literal.token', kubernetesCaCert: 'not a pem' } })).toThrow(
      /'externalCluster.serviceAccountJwt' must be a reference[\s\S]*'externalCluster.kubernetesCaCert' must be a PEM certificate/);
    const jwt = new TerraformVariable(stack, 'jwt', { type: 'string', sensitive: true });
    new KubernetesSecretsEngine(stack, 'Y', { path: 'y', externalCluster: { kubernetesHost: 'https://k8s:6443', serviceAccountJwt: jwt.stringValue, kubernetesCaCert: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n' } });
    expect(synth(stack)).toHaveResourceWithProperties(KubernetesSecretBackend, { path: 'y', disable_local_ca_jwt: true, service_account_jwt: '${var.jwt}' });
  });

  it('matches the snapshot', () => {
    engine.addRole('Deploy', { roleName: 'ci-deploy', namespaces: ['apps'], rules: deployRules });
    expect(synth(stack)).toMatchSnapshot();
  });
});
