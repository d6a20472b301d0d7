import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { warnInsecure } from '../core/annotations';
import { literalsDiffer, PropValidator } from '../core/validation';
import { checkVaultServer, VaultServer } from '../vault/vault-server';

/** The Secret key VSO reads a CA bundle from; it has no field to name another. */
export const VSO_CA_CERT_KEY = 'ca.crt';

/** Properties of a {@link VaultConnection}. */
export interface VaultConnectionProps {
  /** Name of the VaultConnection. */
  readonly name: string;
  /** Namespace of the VaultConnection (and of the CA Secret). */
  readonly namespace: string;
  /**
   * How VSO reaches Vault. The CA Secret (`server.caCert`) must be in this
   * connection's namespace and hold the bundle under `ca.crt`, which is the
   * only place VSO looks.
   */
  readonly server: VaultServer;
  /**
   * Skip verification of Vault's TLS certificate. Anyone on the path can then
   * impersonate Vault and collect every token VSO sends. Emits a warning.
   * @default false
   */
  readonly skipTlsVerify?: boolean;
  /**
   * Server name (SNI) to verify Vault's certificate against, when it differs
   * from the address's host.
   * @default - the host of `server.address`
   */
  readonly tlsServerName?: string;
}

/**
 * A VSO `VaultConnection` (`secrets.hashicorp.com/v1beta1`): Vault's address
 * and how its certificate is verified. TLS is verified by default, with the
 * CA from a Secret when one is given.
 */
export class VaultConnection extends Construct {
  /** Name of the VaultConnection. */
  public readonly connectionName: string;
  /** Namespace of the VaultConnection. */
  public readonly namespace: string;
  /** The server it points at. */
  public readonly server: VaultServer;
  /** The `kubernetes_manifest` resource. */
  public readonly resource: Manifest;

  constructor(scope: Construct, id: string, props: VaultConnectionProps) {
    super(scope, id);
    const skipTlsVerify = props.skipTlsVerify ?? false;
    const v = new PropValidator(this, 'VaultConnection');
    v.dnsSubdomain('name', props.name);
    v.dnsLabel('namespace', props.namespace);
    checkVaultServer(v, this, props.server);
    const ca = props.server.caCert;
    if (ca) {
      v.string('server.caCert.key', ca.key, (k) => k === VSO_CA_CERT_KEY, `must be '${VSO_CA_CERT_KEY}': VSO reads the CA bundle from that key only`);
      if (ca.namespace !== undefined) {
        v.string('server.caCert.namespace', ca.namespace, (n) => !literalsDiffer(n, props.namespace),
          `must be '${props.namespace}', the VaultConnection's namespace: VSO reads caCertSecretRef from there only`);
      }
    }
    v.string('tlsServerName', props.tlsServerName, (n) => /^[A-Za-z0-9.-]+$/.test(n), 'must be a DNS name');
    v.throwIfInvalid();
    if (skipTlsVerify) {
      warnInsecure(this, 'skipTlsVerify', `VaultConnection '${props.name}' does not verify Vault's certificate; anyone on the path can impersonate Vault`);
    }

    this.connectionName = props.name;
    this.namespace = props.namespace;
    this.server = props.server;
    this.resource = new Manifest(this, 'Resource', {
      manifest: {
        apiVersion: 'secrets.hashicorp.com/v1beta1',
        kind: 'VaultConnection',
        metadata: { name: props.name, namespace: props.namespace },
        spec: {
          address: props.server.address,
          // Required by the CRD; written out so the choice is visible in review.
          skipTLSVerify: skipTlsVerify,
          ...(ca ? { caCertSecretRef: ca.name } : {}),
          ...(props.tlsServerName ? { tlsServerName: props.tlsServerName } : {}),
        },
      },
    });
  }
}
