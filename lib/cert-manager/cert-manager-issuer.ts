import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { PropValidator } from '../core/validation';

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
 * The base checks `name` and `namespace` into {@link validator} without
 * throwing; a subclass adds its own problems to the same validator and calls
 * `throwIfInvalid()` once, before creating anything, so one error lists every
 * problem of the issuer. {@link createManifest} throws too, as a backstop.
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
  /**
   * The validator holding the base's `name` and `namespace` problems; the
   * subclass records its own here and throws them all together.
   */
  protected readonly validator: PropValidator;

  protected constructor(scope: Construct, id: string, props: CertManagerIssuerProps, kindName: string) {
    super(scope, id);
    this.validator = new PropValidator(this, kindName);
    this.validator.dnsSubdomain('name', props.name);
    this.validator.dnsLabel('namespace', props.namespace);
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
    this.validator.throwIfInvalid();
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
