// Azure Key Vault auto-unseal: the construct, its props and interfaces.
export { AutoUnsealKeyVault } from './auto-unseal-key-vault';
export type {
  AutoUnsealIdentity, AutoUnsealKeyRotation, AutoUnsealKeyVaultProps, ClientSecretAutoUnseal, WorkloadIdentityAutoUnseal,
} from './auto-unseal-key-vault';
