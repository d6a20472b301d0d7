import { IConstruct } from 'constructs';
import { warnInsecure } from '../core/annotations';
import { SecretKeyRef } from '../core/kubernetes-refs';
import { isUnresolvedToken } from '../core/unresolved';
import { hasUrlCredentials, isUrl, PropValidator, URL_CREDENTIALS_RULE, urlScheme } from '../core/validation';

/**
 * How in-cluster clients (VSO, ESO, cert-manager) reach Vault.
 *
 * TLS is verified by default with the CA in `caCert`; plain `http://` is an
 * explicit choice that warns.
 */
export interface VaultServer {
  /** Vault's address, e.g. `https://vault.vault.svc.cluster.local:8200`. */
  readonly address: string;
  /**
   * The CA that signed Vault's certificate, as a Secret key. Each client
   * reads it in its own way (VSO: `caCertSecretRef`, ESO: `caProvider`,
   * cert-manager: `caBundleSecretRef`).
   * @default - the system trust store
   */
  readonly caCert?: SecretKeyRef;
  /**
   * Allow an `http://` address: tokens and secrets then cross the network in
   * clear text. Emits a warning annotation on every consumer.
   * @default false
   */
  readonly allowInsecureHttp?: boolean;
}

/** Validates a {@link VaultServer} prop of `consumer` and warns on plain HTTP. */
export function checkVaultServer(v: PropValidator, consumer: IConstruct, server: VaultServer): void {
  const schemes = server.allowInsecureHttp ? ['https', 'http'] : ['https'];
  v.string('server.address', server.address, (a) => !hasUrlCredentials(a), URL_CREDENTIALS_RULE);
  v.string('server.address', server.address, (a) => isUrl(a, schemes) || hasUrlCredentials(a),
    server.allowInsecureHttp ? 'must be an http:// or https:// URL' : 'must be an https:// URL (set allowInsecureHttp: true to accept http://)');
  if (server.caCert) {
    v.dnsSubdomain('server.caCert.name', server.caCert.name);
    v.string('server.caCert.key', server.caCert.key, (k) => /^[-._a-zA-Z0-9]+$/.test(k), 'must be a Secret data key');
    v.dnsLabel('server.caCert.namespace', server.caCert.namespace);
  }
  if (server.allowInsecureHttp && !isUnresolvedToken(server.address) && urlScheme(server.address) === 'http') {
    warnInsecure(consumer, 'allowInsecureHttp', `Vault is reached over plain HTTP at ${server.address}; tokens and secrets cross the network unencrypted`);
  }
}
