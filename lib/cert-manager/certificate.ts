import { Token } from 'cdktf';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { dependOnResources } from '../core/dependencies';
import { FlowEdge, FlowNodes, ISecretFlowContributor } from '../core/diagram';
import { formatDuration, parseUnsignedGoDuration } from '../core/duration';
import { isDnsSubdomain, literalsDiffer, PropValidator } from '../core/validation';
import { CertManagerIssuer } from './cert-manager-issuer';
import { VaultIssuer } from './vault-issuer';

/** Properties of a {@link Certificate}. */
export interface CertificateProps {
  /** Name of the Certificate object. */
  readonly name: string;
  /** Namespace of the Certificate and of the Secret it writes. */
  readonly namespace: string;
  /** The issuer that signs it; a namespaced `Issuer` must be in the same namespace. */
  readonly issuer: CertManagerIssuer;
  /** DNS names of the certificate (subject alternative names). */
  readonly dnsNames: readonly string[];
  /**
   * Common name. Browsers ignore it; it must be one of `dnsNames`.
   * @default - the first DNS name
   */
  readonly commonName?: string;
  /**
   * The Secret the key pair is written to.
   * @default - `<name>-tls`
   */
  readonly secretName?: string;
  /**
   * Requested lifetime, a Go duration (`72h`, `2160h`). At least 1h, and for
   * a {@link VaultIssuer} at most the PKI role's max TTL (Vault would cap it,
   * and cert-manager would renew against a lifetime it never got).
   * @default - the PKI role's max TTL for a VaultIssuer, else cert-manager's 90 days
   */
  readonly duration?: string;
  /**
   * How long before expiry to renew, a Go duration; at least 5m and below `duration`.
   * @default - cert-manager's: a third of the lifetime
   */
  readonly renewBefore?: string;
}

/** cert-manager refuses shorter lifetimes. */
const MIN_DURATION = 3600;
/** cert-manager refuses an earlier renewal margin. */
const MIN_RENEW_BEFORE = 300;

/**
 * A cert-manager `Certificate`: a key pair in a Secret, signed by an issuer
 * object and renewed before it expires.
 *
 * With a {@link VaultIssuer} the DNS names are checked against the PKI role's
 * allowed domains and the lifetime against its max TTL at synth time, where
 * Vault would otherwise refuse the request at issue time.
 */
export class Certificate extends Construct implements ISecretFlowContributor {
  /** The Secret holding `tls.crt`, `tls.key` and `ca.crt`. */
  public readonly secretName: string;
  /** Namespace of the Certificate and its Secret. */
  public readonly namespace: string;
  /** The DNS names (subject alternative names) the certificate is issued for. */
  public readonly dnsNames: readonly string[];
  /** The `kubernetes_manifest` resource. */
  public readonly resource: Manifest;
  private readonly issuer: CertManagerIssuer;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    const secretName = props.secretName ?? `${props.name}-tls`;
    const vault = props.issuer instanceof VaultIssuer ? props.issuer : undefined;
    const role = vault?.pkiRole;
    const duration = props.duration ?? (role?.maxTtlSeconds !== undefined ? formatDuration(role.maxTtlSeconds) : undefined);
    const commonName = props.commonName ?? (Token.isUnresolved(props.dnsNames) ? undefined : props.dnsNames[0]);

