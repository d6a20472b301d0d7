// External Secrets Operator and Vault Secrets Operator: constructs, their props and interfaces.
export { ExternalSecretsOperator } from './external-secrets-operator';
export type { ExternalSecretsOperatorProps } from './external-secrets-operator';
export { VaultSecretStore } from './vault-secret-store';
export type { VaultSecretStoreProps } from './vault-secret-store';
export { ExternalSecret } from './external-secret';
export type { ExternalSecretData, ExternalSecretProps } from './external-secret';
export { VaultSecretsOperator } from './vault-secrets-operator';
export type { VaultSecretsOperatorProps } from './vault-secrets-operator';
export { VaultConnection } from './vault-connection';
export type { VaultConnectionProps } from './vault-connection';
export { VaultAuth } from './vault-auth';
export type { VaultAuthProps } from './vault-auth';
export { VaultDynamicSecret } from './vault-dynamic-secret';
export type { IDynamicSecretSource, VaultDynamicSecretProps } from './vault-dynamic-secret';
export { VaultStaticSecret } from './vault-static-secret';
export type { VaultStaticSecretProps } from './vault-static-secret';
export type { RolloutRestartTarget } from './rollout-restart-target';
