import { Mount } from '@cdktf/provider-vault/lib/mount';
import { PkiSecretBackendConfigUrls } from '@cdktf/provider-vault/lib/pki-secret-backend-config-urls';
import { PkiSecretBackendIntermediateCertRequest } from '@cdktf/provider-vault/lib/pki-secret-backend-intermediate-cert-request';
import { PkiSecretBackendIntermediateSetSigned } from '@cdktf/provider-vault/lib/pki-secret-backend-intermediate-set-signed';
import { PkiSecretBackendRootCert } from '@cdktf/provider-vault/lib/pki-secret-backend-root-cert';
import { PkiSecretBackendRootSignIntermediate } from '@cdktf/provider-vault/lib/pki-secret-backend-root-sign-intermediate';
import { Construct } from 'constructs';
import { warnInsecure } from '../core/annotations';
import { literalSeconds, toSeconds, toSecondsString } from '../core/duration';
import { hasUrlCredentials, isUrl, PropValidator, URL_CREDENTIALS_RULE } from '../core/validation';
import { grant, GrantOptions, Grantor, IGrantee } from './grant';
import { checkKey, DEFAULT_PKI_KEY_BITS, PkiKeyType, PkiRole, PkiRoleOptions } from './pki-role';
import { VaultPolicy } from './policy';
import { isMountPath, MOUNT_PATH_RULE } from './private/paths';

/** A certificate authority generated inside Vault (its private key never leaves Vault). */
export interface PkiCaOptions {
  /** Common name of the CA certificate, e.g. `moelove.info` or `Example Root CA`. */
  readonly commonName: string;
  /**
   * Lifetime of the CA certificate: a duration like `8760h`, or whole seconds.
   * @default - the mount's max lease TTL
   */
  readonly ttl?: string | number;
  /**
   * Key type of the CA.
   * @default 'rsa'
   */
  readonly keyType?: PkiKeyType;
  /**
   * Key size; must fit `keyType` (rsa 2048/3072/4096, ec 256/384/521, ed25519 0).
   * @default - 2048 for rsa, 256 for ec, 0 for ed25519
   */
  readonly keyBits?: number;
  /**
   * Organization (O) of the CA certificate.
   * @default - none
   */
  readonly organization?: string;
}

/** An intermediate CA in its own mount, signed by the root, that issues the leaf certificates. */
export interface PkiIntermediateOptions extends PkiCaOptions {
  /**
   * Mount path of the intermediate.
   * @default - `<path>_int`
   */
  readonly path?: string;
  /**
   * Max lease TTL of the intermediate mount, which caps leaf certificates.
   * @default - the intermediate's TTL
   */
  readonly maxLeaseTtl?: string | number;
}

