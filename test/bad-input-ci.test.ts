/**
 * The bad-input matrix of the CI identity constructs (#16): every row is a
 * prop value that must be rejected at synth, with a message naming the
 * construct path, the prop, the value received and what is allowed.
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { CiIdentityProvider } from '../lib/vault/ci-identity-provider';
import { VaultDeployPolicy } from '../lib/vault/deploy-policy';
import { VaultJwtAuth, VaultJwtAuthProps } from '../lib/vault/jwt-auth';
import { VaultJwtAuthRoleOptions } from '../lib/vault/jwt-auth-role';
import { KubernetesSecretsEngine, KubernetesSecretsEngineProps } from '../lib/vault/kubernetes-secrets-engine';
import { KubernetesSecretsRoleOptions } from '../lib/vault/kubernetes-secrets-role';
import { KvV2Mount } from '../lib/vault/kv-v2';
import { synth, testStack } from './helpers';

type Row = [what: string, build: (stack: TerraformStack) => unknown, message: RegExp];

const GITHUB = CiIdentityProvider.githubActions();
const ORG_ID = '11111111-2222-3333-4444-555555555555';
const jwtAuth = (s: TerraformStack, o: Partial<VaultJwtAuthProps> = {}) => new VaultJwtAuth(s, 'Ci', { provider: GITHUB, ...o });
const ROLE: VaultJwtAuthRoleOptions = { roleName: 'deploy', repository: 'moelove/homelab', environment: 'production' };
const jwtRole = (s: TerraformStack, o: Partial<VaultJwtAuthRoleOptions>, provider = GITHUB) => jwtAuth(s, { provider }).addRole('Role', { ...ROLE, ...o });
const RULES = [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'create'] }];
const K8S_ROLE: KubernetesSecretsRoleOptions = { roleName: 'deploy', namespaces: ['apps'], rules: RULES };
const engine = (s: TerraformStack, o: Partial<KubernetesSecretsEngineProps> = {}) => new KubernetesSecretsEngine(s, 'Engine', o);
const k8sRole = (s: TerraformStack, o: Partial<KubernetesSecretsRoleOptions>) => engine(s).addRole('Role', { ...K8S_ROLE, ...o });
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

export const CI_ROWS: Row[] = [
  // VaultJwtAuth
  ['jwt path with leading slash', (s) => jwtAuth(s, { path: '/jwt' }), /VaultJwtAuth 'Test\/Ci': 'path' must be a Vault mount path.*\(got '\/jwt'\)/],
  ['jwt path with auth/ prefix and trailing slash', (s) => jwtAuth(s, { path: 'auth/jwt/' }), /'path' must be a Vault mount path.*\(got 'auth\/jwt\/'\)/],
  ['empty audience', (s) => jwtAuth(s, { audience: ' ' }), /'audience' must be a non-empty audience without wildcards \(got ' '\)/],
  ['wildcard audience', (s) => jwtAuth(s, { audience: 'vault*' }), /'audience' must be a non-empty audience without wildcards \(got 'vault\*'\)/],
  ['GitHub Enterprise slug with capitals', (s) => jwtAuth(s, { provider: CiIdentityProvider.githubActions({ enterpriseSlug: 'Contoso' }) }), /'provider.enterpriseSlug' must be a GitHub Enterprise slug.*\(got 'Contoso'\)/],
  ['Azure DevOps organization id that is no UUID', (s) => jwtAuth(s, { provider: CiIdentityProvider.azureDevOps({ organizationId: 'contoso' }) }), /'provider.organizationId' must be the Azure DevOps organization id, a UUID \(got 'contoso'\)/],
  ['GitLab over http', (s) => jwtAuth(s, { provider: CiIdentityProvider.gitlab({ url: 'http://gitlab.local' }) }), /'provider.issuer' must be a URL starting with https:\/\/ \(got 'http:\/\/gitlab.local'\)/],
  ['Entra tenant that is no UUID', (s) => jwtAuth(s, { provider: CiIdentityProvider.entraWorkloadIdentity({ tenantId: 'contoso.onmicrosoft.com' }), audience: 'api://vault' }), /'provider.tenantId' must be the Entra tenant id, a UUID \(got 'contoso.onmicrosoft.com'\)/],
  ['Entra without an audience', (s) => jwtAuth(s, { provider: CiIdentityProvider.entraWorkloadIdentity({ tenantId: ORG_ID }) }), /'audience' must be set for Entra ID: the application ID URI of Vault's app registration.*\(got nothing\)/],
  ['Entra role bound to a display name', (s) => jwtAuth(s, { provider: CiIdentityProvider.entraWorkloadIdentity({ tenantId: ORG_ID }), audience: 'api://vault' }).addRole('Role', { roleName: 'r', repository: 'ci-deployer' }), /'repository' must be the object id \(a UUID\).*\(got 'ci-deployer'\)/],
  ['GitLab URL that is no URL', (s) => jwtAuth(s, { provider: CiIdentityProvider.gitlab({ url: 'gitlab.local' }) }), /'provider.issuer' must be a URL.*\(got 'gitlab.local'\)/],
  // VaultJwtAuthRole: the repository
  ['role bound to no repository', (s) => jwtRole(s, { repository: '' }), /VaultJwtAuthRole 'Test\/Ci\/Role': role 'deploy': 'repository' must name the one repository whose jobs may log in.*\(got ''\)/],
  ['role with the repository left out', (s) => jwtRole(s, { repository: undefined }), /'repository' must name the one repository.*\(got nothing\)/],
  ['role bound to every repository', (s) => jwtRole(s, { repository: '*' }), /'repository' must be 'owner\/repository'.*without wildcards \(got '\*'\)/],
  ['role bound to an owner wildcard', (s) => jwtRole(s, { repository: 'moelove/*' }), /'repository' must be 'owner\/repository'.*\(got 'moelove\/\*'\)/],
  ['role bound to a repository prefix', (s) => jwtRole(s, { repository: 'moelove/homelab-*' }), /\(got 'moelove\/homelab-\*'\)/],
  ['role bound to a ? pattern', (s) => jwtRole(s, { repository: 'moelove/homela?' }), /\(got 'moelove\/homela\?'\)/],
  ['role bound to an owner only', (s) => jwtRole(s, { repository: 'moelove' }), /'repository' must be 'owner\/repository'.*\(got 'moelove'\)/],
  ['role bound to a repository URL', (s) => jwtRole(s, { repository: 'https://github.com/moelove/homelab' }), /\(got 'https:\/\/github.com\/moelove\/homelab'\)/],
  ['role bound to a comma list of repositories', (s) => jwtRole(s, { repository: 'moelove/homelab,evil/fork' }), /\(got 'moelove\/homelab,evil\/fork'\)/],
  ['GitLab role bound to a group wildcard', (s) => jwtRole(s, { repository: 'platform/*' }, CiIdentityProvider.gitlab()), /'repository' must be a project path 'group\/project'.*\(got 'platform\/\*'\)/],
  ['GitLab role bound to a group only', (s) => jwtRole(s, { repository: 'platform' }, CiIdentityProvider.gitlab()), /'repository' must be a project path.*\(got 'platform'\)/],
  ['Azure DevOps role bound to a project only', (s) => jwtRole(s, { repository: 'contoso/platform', environment: undefined }, CiIdentityProvider.azureDevOps({ organizationId: ORG_ID })), /'repository' must be 'organization\/project\/service-connection'.*\(got 'contoso\/platform'\)/],
  // VaultJwtAuthRole: where it may be used
  ['role bound to the repository alone', (s) => jwtRole(s, { environment: undefined }), /'environment' or ref or pullRequests must be set: a role bound to the repository alone lets a job on any branch log in.*\(got nothing\)/],
  ['wildcard environment', (s) => jwtRole(s, { environment: 'prod*' }), /'environment' must be an exact, non-empty value without wildcards \(got 'prod\*'\)/],
  ['empty environment', (s) => jwtRole(s, { environment: '' }), /'environment' must be an exact, non-empty value without wildcards \(got ''\)/],
  ['wildcard ref', (s) => jwtRole(s, { environment: undefined, ref: 'refs/heads/*' }), /'ref' must be an exact, non-empty value without wildcards \(got 'refs\/heads\/\*'\)/],
  ['GitHub branch name instead of a ref', (s) => jwtRole(s, { environment: undefined, ref: 'main' }), /'ref' must be a full ref like 'refs\/heads\/main'.*\(got 'main'\)/],
  ['pull requests with an environment', (s) => jwtRole(s, { pullRequests: true }), /'pullRequests' must not be combined with ref or environment.*\(got true\)/],
  ['environment on Azure DevOps', (s) => jwtRole(s, { repository: 'contoso/platform/deploy' }, CiIdentityProvider.azureDevOps({ organizationId: ORG_ID })), /'environment' cannot be bound: Azure DevOps tokens carry no such claim.*\(got 'production'\)/],
  ['pull requests on Azure DevOps', (s) => jwtRole(s, { repository: 'contoso/platform/deploy', environment: undefined, pullRequests: true }, CiIdentityProvider.azureDevOps({ organizationId: ORG_ID })), /'pullRequests' cannot be bound: Azure DevOps tokens carry no pull-request claim \(got true\)/],
  // VaultJwtAuthRole: name and TTLs
  ['role name with a space', (s) => jwtRole(s, { roleName: 'ci deploy' }), /'roleName' must be letters, digits.*\(got 'ci deploy'\)/],
  ['token TTL in words', (s) => jwtRole(s, { tokenTtl: '20 minutes' }), /'tokenTtl' must be a duration like 15m or 1h.*\(got '20 minutes'\)/],
  ['token TTL in days', (s) => jwtRole(s, { tokenTtl: '1d' }), /'tokenTtl' must be a duration.*\(got '1d'\)/],
  ['zero token TTL', (s) => jwtRole(s, { tokenTtl: 0 }), /'tokenTtl' must be at least 1s \(got 0\)/],
  ['token TTL above the max TTL', (s) => jwtRole(s, { tokenTtl: '2h' }), /'tokenTtl' must not exceed tokenMaxTtl \(1h\) \(got '2h'\)/],
  ['negative max TTL', (s) => jwtRole(s, { tokenMaxTtl: -5 }), /'tokenMaxTtl' must be a duration.*\(got -5\)/],
  // VaultDeployPolicy
  ['deploy policy name with capitals', (s) => new VaultDeployPolicy(s, 'Deploy', { policyName: 'CI-Deploy', manages: s }), /VaultDeployPolicy 'Test\/Deploy': 'policyName' must be lowercase.*\(got 'CI-Deploy'\)/],
  ['deploy policy named root', (s) => new VaultDeployPolicy(s, 'Deploy', { policyName: 'root', manages: s }), /'policyName' .*not 'root' or 'default' \(got 'root'\)/],
  ['deploy policy with a mount-wide additional rule', (s) => new VaultDeployPolicy(s, 'Deploy', { policyName: 'ci', manages: s, additionalRules: [{ path: '+/config', capabilities: ['read'] }] }), /'additionalRules '\+\/config'' must be scoped to one mount.*\(got '\+\/config'\)/],
  ['deploy policy with sudo in an additional rule', (s) => new VaultDeployPolicy(s, 'Deploy', { policyName: 'ci', manages: s, additionalRules: [{ path: 'sys/raw/x', capabilities: ['sudo'] }] }), /'additionalRules 'sys\/raw\/x'' must not grant sudo \(got 'sudo'\)/],
  ['deploy policy with an empty additional rule', (s) => new VaultDeployPolicy(s, 'Deploy', { policyName: 'ci', manages: s, additionalRules: [{ path: 'kv/config', capabilities: [] }] }), /'additionalRules 'kv\/config'.capabilities' must not be empty \(got \[\]\)/],
  // KubernetesSecretsEngine
  ['engine path with trailing slash', (s) => engine(s, { path: 'kubernetes/' }), /KubernetesSecretsEngine 'Test\/Engine': 'path' must be a Vault mount path.*\(got 'kubernetes\/'\)/],
  ['engine max TTL in days', (s) => engine(s, { maxTtl: '7d' }), /'maxTtl' must be a duration.*\(got '7d'\)/],
  ['engine max TTL of a week', (s) => engine(s, { maxTtl: '168h' }), /'maxTtl' must be at most 24h \(got '168h'\)/],
  ['engine max TTL under a minute', (s) => engine(s, { maxTtl: 30 }), /'maxTtl' must be at least 1m \(got 30\)/],
  ['Vault ServiceAccount not DNS-1123', (s) => engine(s, { vaultServiceAccount: { name: 'Vault', namespace: 'vault' } }), /'vaultServiceAccount.name' must be a DNS-1123 label.*\(got 'Vault'\)/],
  ['Vault ServiceAccount namespace not DNS-1123', (s) => engine(s, { vaultServiceAccount: { name: 'vault', namespace: 'vault_ns' } }), /'vaultServiceAccount.namespace' must be a DNS-1123 label.*\(got 'vault_ns'\)/],
  ['external cluster over http', (s) => engine(s, { externalCluster: { kubernetesHost: 'http://k8s:6443', serviceAccountJwt: new TerraformVariable(s, 'jwt', { type: 'string' }).stringValue, kubernetesCaCert: PEM } }), /'externalCluster.kubernetesHost' must be a URL starting with https:\/\/ \(got 'http:\/\/k8s:6443'\)/],
  ['external cluster with a literal JWT', (s) => engine(s, { externalCluster: { kubernetesHost: 'https://k8s:6443', serviceAccountJwt: 'eyJhbGciOiJSUzI1NiJ9.e30.sig', kubernetesCaCert: PEM } }), /'externalCluster.serviceAccountJwt' must be a reference \(a Secret attribute or a sensitive variable\), never a literal token in the code/],
  ['external cluster CA that is no PEM', (s) => engine(s, { externalCluster: { kubernetesHost: 'https://k8s:6443', serviceAccountJwt: new TerraformVariable(s, 'jwt', { type: 'string' }).stringValue, kubernetesCaCert: 'LS0tLS1CRUdJTg==' } }), /'externalCluster.kubernetesCaCert' must be a PEM certificate \(got 'LS0tLS1CRUdJTg=='\)/],
  // KubernetesSecretsRole
  ['engine role with no namespaces', (s) => k8sRole(s, { namespaces: [] }), /KubernetesSecretsRole 'Test\/Engine\/Role': role 'deploy': 'namespaces' must not be empty \(got \[\]\)/],
  ['engine role for every namespace', (s) => k8sRole(s, { namespaces: ['*'] }), /'namespaces' lets a token be requested for every namespace.*\(got '\*'\)/],
  ['engine role namespace not DNS-1123', (s) => k8sRole(s, { namespaces: ['Apps'] }), /'namespaces' must hold DNS-1123 labels.*\(got 'Apps'\)/],
  ['engine role with * verbs', (s) => k8sRole(s, { rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }] }), /rules\[0\]: 'verbs' grants every verb; list the verbs or set allowWildcardRules: true \(got '\*'\)/],
  ['engine role with * resources', (s) => k8sRole(s, { rules: [{ apiGroups: ['apps'], resources: ['*'], verbs: ['get'] }] }), /rules\[0\]: 'resources' grants every resource.*\(got '\*'\)/],
  ['engine role with * API groups', (s) => k8sRole(s, { rules: [{ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }] }), /rules\[0\]: 'apiGroups' grants every API group.*\(got '\*'\)/],
  ['engine role with an unknown verb', (s) => k8sRole(s, { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['read'] }] }), /rules\[0\]: 'verbs' must be one of get, list, watch.*\(got 'read'\)/],
  ['engine role with a capitalised resource', (s) => k8sRole(s, { rules: [{ apiGroups: [''], resources: ['Pods'], verbs: ['get'] }] }), /rules\[0\]: 'resources' must be a lowercase resource name.*\(got 'Pods'\)/],
  ['engine role with a bad API group', (s) => k8sRole(s, { rules: [{ apiGroups: ['Apps/v1'], resources: ['deployments'], verbs: ['get'] }] }), /rules\[0\]: 'apiGroups' must be '' \(the core group\) or an API group like 'apps' \(got 'Apps\/v1'\)/],
  ['engine rule with no verbs', (s) => k8sRole(s, { rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }] }), /rules\[0\]: 'verbs' must not be empty \(got \[\]\)/],
  ['engine role with empty rules', (s) => k8sRole(s, { rules: [] }), /'rules' must not be empty \(got \[\]\)/],
  ['engine role with no rights', (s) => k8sRole(s, { rules: undefined }), /'rules' or kubernetesRoleName or serviceAccountName: exactly one must be set \(got '\(none\)'\)/],
  ['engine role with rules and a role name', (s) => k8sRole(s, { kubernetesRoleName: 'edit' }), /'rules' or kubernetesRoleName or serviceAccountName: exactly one must be set/],
  ['engine role binding a role name that is no DNS name', (s) => k8sRole(s, { rules: undefined, kubernetesRoleName: 'Cluster Admin' }), /'kubernetesRoleName' must be a DNS-1123 subdomain.*\(got 'Cluster Admin'\)/],
  ['engine role with a ServiceAccount name that is no DNS name', (s) => k8sRole(s, { rules: undefined, serviceAccountName: 'Deployer' }), /'serviceAccountName' must be a DNS-1123 subdomain.*\(got 'Deployer'\)/],
  ['engine role token TTL of hours', (s) => k8sRole(s, { tokenTtl: '2h' }), /'tokenTtl' must not exceed tokenMaxTtl \(30m\) \(got '2h'\)/],
  ['engine role max TTL of days', (s) => k8sRole(s, { tokenMaxTtl: '48h' }), /'tokenMaxTtl' must be at most 24h \(got '48h'\)/],
  ['engine role token TTL under a minute', (s) => k8sRole(s, { tokenTtl: '30s' }), /'tokenTtl' must be at least 1m \(got '30s'\)/],
  ['engine role name with a slash', (s) => k8sRole(s, { roleName: 'ci/deploy' }), /'roleName' must be letters, digits.*\(got 'ci\/deploy'\)/],
  ['credentials of another engine\'s role', (s) => {
    const other = new KubernetesSecretsEngine(s, 'Other', { path: 'other' }).addRole('R', K8S_ROLE);
    engine(s).grantCredentials(other, jwtRole(s, {}));
  }, /KubernetesSecretsEngine 'Test\/Engine': grantCredentials to role 'deploy': 'role' must be a role added with this engine's addRole \(mount 'kubernetes'\) \(got 'deploy'\)/],
];

describe('bad-input matrix: CI identity', () => {
  it('has a row for every CI construct prop that takes a literal', () => {
    expect(CI_ROWS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CI_ROWS)('rejects %s', (_what, build, message) => {
    expect(() => build(testStack())).toThrow(message);
  });

  it('lists every problem of one role in one error', () => {
    expect(() => jwtRole(testStack(), { roleName: 'ci deploy', repository: 'moelove/*', environment: 'prod*', tokenTtl: '1 hour' }))
      .toThrow(/^(VaultJwtAuthRole 'Test\/Ci\/Role': role 'ci deploy': .*\n){3}VaultJwtAuthRole 'Test\/Ci\/Role': role 'ci deploy': .*$/);
  });

  it('never rejects values known only at apply time', () => {
    const s = testStack();
    const v = (name: string) => new TerraformVariable(s, name, { type: 'string' }).stringValue;
    const n = (name: string) => new TerraformVariable(s, name, { type: 'number' }).numberValue;
    const auth = new VaultJwtAuth(s, 'Ci', { provider: GITHUB, path: v('path'), audience: v('aud') });
    const role = auth.addRole('Role', { roleName: v('role'), repository: v('repo'), environment: v('env'), tokenTtl: v('ttl'), tokenMaxTtl: n('max') });
    auth.addRole('Ref', { roleName: 'ref', repository: 'a/b', ref: v('ref') });
    const e = new KubernetesSecretsEngine(s, 'Engine', {
      path: v('kpath'), maxTtl: n('kmax'), vaultServiceAccount: { name: v('sa'), namespace: v('sans') },
      externalCluster: { kubernetesHost: v('host'), serviceAccountJwt: v('jwt'), kubernetesCaCert: v('ca') },
    });
    const kr = e.addRole('Role', { roleName: v('krole'), namespaces: [v('ns')], rules: RULES, tokenTtl: v('kttl'), tokenMaxTtl: n('kmaxttl') });
    e.addRole('Bound', { roleName: 'bound', namespaces: ['apps'], kubernetesRoleName: v('crole') });
    e.grantCredentials(kr, role);
    new KvV2Mount(s, 'Kv', { path: v('kv') });
    new VaultDeployPolicy(s, 'Deploy', { policyName: v('policy'), manages: s });
    expect(() => synth(s)).not.toThrow();
  });
});
