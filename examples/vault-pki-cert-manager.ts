/**
 * S4: cert-manager issuing certificates from Vault PKI.
 *
 * Differences from the hand-made setup, on purpose: the Issuer takes the PKI
 * role and the Vault auth role as objects, so it logs in with role `issuer`
 * (the blog named `moelove-dot-info`, which Vault did not have); cert-manager
 * requests short-lived tokens (`serviceAccountRef`) instead of reading a
 * long-lived token Secret; the policy allows `pki/sign/moelove-dot-info` only,
 * not `pki*`; and Vault is reached over TLS verified with a CA Secret instead
 * of `http://vault.default`, which is also where the CA and CRL URLs in every
 * certificate point. The APISIX ingress serves the certificate for host
 * `moelove.info` through an `ApisixTls` typed from the `Certificate`, so the
 * certificate covers `moelove.info` too (S4's covered `www.moelove.info`
 * only, and its ApisixTls served that for `moelove.info`).
 *
 * One stack, deployed after the CRDs it plans against exist: cert-manager's
 * (from `cert-manager-azure-dns-operators`) and APISIX's (the APISIX ingress
 * controller's chart). Kubernetes auth is mounted at `kubernetes-pki`, owned
 * by this example alone.
 */
import { Construct } from 'constructs';
import { ApisixTls, Certificate, PkiIssuer, VaultIssuer, VaultK8sAuth, VaultServer } from '../lib';
import { PlatformStack } from '../lib/platform';
import { IN_CLUSTER_VAULT } from './eso-vault-kv';

/**
 * In-cluster Vault as cert-manager sees it: an Issuer reads its CA Secret from
 * its own namespace, so Vault's CA is copied into `default` as `vault-ca`
 * (e.g. by trust-manager).
 */
export const ISSUER_VAULT: VaultServer = {
  address: IN_CLUSTER_VAULT.address,
  caCert: { name: 'vault-ca', key: 'ca.crt', namespace: 'default' },
};

/** The auth mount this example owns. */
export const PKI_AUTH_PATH = 'kubernetes-pki';

/** Builds the `vault-pki-cert-manager` stack. */
export function vaultPkiCertManager(scope: Construct, id = 'vault-pki-cert-manager'): PlatformStack {
  const stack = new PlatformStack(scope, id, { providers: ['vault', 'kubernetes'] });

  const pki = new PkiIssuer(stack, 'Pki', {
    path: 'pki',
    rootCa: { commonName: 'moelove.info', ttl: '8760h' },
    // Where Vault answers: S4's http://vault.default:8200 was a dev-mode Vault.
    urlBase: IN_CLUSTER_VAULT.address,
  });
  const pkiRole = pki.addRole('MoeloveRole', {
    roleName: 'moelove-dot-info',
    allowedDomains: ['moelove.info'],
    allowSubdomains: true,
    // moelove.info itself, the host APISIX serves.
    allowBareDomains: true,
    maxTtl: '72h',
  });

  const auth = new VaultK8sAuth(stack, 'KubernetesAuth', { path: PKI_AUTH_PATH });
  const authRole = auth.addRole('IssuerRole', {
    roleName: 'issuer',
    serviceAccountNames: ['issuer'],
    namespaces: ['default'],
    tokenTtl: '20m',
  });

  const issuer = new VaultIssuer(stack, 'Issuer', {
    name: 'vault-issuer',
    namespace: 'default',
    server: ISSUER_VAULT,
    pkiRole,
    authRole,
  });
  const certificate = new Certificate(stack, 'MoeloveCertificate', {
    name: 'moelove-info',
    namespace: 'default',
    issuer,
    secretName: 'moelove-info-tls',
    commonName: 'www.moelove.info',
    dnsNames: ['www.moelove.info', 'moelove.info'],
  });
  new ApisixTls(stack, 'MoeloveTls', { name: 'moelove-info', certificate, hosts: ['moelove.info'] });
  return stack;
}
