import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { atlantisK8sAuth } from './atlantis-k8s-auth';
import { certManagerAzureDns } from './cert-manager-azure-dns';
import { esoVaultKv } from './eso-vault-kv';
import { vaultAutoUnseal } from './vault-auto-unseal';
import { vaultPkiCertManager } from './vault-pki-cert-manager';

/**
 * Every example stack, by stack name. `npm run synth` builds all of them.
 * Each reproduces one of the real setups S1-S5 described under `docs/`.
 */
export const EXAMPLES: Record<string, (scope: Construct, id?: string) => TerraformStack> = {
  'eso-vault-kv': esoVaultKv,
  'atlantis-k8s-auth': atlantisK8sAuth,
  'vault-auto-unseal': vaultAutoUnseal,
  'cert-manager-azure-dns': certManagerAzureDns,
  'vault-pki-cert-manager': vaultPkiCertManager,
};
