import { Rule } from '../rule';
import { acmeContactEmail } from './acme-contact-email';
import { authRoleNoAudience, authRoleWildcardBinding, tokenTtlTooLong } from './auth-role';
import { clientSecretExpiry } from './client-secret-expiry';
import { keyVaultNoPreventDestroy, keyVaultNoPurgeProtection, keyVaultOpenNetwork, keyWithoutWrapOps } from './key-vault';
import { pkiAllowAnyName } from './pki-allow-any-name';
import { plaintextVaultAddress } from './plaintext-vault-address';
import { policyWildcardOrSudo } from './policy-wildcard-or-sudo';
import { secretInConfigMap } from './secret-in-config-map';
import { secretInHelmValues } from './secret-in-helm-values';
import { secretOutputNotSensitive } from './secret-output-not-sensitive';
import { tlsVerifyDisabled } from './tls-verify-disabled';
import { vaultChartTlsDisabled, vaultDevMode } from './vault-chart';

export {
  acmeContactEmail, authRoleNoAudience, authRoleWildcardBinding, tokenTtlTooLong, clientSecretExpiry,
  keyVaultNoPreventDestroy, keyVaultNoPurgeProtection, keyVaultOpenNetwork, keyWithoutWrapOps, pkiAllowAnyName,
  plaintextVaultAddress, policyWildcardOrSudo, secretInConfigMap, secretInHelmValues, secretOutputNotSensitive,
  tlsVerifyDisabled, vaultChartTlsDisabled, vaultDevMode,
};

/** Every rule of the pack. */
export const ALL_RULES: readonly Rule[] = [
  tlsVerifyDisabled, plaintextVaultAddress, vaultDevMode, vaultChartTlsDisabled, policyWildcardOrSudo,
  authRoleWildcardBinding, authRoleNoAudience, tokenTtlTooLong, keyVaultNoPurgeProtection, keyVaultOpenNetwork,
  keyWithoutWrapOps, keyVaultNoPreventDestroy, clientSecretExpiry, secretInConfigMap, secretInHelmValues,
  secretOutputNotSensitive, pkiAllowAnyName, acmeContactEmail,
];
