/**
 * The deploy pipeline's identity in the Vault layer (issue #16): the JWT auth
 * its jobs log in with, a plan role for pull requests and a deploy role for
 * the protected environment, each with a Vault policy derived from what the
 * layer manages and a Kubernetes secrets engine role for minutes-long
 * cluster credentials.
 *
 * Everything here is under one construct, `CiIdentity`, which the deploy
 * policies protect: the pipeline can read its own identity but never change
 * it. Changes to it (and the first apply) are made by a person with a
 * break-glass token; see the README's bootstrap.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CiIdentityProvider } from '../lib/vault/ci-identity-provider';
import { VaultDeployPolicy } from '../lib/vault/deploy-policy';
import { VaultJwtAuth } from '../lib/vault/jwt-auth';
import type { VaultJwtAuthRole } from '../lib/vault/jwt-auth-role';
import { KubernetesRbacRule } from '../lib/vault/kubernetes-secrets-role';
import { KubernetesSecretsEngine } from '../lib/vault/kubernetes-secrets-engine';
import type { PlatformConfig } from './config';

/** What {@link buildCiIdentity} creates. */
export interface CiIdentity {
  readonly scope: Construct;
  readonly auth: VaultJwtAuth;
  readonly planRole: VaultJwtAuthRole;
  readonly deployRole: VaultJwtAuthRole;
  readonly kubernetes: KubernetesSecretsEngine;
  readonly planPolicy: VaultDeployPolicy;
  readonly deployPolicy: VaultDeployPolicy;
}

/**
 * What the platform and workloads layers create in the cluster: the Helm
 * charts' objects (CRDs, webhooks, RBAC, workloads) and the custom resources.
 * Listed, never `*`.
 */
const DEPLOYED: ReadonlyArray<Pick<KubernetesRbacRule, 'apiGroups' | 'resources'>> = [
  { apiGroups: [''], resources: ['namespaces', 'serviceaccounts', 'secrets', 'configmaps', 'services', 'pods', 'persistentvolumeclaims'] },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'] },
  { apiGroups: ['batch'], resources: ['jobs'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'] },
  { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] },
  { apiGroups: ['external-secrets.io'], resources: ['clustersecretstores', 'secretstores', 'externalsecrets'] },
  { apiGroups: ['secrets.hashicorp.com'], resources: ['vaultconnections', 'vaultauths', 'vaultdynamicsecrets', 'vaultstaticsecrets'] },
  { apiGroups: ['cert-manager.io'], resources: ['clusterissuers', 'issuers', 'certificates'] },
];

const READ_VERBS = ['get', 'list', 'watch'];
const WRITE_VERBS = [...READ_VERBS, 'create', 'update', 'patch', 'delete'];

/** Adds the pipeline's identity to `vault` (the Vault layer), if the config has a `ci` section. */
export function buildCiIdentity(vault: TerraformStack, config: PlatformConfig): CiIdentity | undefined {
  const ci = config.ci;
  if (!ci) return undefined;
  const scope = new Construct(vault, 'CiIdentity');
  const provider = ci.provider === 'gitlab' ? CiIdentityProvider.gitlab() : CiIdentityProvider.githubActions();
  const auth = new VaultJwtAuth(scope, 'JwtAuth', { provider });
  const planRole = auth.addRole('PlanRole', { roleName: `${config.name}-plan`, repository: ci.repository, pullRequests: true });
  // A deploy job's Kubernetes token (30m) is revoked with the Vault token that requested it: give both the same life.
  const deployRole = auth.addRole('DeployRole', { roleName: `${config.name}-deploy`, repository: ci.repository, environment: ci.deployEnvironment, tokenTtl: '30m' });

  // Vault: read everything the layer manages on pull requests, change it from
  // the protected environment; the identity above stays read-only to both.
  const planPolicy = new VaultDeployPolicy(scope, 'PlanPolicy', { policyName: `${config.name}-ci-plan`, manages: vault, readOnly: true, protect: [scope] });
  const deployPolicy = new VaultDeployPolicy(scope, 'DeployPolicy', { policyName: `${config.name}-ci-deploy`, manages: vault, protect: [scope] });
  planRole.addPolicy(planPolicy);
  deployRole.addPolicy(deployPolicy);

  // Kubernetes: a ServiceAccount token per job, bound cluster-wide to a
  // generated ClusterRole (Helm installs CRDs and cluster RBAC), for 10 minutes.
  const kubernetes = new KubernetesSecretsEngine(scope, 'KubernetesSecrets', {
    vaultServiceAccount: { name: 'vault', namespace: config.vault.namespace },
  });
  const namespaces = [config.vault.namespace];
  const planKube = kubernetes.addRole('PlanRole', {
    roleName: `${config.name}-plan`, namespaces, clusterRole: true,
    rules: DEPLOYED.map((r) => ({ ...r, verbs: READ_VERBS })),
  });
  const deployKube = kubernetes.addRole('DeployRole', {
    roleName: `${config.name}-deploy`, namespaces, clusterRole: true,
    rules: [
      ...DEPLOYED.map((r) => ({ ...r, verbs: WRITE_VERBS })),
      // Charts create ClusterRoles and bind them: Kubernetes allows that only
      // to whoever holds the rights granted, or may escalate and bind.
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'clusterroles'], verbs: ['bind', 'escalate'] },
    ],
  });
  kubernetes.grantCredentials(planKube, planRole);
  kubernetes.grantCredentials(deployKube, deployRole);
  return { scope, auth, planRole, deployRole, kubernetes, planPolicy, deployPolicy };
}
