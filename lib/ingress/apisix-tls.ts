import { Token } from 'cdktf';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { addDependency } from '../core/dependencies';
import { FlowEdge, FlowNodes, ISecretFlowContributor } from '../core/diagram';
import { isUnresolvedToken } from '../core/unresolved';
import { PropValidator } from '../core/validation';
import type { Certificate } from '../cert-manager/certificate';

/** Properties of an {@link ApisixTls}. */
export interface ApisixTlsProps {
  /** Name of the ApisixTls object. */
  readonly name: string;
  /**
   * Namespace of the ApisixTls object. The Secret stays in the certificate's
   * namespace; APISIX reads it from there.
   * @default - the certificate's namespace
   */
  readonly namespace?: string;
  /**
   * The cert-manager `Certificate` whose Secret APISIX serves. Secret name and
   * namespace are read from it, and the hosts are checked against its DNS
   * names, so a host the certificate does not cover cannot be written.
   */
  readonly certificate: Certificate;
  /**
   * The SNI host names served with the certificate. Each must be one of the
   * certificate's DNS names, or be matched by one of its wildcards
   * (`*.example.com` covers `www.example.com`, one label deep).
   * @default - the certificate's DNS names
   */
  readonly hosts?: readonly string[];
  /**
   * The IngressClass whose APISIX controller handles this object; set it when
   * the cluster runs more than one ingress controller.
   * @default - none (the controller's default handling)
   */
  readonly ingressClassName?: string;
}

/** The CRD's pattern for a host: an optional leading `*`, then letters, digits, `-` and `.`. */
const APISIX_HOST = /^\*?[0-9a-zA-Z-.]+$/;

/**
 * An APISIX `ApisixTls` (`apisix.apache.org/v2`): the APISIX ingress serves
 * the key pair a cert-manager `Certificate` writes for the given SNI hosts.
 *
 * Typed from the `Certificate` object: the Secret reference cannot name
 * another Secret, and every host must be covered by the certificate's DNS
 * names, or TLS clients would get a certificate for another name (S4 served a
 * `www.moelove.info` certificate for host `moelove.info`).
 */
export class ApisixTls extends Construct implements ISecretFlowContributor {
  /** Name of the ApisixTls object. */
  public readonly tlsName: string;
  /** Namespace of the ApisixTls object. */
  public readonly namespace: string;
  /** The SNI hosts served. */
  public readonly hosts: readonly string[];
  /** The `kubernetes_manifest` resource. */
  public readonly resource: Manifest;
  private readonly certificate: Certificate;

  constructor(scope: Construct, id: string, props: ApisixTlsProps) {
    super(scope, id);
    const cert = props.certificate;
    const namespace = props.namespace ?? cert.namespace;
    const hosts = props.hosts ?? cert.dnsNames;

    const v = new PropValidator(this, 'ApisixTls');
    v.dnsSubdomain('name', props.name);
    v.dnsLabel('namespace', props.namespace);
    v.nonEmpty('hosts', hosts);
    if (!Token.isUnresolved(hosts)) {
      for (const host of hosts) {
        if (isUnresolvedToken(host)) continue;
        if (!APISIX_HOST.test(host)) {
          v.fail('hosts', host, 'must hold host names like www.example.com or *.example.com');
        } else if (!coveredBy(host, cert.dnsNames)) {
          v.fail('hosts', host, `must be covered by the DNS names of Certificate '${cert.node.path}' (${JSON.stringify(cert.dnsNames)}): add the host to the certificate's dnsNames`);
        }
      }
      const seen = new Set<string>();
      for (const host of hosts) {
        if (seen.has(host)) v.fail('hosts', host, 'must not repeat a host');
        seen.add(host);
      }
    }
    v.string('ingressClassName', props.ingressClassName, (n) => /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n) && n.length <= 253, 'must be a DNS-1123 subdomain (the IngressClass name)');
    v.throwIfInvalid();

    this.tlsName = props.name;
    this.namespace = namespace;
    this.hosts = hosts;
    this.certificate = cert;
    this.resource = new Manifest(this, 'Resource', {
      manifest: {
        apiVersion: 'apisix.apache.org/v2',
        kind: 'ApisixTls',
        metadata: { name: props.name, namespace },
        spec: {
          ...(props.ingressClassName !== undefined ? { ingressClassName: props.ingressClassName } : {}),
          hosts: [...hosts],
          secret: { name: cert.secretName, namespace: cert.namespace },
        },
      },
    });
    // Served once the certificate has been requested; APISIX retries until its Secret exists.
    addDependency(this, cert);
  }

  /** The certificate's Secret is served by the APISIX ingress for the hosts. */
  public secretFlowEdges(): FlowEdge[] {
    return [{
      from: FlowNodes.secret(this.certificate.namespace, this.certificate.secretName),
      to: FlowNodes.workload('ApisixTls', this.tlsName, this.namespace),
      label: `served for ${this.hosts.join(', ')}`,
    }];
  }
}

/** Whether a certificate with `dnsNames` is valid for `host` (RFC 6125: a wildcard covers one leftmost label). */
function coveredBy(host: string, dnsNames: readonly string[]): boolean {
  if (Token.isUnresolved(dnsNames)) return true;
  const h = host.toLowerCase();
  return dnsNames.some((raw) => {
    if (isUnresolvedToken(raw)) return true;
    const n = raw.toLowerCase();
    if (n === h) return true;
    if (!n.startsWith('*.') || h.startsWith('*.')) return false;
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot + 1) === n.slice(2);
  });
}
