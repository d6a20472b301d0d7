import { ITerraformDependable, TerraformResource, Token } from 'cdktf';
import { PkiSecretBackendRole } from '@cdktf/provider-vault/lib/pki-secret-backend-role';
import { Construct } from 'constructs';
import { dependOnResources } from '../core/dependencies';
import { warnInsecure } from '../core/annotations';
import { formatDuration, literalSeconds, parseDuration, toSecondsString } from '../core/duration';
import { MAX_DURATION_SECONDS, PropValidator } from '../core/validation';
import { isPublicSuffix } from '../core/public-suffix';

/** Key algorithms Vault's PKI engine generates and signs. */
export type PkiKeyType = 'rsa' | 'ec' | 'ed25519';

/** Bits Vault accepts per key type; `ed25519` has a fixed size (0 = implied). */
export const PKI_KEY_BITS: Record<PkiKeyType, readonly number[]> = {
  rsa: [2048, 3072, 4096],
  ec: [256, 384, 521],
  ed25519: [0],
};

/** The bits used when only the key type is given. */
export const DEFAULT_PKI_KEY_BITS: Record<PkiKeyType, number> = { rsa: 2048, ec: 256, ed25519: 0 };

/** Key usages Vault accepts in a role's `key_usage` (Go's x509.KeyUsage names without the prefix). */
export const PKI_KEY_USAGES = [
  'DigitalSignature', 'ContentCommitment', 'KeyEncipherment', 'DataEncipherment',
  'KeyAgreement', 'CertSign', 'CRLSign', 'EncipherOnly', 'DecipherOnly',
] as const;

/** One of {@link PKI_KEY_USAGES}. */
export type PkiKeyUsage = typeof PKI_KEY_USAGES[number];

/** Options for {@link PkiIssuer.addRole}. */
export interface PkiRoleOptions {
  /** The role name in Vault (the `<role>` in `<mount>/sign/<role>`). */
  readonly roleName: string;
  /**
   * Domains certificates may be issued for. Required unless `allowAnyName`.
   * @default - none
   */
  readonly allowedDomains?: readonly string[];
  /**
   * Allow names below the allowed domains (`www.example.com` for `example.com`).
   * @default false
   */
  readonly allowSubdomains?: boolean;
  /**
   * Allow the allowed domains themselves as names (`example.com`).
   * @default false
   */
  readonly allowBareDomains?: boolean;
  /**
   * Allow wildcard names (`*.example.com`). Vault allows them by default; a
   * wildcard certificate's key serves every host under the domain.
   * @default false
   */
  readonly allowWildcardCertificates?: boolean;
  /**
   * Allow IP addresses as subject alternative names.
   * @default false
   */
  readonly allowIpSans?: boolean;
  /**
   * Allow `localhost` and `localdomain` names regardless of `allowedDomains`.
   * @default false
   */
  readonly allowLocalhost?: boolean;
  /**
   * Longest lifetime of an issued certificate: a duration like `72h`, or whole
   * seconds. Must not exceed the mount's max lease TTL or the issuing CA's TTL.
   * @default '72h'
   */
  readonly maxTtl?: string | number;
  /**
   * Lifetime when the request names none.
   * @default - `maxTtl`
   */
  readonly ttl?: string | number;
  /**
   * Key type of the certificate requests the role accepts.
   * @default 'rsa'
   */
  readonly keyType?: PkiKeyType;
  /**
   * Key size; must fit `keyType` (rsa 2048/3072/4096, ec 256/384/521, ed25519 0).
   * @default - 2048 for rsa, 256 for ec, 0 for ed25519
   */
  readonly keyBits?: number;
  /**
   * Key usages of issued certificates.
   * @default ['DigitalSignature', 'KeyAgreement', 'KeyEncipherment']
   */
  readonly keyUsage?: readonly PkiKeyUsage[];
  /**
   * Mark certificates for TLS server use (`serverAuth`).
   * @default true
   */
  readonly serverFlag?: boolean;
  /**
   * Mark certificates for TLS client use (`clientAuth`). Vault's default is on;
   * here it is off so a server certificate cannot log in to mTLS services.
   * @default false
   */
  readonly clientFlag?: boolean;
  /**
   * Issue for any name, ignoring `allowedDomains`. Emits a warning annotation
   * (and the rule pack reports it as an error unless suppressed).
   * @default false
   */
  readonly allowAnyName?: boolean;
  /**
   * Accept names that are not valid hostnames. Emits a warning annotation.
   * @default true
   */
  readonly enforceHostnames?: boolean;
}

