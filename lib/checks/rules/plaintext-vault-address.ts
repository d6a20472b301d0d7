import { dig } from '../private/values';
import { Rule } from '../rule';

/** Where each operator's custom resources keep Vault's address. */
const ADDRESS_FIELDS: Record<string, string[]> = {
  VaultConnection: ['spec', 'address'],
  SecretStore: ['spec', 'provider', 'vault', 'server'],
  ClusterSecretStore: ['spec', 'provider', 'vault', 'server'],
  Issuer: ['spec', 'vault', 'server'],
  ClusterIssuer: ['spec', 'vault', 'server'],
};

/** VP-TLS-2: Vault reached over plain HTTP. */
export const plaintextVaultAddress: Rule = {
  id: 'VP-TLS-2',
  level: 'error',
  summary: 'Vault is reached over plain HTTP',
  why: 'Login tokens and secret values cross the network unencrypted.',
  appliesTo: ['kubernetes_manifest'],
  check: ({ config }) => {
    const m = config.manifest ?? {};
    const field = ADDRESS_FIELDS[m.kind];
    const address = field ? dig(m, ...field) : undefined;
    return typeof address === 'string' && address.startsWith('http://') ? [`${m.kind} '${m.metadata?.name}' uses ${address}`] : [];
  },
};
