/**
 * S5: Vault Kubernetes auth for Atlantis, with Vault outside the cluster.
 *
 * The reviewer ServiceAccount, its `system:auth-delegator` binding and token
 * Secret are created and wired in by reference (no base64 by hand). Atlantis
 * gets read access to its own KV mount instead of S5's `path "*"` admin
 * policy; `test/examples/atlantis-k8s-auth.test.ts` shows that such a policy is
 * refused without `allowWildcardPaths` / `allowSudo`.
 *
 * Atlantis itself is installed from its chart (pinned) with what it needs to
 * log in: a projected ServiceAccount token requested with the role's audience
 * (the default token carries the API server's, which the role refuses),
 * `VAULT_ADDR`, and the ServiceAccount the role binds. All of it is read from
 * the role object, so Atlantis and Vault cannot disagree. The VCS token and
 * webhook secret come from a Secret `atlantis-vcs` (keys `token`, `secret`)
 * made by hand, never from Terraform.
 */
import { TerraformVariable } from 'cdktf';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { KvV2Mount, VaultK8sAuth, VaultLoginToken, VaultServer } from '../lib';
import { PlatformStack } from '../lib/platform';

/** The Atlantis chart this example is written against (values checked against its values.schema.json). */
export const ATLANTIS_CHART_VERSION = '6.9.3';

/** Vault as Atlantis reaches it: outside the cluster, with a publicly trusted certificate. */
export const ATLANTIS_VAULT: VaultServer = { address: 'https://vault.domain.com:8200' };

/** Builds the `atlantis-k8s-auth` stack. */
export function atlantisK8sAuth(scope: Construct, id = 'atlantis-k8s-auth'): PlatformStack {
  const stack = new PlatformStack(scope, id, { providers: ['vault', 'kubernetes', 'helm'] });

  const auth = new VaultK8sAuth(stack, 'AtlantisAuth', {
    path: 'atlantis',
    externalReviewer: {
      kubernetesHost: 'https://k8s-endpoint.domain.com:6443',
      serviceAccountName: 'vault-reviewer',
      namespace: 'vault',
      clusterRoleBindingName: 'vault-auth-role-token-review-binding',
    },
  });
  const role = auth.addRole('AtlantisRole', {
    roleName: 'atlantis',
    serviceAccountNames: ['atlantis'],
    namespaces: ['atlantis'],
    // Periodic: Atlantis renews its token instead of logging in again.
    tokenPeriod: 1800,
  });

  const kv = new KvV2Mount(stack, 'AtlantisKv', { path: 'atlantis', description: 'secrets Atlantis plans with' });
  kv.grantRead(role, '*', { policyName: 'atlantis-read' });

  // Atlantis logs in with `vault write auth/atlantis/login role=atlantis
  // jwt=@/var/run/secrets/vault/token` (or the vault provider's `auth_login`
  // with the same path and file).
  const login = new VaultLoginToken(stack, 'AtlantisLogin', { role, server: ATLANTIS_VAULT });
  const input = (name: string, description: string) => new TerraformVariable(stack, name, { type: 'string', description }).stringValue;
  new Release(stack, 'Atlantis', {
    name: 'atlantis',
    repository: 'https://runatlantis.github.io/helm-charts',
    chart: 'atlantis',
    version: ATLANTIS_CHART_VERSION,
    namespace: login.serviceAccount.namespace,
    createNamespace: true,
    atomic: true,
    values: [JSON.stringify({
      orgAllowlist: input('atlantis_org_allowlist', 'Repositories Atlantis accepts, e.g. github.com/myorg/*'),
      atlantisUrl: input('atlantis_url', 'The URL Atlantis is reached at, for VCS webhooks'),
      vcsSecretName: 'atlantis-vcs',
      serviceAccount: { create: true, mount: true, name: login.serviceAccount.name },
      environment: login.environment,
      extraVolumes: login.volumes,
      extraVolumeMounts: login.volumeMounts,
    })],
    // The role must exist before Atlantis starts logging in.
    dependsOn: [role.resource],
  });
  return stack;
}