    const v = new PropValidator(this, 'Certificate');
    v.dnsSubdomain('name', props.name);
    v.dnsLabel('namespace', props.namespace);
    // The default `<name>-tls` is only as good as `name`, checked above.
    v.dnsSubdomain('secretName', props.secretName);
    if (props.issuer.kind === 'Issuer' && literalsDiffer(props.issuer.namespace, props.namespace)) {
      v.fail('namespace', props.namespace, `must be '${props.issuer.namespace}', the namespace of Issuer '${props.issuer.issuerName}': an Issuer only signs for its own namespace`);
    }
    v.nonEmpty('dnsNames', props.dnsNames);
    const names = Token.isUnresolved(props.dnsNames) ? [] : props.dnsNames;
    for (const n of names) {
      if (Token.isUnresolved(n)) continue;
      if (!isDnsSubdomain(n.replace(/^\*\./, 'wildcard.'))) {
        v.fail('dnsNames', n, 'must hold lowercase DNS names like www.example.com');
      } else if (role && !role.permitsName(n)) {
        v.fail('dnsNames', n, `must be allowed by PKI role '${role.roleName}' (domains ${JSON.stringify(role.allowedDomains)}, subdomains ${role.allowSubdomains ? 'allowed' : 'not allowed'}, bare domains ${role.allowBareDomains ? 'allowed' : 'not allowed'})`);
      }
    }
    if (props.commonName !== undefined && !Token.isUnresolved(props.commonName) && !Token.isUnresolved(props.dnsNames)) {
      v.check(names.includes(props.commonName), 'commonName', props.commonName, 'must be one of dnsNames');
    }
    const durationS = goDuration(v, 'duration', duration);
    const renewS = goDuration(v, 'renewBefore', props.renewBefore);
    if (durationS !== undefined) {
      v.check(durationS >= MIN_DURATION, 'duration', duration, 'must be at least 1h (cert-manager\'s minimum)');
      if (role?.maxTtlSeconds !== undefined && durationS > role.maxTtlSeconds) {
        v.fail('duration', duration, `must not exceed PKI role '${role.roleName}''s max TTL (${formatDuration(role.maxTtlSeconds)})`);
      }
    }
    if (renewS !== undefined) {
      v.check(renewS >= MIN_RENEW_BEFORE, 'renewBefore', props.renewBefore, 'must be at least 5m (cert-manager\'s minimum)');
      if (durationS !== undefined && renewS >= durationS) {
        v.fail('renewBefore', props.renewBefore, `must be shorter than duration (${String(duration)})`);
      }
    }
    v.throwIfInvalid();

    this.secretName = secretName;
    this.namespace = props.namespace;
    this.dnsNames = props.dnsNames;
    this.issuer = props.issuer;
    const keyAlgorithm = role ? ({ rsa: 'RSA', ec: 'ECDSA', ed25519: 'Ed25519' } as const)[role.keyType] : undefined;
    this.resource = new Manifest(this, 'Resource', {
      manifest: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: props.name, namespace: props.namespace },
        spec: {
          secretName,
          ...(commonName !== undefined ? { commonName } : {}),
          dnsNames: [...props.dnsNames],
          ...(duration !== undefined ? { duration } : {}),
          ...(props.renewBefore !== undefined ? { renewBefore: props.renewBefore } : {}),
          issuerRef: { ...props.issuer.issuerRef },
          privateKey: {
            // A new key on every renewal: a leaked key dies with its certificate.
            rotationPolicy: 'Always',
            // The PKI role refuses CSRs with another key type or size.
            ...(keyAlgorithm ? { algorithm: keyAlgorithm } : {}),
            ...(role && role.keyType !== 'ed25519' ? { size: role.keyBits } : {}),
          },
        },
      },
    });
    // Created after its issuer, so the first issuance does not fail on a missing issuer.
    if (props.issuer.resource) dependOnResources(this.resource, props.issuer.resource);
  }

  /** Vault-signed certificates only: where the key pair comes from and lands. */
  public secretFlowEdges(): FlowEdge[] {
    if (!(this.issuer instanceof VaultIssuer)) return [];
    return [{ from: this.issuer.signPathNode, to: FlowNodes.secret(this.namespace, this.secretName), label: 'cert-manager, renewed before expiry' }];
  }
}

// cert-manager reads durations with Go's parser: no bare seconds and no `d`, unlike Vault.
function goDuration(v: PropValidator, prop: string, value: string | undefined): number | undefined {
  if (value === undefined || Token.isUnresolved(value)) return undefined;
  const s = parseUnsignedGoDuration(value);
  if (s === undefined) v.fail(prop, value, "must be a Go duration like 72h, 90m or 1h30m (units ns, us, ms, s, m, h; no 'd')");
  return s;
}
