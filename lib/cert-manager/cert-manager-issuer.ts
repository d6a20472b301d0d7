import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { PropValidator } from '../core';

/** What every cert-manager issuer takes. */
export interface CertManagerIssuerProps {
  /** Name of the Issuer or ClusterIssuer. */
  readonly name: string;
  /**
   * Namespace of a namespaced `Issuer`. Leave unset for a `ClusterIssuer`.
   * @default - a cluster-scoped `ClusterIssuer`
   */
  readonly namespace?: string;
}

/** How a `Certificate` (or an ingress annotation) refers to an issuer. */
export interface IssuerRef {
  readonly name: string;
  readonly kind: 'Issuer' | 'ClusterIssuer';
  readonly group: 'cert-manager.io';
}

/**
 * Base of the cert-manager issuers (`AcmeIssuer`, `VaultIssuer`): an `Issuer`
 * when a namespace is given, else a `ClusterIssuer`, as one
 * `cert-manager.io/v1` kubernetes_manifest.
 *
 * Subclasses validate their own props into the validator passed to
 * `validateSpec` and render `spec` in `renderSpec`.
 */
export abstract class CertManagerIssuer extends Construct {
  /** `Issuer` or `ClusterIssuer`. */
  public readonly kind: 'Issuer' | 'ClusterIssuer';
  /** The issuer's name. */
  public readonly issuerName: string;
  /** Namespace of an `Issuer`; undefined for a `ClusterIssuer`. */
  public readonly namespace?: string;
  /** The `kubernetes_manifest` resource, created by {@link createManifest}. */
  public resource!: Manifest;

  protected constructor(scope: Construct, id: string, props: CertManagerIssuerProps, kindName: string) {
    super(scope, id);
    const v = new PropValidator(this, kindName);
    v.dnsSubdomain('name', props.name);
    v.dnsLabel('namespace', props.namespace);
    v.throwIfInvalid();
    this.kind = props.namespace ? 'Issuer' : 'ClusterIssuer';
    this.issuerName = props.name;
    this.namespace = props.namespace;
  }

  /** The reference a `Certificate` uses. */
  public get issuerRef(): IssuerRef {
    return { name: this.issuerName, kind: this.kind, group: 'cert-manager.io' };
  }

  /** Creates the manifest; subclasses call it once, at the end of their constructor. */
  protected createManifest(spec: Record<string, unknown>): Manifest {
    this.resource = new Manifest(this, 'Resource', {
      manifest: {
        apiVersion: 'cert-manager.io/v1',
        kind: this.kind,
        metadata: { name: this.issuerName, ...(this.namespace ? { namespace: this.namespace } : {}) },
        spec,
      },
    });
    return this.resource;
  }
}
