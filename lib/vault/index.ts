// The public surface of Vault: constructs, their props and interfaces. Helpers
// (grant, policy rendering, validators) stay importable inside lib/ only.
export { VaultPolicy } from './policy';
export type { IVaultPolicy, PolicyRule, VaultCapability, VaultPolicyProps } from './policy';
export type { GrantOptions, IGrantee } from './grant';
export { VaultK8sAuth } from './k8s-auth';
export type { ExternalReviewerOptions, IVaultK8sAuth, VaultK8sAuthProps } from './k8s-auth';
export { VaultK8sAuthRole } from './k8s-auth-role';
export type { VaultK8sAuthRoleOptions, VaultK8sAuthRoleProps } from './k8s-auth-role';
export { KvV2Mount } from './kv-v2';
export type { KvV2MountProps } from './kv-v2';
export type { VaultServer } from './vault-server';
export { VaultSealConfig } from './seal-config';
export type { AzureKeyVaultSealSource, AzureSealEnvironment, VaultSealConfigProps } from './seal-config';
export { VaultHelmRelease } from './vault-helm-release';
export type { VaultHelmReleaseProps } from './vault-helm-release';
export { PkiRole } from './pki-role';
export type { PkiKeyType, PkiKeyUsage, PkiRoleOptions, PkiRoleProps } from './pki-role';
export { PkiIssuer } from './pki-issuer';
export type { PkiCaOptions, PkiIntermediateOptions, PkiIssuerProps } from './pki-issuer';
export { AzureSecretsEngine, AzureSecretsEngineRole } from './azure-secrets-engine';
export type {
  AzureEnvironment, AzureRoleAssignment, AzureSecretsEngineProps, AzureSecretsEngineRoleOptions, AzureSecretsEngineRoleProps,
} from './azure-secrets-engine';
export { CiIdentityProvider, DEFAULT_CI_AUDIENCE, GITHUB_ACTIONS_ISSUER } from './ci-identity-provider';
export type { CiIdentityClaims, CiIdentityProviderKind } from './ci-identity-provider';
export { VaultJwtAuth } from './jwt-auth';
export type { IVaultJwtAuth, VaultJwtAuthProps } from './jwt-auth';
export { VaultJwtAuthRole } from './jwt-auth-role';
export type { VaultJwtAuthRoleOptions, VaultJwtAuthRoleProps } from './jwt-auth-role';
export { VaultDeployPolicy } from './deploy-policy';
export type { VaultDeployPolicyProps } from './deploy-policy';
export { KubernetesSecretsEngine } from './kubernetes-secrets-engine';
export type { KubernetesSecretsEngineProps, KubernetesSecretsExternalCluster } from './kubernetes-secrets-engine';
export { KubernetesSecretsRole } from './kubernetes-secrets-role';
export type { KubernetesRbacRule, KubernetesSecretsRoleOptions, KubernetesSecretsRoleProps } from './kubernetes-secrets-role';
