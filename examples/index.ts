import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { atlantisK8sAuth } from './atlantis-k8s-auth';
import { certManagerAzureDns } from './cert-manager-azure-dns';
import { esoVaultKv } from './eso-vault-kv';
import { vaultAutoUnseal } from './vault-auto-unseal';
import { vaultPkiCertManager } from './vault-pki-cert-manager';

/**
 * Every example, by the name of its main stack. `npm run synth` builds all of
 * them. Each reproduces one of the real setups S1-S5 described under `docs/`.
 * A builder may also build stacks its main stack depends on (an operator and
 * its CRDs, see {@link EXAMPLE_STACKS}); it returns the main one.
 */
export const EXAMPLES: Record<string, (scope: Construct, id?: string) => TerraformStack> = {
  'eso-vault-kv': esoVaultKv,
  'atlantis-k8s-auth': atlantisK8sAuth,
  'vault-auto-unseal': vaultAutoUnseal,
  'cert-manager-azure-dns': certManagerAzureDns,
  'vault-pki-cert-manager': vaultPkiCertManager,
};

/**
 * The stacks each example writes, in the order `cdktf deploy` must run them
 * (one `cdktf deploy` per stack). An example missing here writes one stack,
 * named as the example.
 */
export const EXAMPLE_STACKS: Record<string, readonly string[]> = {
  'eso-vault-kv': ['eso-vault-kv-operators', 'eso-vault-kv'],
  'cert-manager-azure-dns': ['cert-manager-azure-dns-operators', 'cert-manager-azure-dns'],
};

/** The stacks example `name` writes, in deploy order. */
export function exampleStacks(name: string): readonly string[] {
  return EXAMPLE_STACKS[name] ?? [name];
}