/** Properties of a {@link PkiIssuer}. */
export interface PkiIssuerProps {
  /**
   * Mount path of the root CA's PKI engine.
   * @default 'pki'
   */
  readonly path?: string;
  /**
   * Description of the mount.
   * @default - none
   */
  readonly description?: string;
  /**
   * Max lease TTL of the root mount. Vault silently caps the CA's TTL (and
   * every certificate) at it, which is why S4's `ttl=8760h` needed a tune.
   * @default '8760h'
   */
  readonly maxLeaseTtl?: string | number;
  /** The root CA, generated inside Vault (`type = internal`). */
  readonly rootCa: PkiCaOptions;
  /**
   * Add an intermediate CA, signed by the root, that issues the leaf
   * certificates; the root then only signs the intermediate and can be kept
   * offline or rotated apart from it. Recommended for anything long-lived.
   * @default - the root issues leaf certificates itself
   */
  readonly intermediate?: PkiIntermediateOptions;
  /**
   * Vault's address as certificate users reach it. Sets each mount's issuing
   * certificate URL (`<base>/v1/<mount>/ca`) and CRL distribution point
   * (`<base>/v1/<mount>/crl`), which Vault writes into every certificate.
   * It must be an address Vault answers on: with the TLS-only listener of
   * {@link VaultHelmRelease} that is its `https://` address. `http://` (S4's
   * `http://vault.default:8200`, a dev-mode Vault) needs a plaintext listener
   * or a mirror; CRLs and CA certificates are signed, so plain HTTP is safe
   * for them, and avoids a client needing this CA to fetch this CA.
   * @default - no URLs: issued certificates carry no AIA or CRL extension
   */
  readonly urlBase?: string;
  /**
   * Keep the mounts and CA certificates when the stack is destroyed or the
   * construct is renamed. Emits a warning annotation when turned off.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * A Vault PKI secrets engine: a mount with an internal root CA, optionally an
 * intermediate CA that issues the leaf certificates, the issuing/CRL URLs, and
 * roles added with {@link addRole}.
 *
 * Access is granted per Kubernetes auth role with {@link grantSign} (what
 * cert-manager needs) and {@link grantIssue}, each writing exactly one path;
 * S4's `pki*` rule reached every mount whose name starts with `pki`.
 */
export class PkiIssuer extends Construct {
  /** The mount that issues leaf certificates and holds the roles (the intermediate's when there is one). */
  public readonly mountPath: string;
  /** The root CA's mount path. */
  public readonly rootMountPath: string;
  /** The root `vault_mount` resource. */
  public readonly resource: Mount;
  /** The `vault_pki_secret_backend_root_cert` resource. */
  public readonly rootCa: PkiSecretBackendRootCert;
  /** The intermediate's `vault_mount`, when there is one. */
  public readonly intermediateMount?: Mount;
  /** The intermediate's CSR (`vault_pki_secret_backend_intermediate_cert_request`). */
  public readonly intermediateCsr?: PkiSecretBackendIntermediateCertRequest;
  /** The root's signature on the intermediate (`vault_pki_secret_backend_root_sign_intermediate`). */
  public readonly intermediateSigned?: PkiSecretBackendRootSignIntermediate;
  /** The signed intermediate installed in its mount (`vault_pki_secret_backend_intermediate_set_signed`). */
  public readonly intermediateCa?: PkiSecretBackendIntermediateSetSigned;
  /** The root mount's issuing and CRL URLs, with `urlBase`. */
  public readonly urls?: PkiSecretBackendConfigUrls;
  /** The intermediate mount's issuing and CRL URLs, with `urlBase` and an intermediate. */
  public readonly intermediateUrls?: PkiSecretBackendConfigUrls;
  /** Longest lifetime a role may hand out, in seconds (undefined when a TTL is a token). */
  public readonly maxRoleTtlSeconds?: number;
  private readonly ceilingSource: string;

