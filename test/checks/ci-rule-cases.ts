import { JwtAuthBackendRole, JwtAuthBackendRoleConfig } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { KubernetesSecretBackendRole, KubernetesSecretBackendRoleConfig } from '@cdktf/provider-vault/lib/kubernetes-secret-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { TerraformStack, TerraformVariable } from 'cdktf';

type Build = (stack: TerraformStack) => void;

export const jwtRole = (c: Partial<JwtAuthBackendRoleConfig>): Build => (s) => {
  new JwtAuthBackendRole(s, 'JwtRole', {
    backend: 'jwt', roleName: 'ci', roleType: 'jwt', userClaim: 'actor', boundAudiences: ['vault'],
    boundClaims: { repository: 'moelove/homelab', environment: 'production' }, ...c,
  });
};
export const aclPolicy = (path: string, caps = '"create", "update"'): Build => (s) => {
  new Policy(s, 'Acl', { name: 'ci', policy: `path "${path}" {\n  capabilities = [${caps}]\n}\n` });
};
export const k8sSecretsRole = (c: Partial<KubernetesSecretBackendRoleConfig>): Build => (s) => {
  new KubernetesSecretBackendRole(s, 'K8sRole', { backend: 'kubernetes', name: 'ci', allowedKubernetesNamespaces: ['apps'], ...c });
};
const rules = (verbs: string[]) => JSON.stringify({ rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs }] });

/** The CI identity rules' cases, in the shape of rules.test.ts's CASES: stacks each rule must flag, and must leave alone. */
export const CI_CASES: Record<string, { bad: Record<string, Build>; good: Record<string, Build> }> = {
  'VP-CI-1': {
    bad: {
      'a JWT role with no bound claims': jwtRole({ boundClaims: undefined }),
      'a JWT role bound to a ref only': jwtRole({ boundClaims: { ref: 'refs/heads/main' } }),
      'a JWT role bound to a repository glob': jwtRole({ boundClaims: { repository: 'moelove/*' }, boundClaimsType: 'glob' }),
      'a JWT role bound to a comma list of repositories': jwtRole({ boundClaims: { repository: 'moelove/homelab,evil/fork' } }),
      'a JWT role bound to a subject glob': jwtRole({ boundClaims: undefined, boundSubject: 'repo:moelove/*' }),
      'a role of no stated type, no redirect URIs and no claims': jwtRole({ roleType: undefined, boundClaims: undefined }),
    },
    good: {
      'a JWT role bound to an exact repository and environment': jwtRole({}),
      'a pull-request role whose ref is a glob but repository exact': jwtRole({ boundClaims: { repository: 'moelove/homelab', ref: 'refs/pull/*/merge' }, boundClaimsType: 'glob' }),
      'a role bound by exact subject': jwtRole({ boundClaims: undefined, boundSubject: 'sc://contoso/platform/deploy' }),
      'an OIDC (browser) role': jwtRole({ roleType: 'oidc', boundClaims: undefined, allowedRedirectUris: ['https://vault.example/ui/vault/auth/oidc/oidc/callback'] }),
      'a role of Vault\'s default type (oidc) with redirect URIs': jwtRole({ roleType: undefined, boundClaims: undefined, allowedRedirectUris: ['https://vault.example/oidc/callback'] }),
      'a repository known only at apply time': (s) => {
        const repo = new TerraformVariable(s, 'repo', { type: 'string' });
        jwtRole({ boundClaims: { repository: repo.stringValue }, boundClaimsType: 'glob' })(s);
      },
    },
  },
  'VP-CI-2': {
    bad: {
      'a policy writing sys/policies/acl/*': aclPolicy('sys/policies/acl/*'),
      'a policy writing sys/*': aclPolicy('sys/*', '"update"'),
      'a policy writing sys/policies/+/*': aclPolicy('sys/policies/+/*', '"delete"'),
      'a policy writing the legacy sys/policy/*': aclPolicy('sys/policy/*'),
      'a policy writing policies by prefix': aclPolicy('sys/policies/acl/team-*'),
    },
    good: {
      'a policy writing exactly the names it manages': aclPolicy('sys/policies/acl/eso-vault-client'),
      'a policy reading every ACL policy': aclPolicy('sys/policies/acl/*', '"read", "list"'),
      'a policy denying sys/policies/acl/*': aclPolicy('sys/policies/acl/*', '"deny"'),
      'a policy on a KV mount': aclPolicy('eso/data/*', '"read"'),
    },
  },
  'VP-CI-3': {
    bad: {
      'a generated ClusterRole with * verbs': k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', generatedRoleRules: rules(['*']) }),
      'a generated Role with * verbs for every namespace': k8sSecretsRole({ allowedKubernetesNamespaces: ['*'], generatedRoleRules: rules(['*']) }),
      'generated rules in YAML with * verbs': k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', generatedRoleRules: 'rules:\n- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n' }),
      'a binding to cluster-admin': k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', kubernetesRoleName: 'cluster-admin' }),
    },
    good: {
      'a generated ClusterRole with listed verbs': k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', generatedRoleRules: rules(['get', 'list', 'create']) }),
      'a Role with * verbs in exact namespaces': k8sSecretsRole({ generatedRoleRules: rules(['*']) }),
      'a binding to the view ClusterRole': k8sSecretsRole({ kubernetesRoleType: 'ClusterRole', kubernetesRoleName: 'view' }),
    },
  },
};