/** Properties of a {@link PkiRole}. */
export interface PkiRoleProps extends PkiRoleOptions {
  /** The mount the role is written to (the one that issues leaf certificates). */
  readonly mountPath: string;
  /** Longest TTL the role may hand out: the smaller of the mount's max lease TTL and the issuing CA's TTL, in seconds. */
  readonly ttlCeiling?: number;
  /** What `ttlCeiling` is, for error messages. */
  readonly ttlCeilingSource?: string;
  /** Resources the role must be written after (its mount and CA), since `mountPath` is a literal. */
  readonly dependsOn?: ITerraformDependable[];
}

const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

/** Whether `v` is a lowercase DNS name (no wildcard, no trailing dot). */
export function isDomainName(v: string): boolean {
  return DOMAIN.test(v);
}

/**
 * A PKI role: which names a certificate may carry, for how long, with which
 * key. Created with {@link PkiIssuer.addRole}; cert-manager issuers and grants
 * take this object, so the `<mount>/sign/<role>` path is never typed by hand.
 */
export class PkiRole extends Construct {
  /** The role name in Vault. */
  public readonly roleName: string;
  /** The mount the role lives on. */
  public readonly mountPath: string;
  /** Longest certificate lifetime, in seconds (undefined when given as a token). */
  public readonly maxTtlSeconds?: number;
  /** The allowed domains. */
  public readonly allowedDomains: readonly string[];
  /** Whether names below the allowed domains are accepted. */
  public readonly allowSubdomains: boolean;
  /** Whether the allowed domains themselves are accepted. */
  public readonly allowBareDomains: boolean;
  /** Whether any name is accepted. */
  public readonly allowAnyName: boolean;
  /** Whether wildcard names (`*.example.com`) are accepted. */
  public readonly allowWildcardCertificates: boolean;
  /** Key type requests must use. */
  public readonly keyType: PkiKeyType;
  /** Key bits requests must use (0 for ed25519). */
  public readonly keyBits: number;
  /** The `vault_pki_secret_backend_role` resource (escape hatch: `addOverride`). */
  public readonly resource: PkiSecretBackendRole;