  constructor(scope: Construct, id: string, props: PkiIssuerProps) {
    super(scope, id);
    const path = props.path ?? 'pki';
    const maxLeaseTtl = props.maxLeaseTtl ?? '8760h';
    const rootTtl = props.rootCa.ttl ?? maxLeaseTtl;
    const rootKeyType = props.rootCa.keyType ?? 'rsa';
    const rootKeyBits = props.rootCa.keyBits ?? DEFAULT_PKI_KEY_BITS[rootKeyType] ?? 2048;
    const int = props.intermediate;
    const intPath = int?.path ?? `${path}_int`;
    const preventDestroy = props.preventDestroy ?? true;

    const v = new PropValidator(this, 'PkiIssuer');
    v.string('path', path, isMountPath, MOUNT_PATH_RULE);
    v.duration('maxLeaseTtl', maxLeaseTtl, { min: 1 });
    const maxLeaseS = literalSeconds(maxLeaseTtl);
    const root = v.child('rootCa');
    checkCommonName(root, props.rootCa.commonName);
    // Defaults derive from validated props: check only what was given, so one mistake is reported once.
    root.duration('ttl', props.rootCa.ttl, { min: 1, max: maxLeaseS });
    checkKey(root, 'keyType', 'keyBits', rootKeyType, rootKeyBits);
    const rootS = literalSeconds(rootTtl);

    let intTtl: string | number | undefined;
    let intMaxLease: string | number | undefined;
    let intKeyType: PkiKeyType = 'rsa';
    let intKeyBits = 2048;
    if (int) {
      const iv = v.child('intermediate');
      intTtl = int.ttl ?? (rootS !== undefined ? Math.floor(rootS / 2) : rootTtl);
      intMaxLease = int.maxLeaseTtl ?? intTtl;
      intKeyType = int.keyType ?? 'rsa';
      intKeyBits = int.keyBits ?? DEFAULT_PKI_KEY_BITS[intKeyType] ?? 2048;
      iv.string('path', intPath, isMountPath, MOUNT_PATH_RULE);
      iv.string('path', intPath, (p) => p !== path, `must differ from the root mount path '${path}'`);
      checkCommonName(iv, int.commonName);
      // The root signs the intermediate as a lease on the root mount, and
      // Vault refuses to sign past the root's own expiry.
      const ceiling = minDefined(rootS, maxLeaseS);
      iv.duration('ttl', int.ttl, { min: 1, max: ceiling });
      iv.duration('maxLeaseTtl', int.maxLeaseTtl, { min: 1 });
      checkKey(iv, 'keyType', 'keyBits', intKeyType, intKeyBits);
    }
    v.string('urlBase', props.urlBase, (u) => (isUrl(u, ['http', 'https']) || hasUrlCredentials(u)) && !u.endsWith('/'), "must be an http:// or https:// URL without a trailing '/'");
    v.string('urlBase', props.urlBase, (u) => !hasUrlCredentials(u), URL_CREDENTIALS_RULE);
    v.throwIfInvalid();

    if (!preventDestroy) {
      warnInsecure(this, 'preventDestroy', `PKI mount '${path}' and its CA may be destroyed; a new CA invalidates every certificate issued so far`);
    }

    this.rootMountPath = path;
    this.mountPath = int ? intPath : path;
    // Replacing a mount or a CA generates a new key: every certificate issued
    // so far stops chaining to a trusted CA. Terraform must refuse instead.
    const lifecycle = { preventDestroy };

    this.resource = new Mount(this, 'Resource', {
      path,
      type: 'pki',
      description: props.description,
      maxLeaseTtlSeconds: toSeconds(maxLeaseTtl),
      lifecycle,
    });
    this.rootCa = new PkiSecretBackendRootCert(this, 'RootCa', {
      backend: this.resource.path,
      type: 'internal',
      commonName: props.rootCa.commonName,
      ttl: toSecondsString(rootTtl),
      keyType: rootKeyType,
      keyBits: rootKeyBits,
      organization: props.rootCa.organization,
      format: 'pem',
      lifecycle,
    });
    if (props.urlBase) {
      this.urls = new PkiSecretBackendConfigUrls(this, 'Urls', {
        backend: this.resource.path,
        issuingCertificates: [`${props.urlBase}/v1/${path}/ca`],
        crlDistributionPoints: [`${props.urlBase}/v1/${path}/crl`],
      });
    }

    let issuingTtlS = rootS;
    let issuingMaxLeaseS = maxLeaseS;
    this.ceilingSource = `the root CA's TTL and mount '${path}''s max lease TTL`;
    if (int) {
      this.intermediateMount = new Mount(this, 'IntermediateMount', {
        path: intPath,
        type: 'pki',
        description: props.description,
        maxLeaseTtlSeconds: toSeconds(intMaxLease!),
        lifecycle,
      });
      this.intermediateCsr = new PkiSecretBackendIntermediateCertRequest(this, 'IntermediateCsr', {
        backend: this.intermediateMount.path,
        type: 'internal',
        commonName: int.commonName,
        keyType: intKeyType,
        keyBits: intKeyBits,
        organization: int.organization,
        format: 'pem',
        lifecycle,
      });
      this.intermediateSigned = new PkiSecretBackendRootSignIntermediate(this, 'IntermediateSigned', {
        backend: this.resource.path,
        csr: this.intermediateCsr.csr,
        commonName: int.commonName,
        ttl: toSecondsString(intTtl!),
        organization: int.organization,
        format: 'pem',
        // Vault writes the root's URLs into the certificate it signs.
        dependsOn: [this.rootCa, ...(this.urls ? [this.urls] : [])],
        lifecycle,
      });
      this.intermediateCa = new PkiSecretBackendIntermediateSetSigned(this, 'IntermediateCa', {
        backend: this.intermediateMount.path,
        // The bundle (intermediate + root) lets the intermediate mount serve the full chain.
        certificate: this.intermediateSigned.certificateBundle,
        lifecycle,
      });
      if (props.urlBase) {
        this.intermediateUrls = new PkiSecretBackendConfigUrls(this, 'IntermediateUrls', {
          backend: this.intermediateMount.path,
          issuingCertificates: [`${props.urlBase}/v1/${intPath}/ca`],
          crlDistributionPoints: [`${props.urlBase}/v1/${intPath}/crl`],
        });
      }
      issuingTtlS = literalSeconds(intTtl!);
      issuingMaxLeaseS = literalSeconds(intMaxLease!);
      this.ceilingSource = `the intermediate CA's TTL and mount '${intPath}''s max lease TTL`;
    }
    this.maxRoleTtlSeconds = minDefined(issuingTtlS, issuingMaxLeaseS);
  }

