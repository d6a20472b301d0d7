import { Rule } from '../rule';
import { acmeContactEmail } from './acme-contact-email';
import { authRoleNoAudience } from './auth-role-no-audience';
import { authRoleWildcardBinding } from './auth-role-wildcard-binding';
import { azurePrivilegedRole } from './azure-privileged-role';
import { azureCredentialTtlTooLong } from './azure-credential-ttl-too-long';
import { azureRootPasswordTtlTooLong } from './azure-root-password-ttl-too-long';
import { clientSecretExpiry } from './client-secret-expiry';
import { keyVaultNoPreventDestroy } from './key-vault-no-prevent-destroy';
import { keyVaultNoPurgeProtection } from './key-vault-no-purge-protection';
import { keyVaultOpenNetwork } from './key-vault-open-network';
import { keyWithoutWrapOps } from './key-without-wrap-ops';
import { pkiAllowAnyName } from './pki-allow-any-name';
import { plaintextVaultAddress } from './plaintext-vault-address';
import { policyUnreadable } from './policy-unreadable';
import { policyWildcardOrSudo } from './policy-wildcard-or-sudo';
import { secretInConfigMap } from './secret-in-config-map';
import { secretInHelmValues } from './secret-in-helm-values';
import { secretOutputNotSensitive } from './secret-output-not-sensitive';
import { tlsVerifyDisabled } from './tls-verify-disabled';
import { tokenTtlTooLong } from './token-ttl-too-long';
import { vaultChartTlsDisabled } from './vault-chart-tls-disabled';
import { vaultChartValuesUnreadable } from './vault-chart-values-unreadable';
import { vaultDevMode } from './vault-dev-mode';
import { jwtRoleUnbound } from './jwt-role-unbound';
import { policyWritesAnyAcl } from './policy-writes-any-acl';
import { kubernetesSecretsRoleClusterWildcard } from './kubernetes-secrets-role-cluster-wildcard';
import { azureCustomRoleAssignsRoles } from './azure-custom-role-assigns-roles';

export {
  acmeContactEmail, authRoleNoAudience, authRoleWildcardBinding, azureCredentialTtlTooLong, azurePrivilegedRole, azureRootPasswordTtlTooLong,
  tokenTtlTooLong, clientSecretExpiry, keyVaultNoPreventDestroy, keyVaultNoPurgeProtection, keyVaultOpenNetwork,
  keyWithoutWrapOps, pkiAllowAnyName, plaintextVaultAddress, policyUnreadable, policyWildcardOrSudo, secretInConfigMap, secretInHelmValues,
  secretOutputNotSensitive, tlsVerifyDisabled, vaultChartTlsDisabled, vaultChartValuesUnreadable, vaultDevMode,
};
export { jwtRoleUnbound, policyWritesAnyAcl, kubernetesSecretsRoleClusterWildcard, azureCustomRoleAssignsRoles };

/** Every rule of the pack. */
export const ALL_RULES: readonly Rule[] = [
  tlsVerifyDisabled, plaintextVaultAddress, vaultDevMode, vaultChartTlsDisabled, vaultChartValuesUnreadable, policyWildcardOrSudo, policyUnreadable,
  authRoleWildcardBinding, authRoleNoAudience, tokenTtlTooLong, azureCredentialTtlTooLong, azureRootPasswordTtlTooLong, azurePrivilegedRole,
  keyVaultNoPurgeProtection, keyVaultOpenNetwork, keyWithoutWrapOps, keyVaultNoPreventDestroy, clientSecretExpiry,
  secretInConfigMap, secretInHelmValues, secretOutputNotSensitive, pkiAllowAnyName, acmeContactEmail,
  // CI identity (#16)
  jwtRoleUnbound, policyWritesAnyAcl, kubernetesSecretsRoleClusterWildcard,
  // Custom Azure roles (#14: dangerous grants, whatever the role is called)
  azureCustomRoleAssignsRoles,
];