  constructor(scope: Construct, id: string, props: PkiRoleProps) {
    super(scope, id);
    const maxTtl = props.maxTtl ?? '72h';
    const keyType = props.keyType ?? 'rsa';
    const keyBits = props.keyBits ?? DEFAULT_PKI_KEY_BITS[keyType] ?? 2048;
    const allowAnyName = props.allowAnyName ?? false;
    const enforceHostnames = props.enforceHostnames ?? true;
    const domains = props.allowedDomains ?? [];

    const v = new PropValidator(this, 'PkiRole', `role '${props.roleName}'`);
    v.string('roleName', props.roleName, (n) => ROLE_NAME.test(n) && n.length <= 128,
      "must be letters, digits, '_', '-' or '.', starting with a letter or digit");
    if (!allowAnyName && !Token.isUnresolved(domains)) v.nonEmpty('allowedDomains', domains);
    for (const d of Token.isUnresolved(domains) ? [] : domains) {
      v.string('allowedDomains', d, isDomainName, 'must hold lowercase DNS names like example.com (no wildcard, no trailing dot)');
      v.string('allowedDomains', d, (x) => !isDomainName(x) || !isPublicSuffix(x),
        "must hold domains you own, not a public suffix (a TLD like 'com' or a registry suffix like 'co.uk'): the role would issue for every domain under it");
    }
    checkKey(v, 'keyType', 'keyBits', keyType, keyBits);
    const ceiling = props.ttlCeiling;
    const maxProblem = (prop: string, value: string | number | undefined) => {
      if (value === undefined || (typeof value === 'string' && Token.isUnresolved(value))) return;
      const s = parseDuration(value);
      if (s === undefined) v.duration(prop, value);
      else if (s < 1) v.fail(prop, value, 'must be at least 1s');
      else if (s > MAX_DURATION_SECONDS) v.duration(prop, value);
      else if (ceiling !== undefined && s > ceiling) {
        v.fail(prop, value, `must not exceed ${props.ttlCeilingSource ?? 'the ceiling'} (${formatDuration(ceiling)}): Vault refuses to issue past the CA's expiry and caps leases at the mount's max`);
      }
    };
    maxProblem('maxTtl', maxTtl);
    maxProblem('ttl', props.ttl);
    const maxS = literalSeconds(maxTtl);
    const ttlS = literalSeconds(props.ttl);
    if (maxS !== undefined && ttlS !== undefined && ttlS > maxS) v.fail('ttl', props.ttl, `must not exceed maxTtl (${String(maxTtl)})`);
    for (const u of props.keyUsage ?? []) {
      v.oneOf('keyUsage', u, PKI_KEY_USAGES);
    }
    v.throwIfInvalid();

    if (allowAnyName) warnInsecure(this, 'allowAnyName', `PKI role '${props.roleName}' issues certificates for any name, including hosts its users do not own`);
    if (!enforceHostnames) warnInsecure(this, 'enforceHostnames', `PKI role '${props.roleName}' accepts names that are not valid hostnames`);

    this.roleName = props.roleName;
    this.mountPath = props.mountPath;
    this.maxTtlSeconds = maxS;
    this.allowedDomains = [...domains];
    this.allowSubdomains = props.allowSubdomains ?? false;
    this.allowBareDomains = props.allowBareDomains ?? false;
    this.allowAnyName = allowAnyName;
    this.allowWildcardCertificates = props.allowWildcardCertificates ?? false;
    this.keyType = keyType;
    this.keyBits = keyBits;

    const resources = (props.dependsOn ?? []).filter((d): d is TerraformResource => d instanceof TerraformResource);
    const others = (props.dependsOn ?? []).filter((d) => !(d instanceof TerraformResource));
    this.resource = new PkiSecretBackendRole(this, 'Resource', {
      backend: props.mountPath,
      name: props.roleName,
      allowedDomains: this.allowedDomains as string[],
      allowSubdomains: this.allowSubdomains,
      allowBareDomains: this.allowBareDomains,
      allowGlobDomains: false,
      // Vault's defaults for these three are permissive; each widens what a
      // holder of the role can mint, so they are opt-in here.
      allowWildcardCertificates: this.allowWildcardCertificates,
      allowIpSans: props.allowIpSans ?? false,
      allowLocalhost: props.allowLocalhost ?? false,
      allowAnyName,
      enforceHostnames,
      maxTtl: toSecondsString(maxTtl),
      ttl: toSecondsString(props.ttl ?? maxTtl),
      keyType,
      keyBits,
      keyUsage: [...(props.keyUsage ?? ['DigitalSignature', 'KeyAgreement', 'KeyEncipherment'])],
      serverFlag: props.serverFlag ?? true,
      clientFlag: props.clientFlag ?? false,
      codeSigningFlag: false,
      emailProtectionFlag: false,
      // Resources go in as bare addresses at render time (no token per entry); anything else as config.
      dependsOn: others.length ? others : undefined,
    });
    if (resources.length) dependOnResources(this.resource, ...resources);
  }

  /** Whether a DNS name is one this role signs, judged from its literal settings. */
  public permitsName(name: string): boolean {
    if (this.allowAnyName) return true;
    const wildcard = name.startsWith('*.');
    if (wildcard && !this.allowWildcardCertificates) return false;
    // As Vault's validateNames: a bare-domain match compares the whole name,
    // so it never admits a wildcard; subdomains admit `*.<domain>` and deeper,
    // judged on the name without its wildcard label. Case-insensitive.
    const lower = name.toLowerCase();
    const reduced = wildcard ? lower.slice(2) : lower;
    return this.allowedDomains.some((domain) => {
      const d = domain.toLowerCase();
      return (this.allowBareDomains && lower === d) || (this.allowSubdomains && (reduced.endsWith(`.${d}`) || (wildcard && reduced === d)));
    });
  }
}

/** Checks that a key type and size are a combination Vault accepts. */
export function checkKey(v: PropValidator, typeProp: string, bitsProp: string, keyType: PkiKeyType, keyBits: number): void {
  v.oneOf(typeProp, keyType, Object.keys(PKI_KEY_BITS) as PkiKeyType[]);
  const allowed = PKI_KEY_BITS[keyType];
  if (allowed && !Token.isUnresolved(keyBits)) {
    v.check(allowed.includes(keyBits), bitsProp, keyBits, `must be one of ${allowed.join(', ')} for key type '${keyType}'`);
  }
}