  /** The root CA certificate (PEM), e.g. as the trust anchor clients need. */
  public get rootCertificate(): string {
    return this.rootCa.certificate;
  }

  /**
   * Adds a role to the issuing mount. `enforce_hostnames` stays on and
   * `allow_any_name` off unless asked for (both then warn).
   */
  public addRole(id: string, options: PkiRoleOptions): PkiRole {
    const role = new PkiRole(this, id, {
      ...options,
      mountPath: this.mountPath,
      ttlCeiling: this.maxRoleTtlSeconds,
      ttlCeilingSource: this.ceilingSource,
      // The role names its mount by a literal path (so policies can be named
      // from it): order it after the mount and the CA explicitly,
      // and after the URLs, which Vault writes into every certificate it issues.
      dependsOn: [this.intermediateCa ?? this.rootCa, ...[this.intermediateUrls ?? this.urls].filter((u) => u !== undefined)],
    });
    return role;
  }

  /**
   * Lets `authRole` have `pkiRole` sign CSRs (what cert-manager's Vault issuer
   * calls): `create` and `update` on `<mount>/sign/<role>`, nothing else.
   * @returns the policy the rule was written into
   */
  public grantSign(pkiRole: PkiRole, authRole: IGrantee, options: GrantOptions = {}): VaultPolicy {
    this.checkOwnRole('grantSign', pkiRole);
    return grant(authRole, this.grantor, 'sign', { path: `${this.mountPath}/sign/${pkiRole.roleName}`, capabilities: ['create', 'update'] }, options);
  }

  /**
   * Lets `authRole` have Vault generate a key and certificate with `pkiRole`:
   * `create` and `update` on `<mount>/issue/<role>`. Prefer {@link grantSign}:
   * with `sign` the private key never passes through Vault.
   * @returns the policy the rule was written into
   */
  public grantIssue(pkiRole: PkiRole, authRole: IGrantee, options: GrantOptions = {}): VaultPolicy {
    this.checkOwnRole('grantIssue', pkiRole);
    return grant(authRole, this.grantor, 'issue', { path: `${this.mountPath}/issue/${pkiRole.roleName}`, capabilities: ['create', 'update'] }, options);
  }

  /** Whether `pkiRole` was added to this issuer. */
  public ownsRole(pkiRole: PkiRole): boolean {
    return pkiRole.node.scope === this;
  }

  private get grantor(): Grantor {
    return { construct: this, mountPath: this.mountPath, resource: this.resource };
  }

  private checkOwnRole(method: string, pkiRole: PkiRole): void {
    const v = new PropValidator(this, 'PkiIssuer', method);
    v.check(this.ownsRole(pkiRole), 'pkiRole', pkiRole.roleName, `must be a role added with this issuer's addRole (it lives on mount '${pkiRole.mountPath}')`);
    v.throwIfInvalid();
  }
}

function checkCommonName(v: PropValidator, cn: string): void {
  // X.509 caps the CN at 64 characters (RFC 5280 ub-common-name).
  v.string('commonName', cn, (c) => c.trim().length > 0 && c.length <= 64, 'must be a non-empty name of at most 64 characters');
}

function minDefined(...values: (number | undefined)[]): number | undefined {
  const known = values.filter((x): x is number => x !== undefined);
  return known.length ? Math.min(...known) : undefined;
}

