/**
 * S5: Vault Kubernetes auth for Atlantis, with Vault outside the cluster.
 *
 * The reviewer ServiceAccount, its `system:auth-delegator` binding and token
 * Secret are created and wired in by reference (no base64 by hand). Atlantis
 * gets read access to its own KV mount instead of S5's `path "*"` admin
 * policy; `test/examples/atlantis-k8s-auth.test.ts` shows that such a policy is
 * refused without `allowWildcardPaths` / `allowSudo`.
 */
import { Construct } from 'constructs';
import { KvV2Mount, VaultK8sAuth } from '../lib';
import { PlatformStack } from '../lib/platform';

/** Builds the `atlantis-k8s-auth` stack. */
export function atlantisK8sAuth(scope: Construct, id = 'atlantis-k8s-auth'): PlatformStack {
  const stack = new PlatformStack(scope, id, { providers: ['vault', 'kubernetes'] });

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
  return stack;
}
