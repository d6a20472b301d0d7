import * as fs from 'node:fs';
import { isDnsLabel, isDnsSubdomain, isUrl } from '../lib/core/validation';
import type { BackendConfig } from '../lib/platform/platform-stack';

export type { BackendConfig };

/**
 * One cluster's platform, as the layered `homelab-*` stacks build it. Loaded
 * from JSON by {@link loadPlatformConfig}; several clusters are several files.
 */
export interface PlatformConfig {
  /** Prefix of the stack names (`<name>-identity`, `<name>-platform`, ...); a DNS-1123 label. */
  readonly name: string;
  readonly azure: {
    readonly tenantId: string;
    readonly subscriptionId: string;
    /** Resource group for the Key Vault and identities. */
    readonly resourceGroupName: string;
    readonly location: string;
    /** Azure DNS zone cert-manager solves ACME DNS-01 challenges in. */
    readonly dnsZoneName: string;
    readonly dnsZoneResourceGroupName: string;
    /** Key Vault name for the unseal key (3-24 characters, globally unique). */
    readonly keyVaultName: string;
    /**
     * How the Terraform runner and Vault reach the unseal Key Vault: public
     * IP ranges (the cluster's egress and the runner), subnet IDs with the
     * `Microsoft.KeyVault` service endpoint, and/or a private endpoint with
     * its `privatelink.vaultcore.azure.net` DNS zone. At least one.
     */
    readonly keyVaultAccess: KeyVaultAccess;
  };
  readonly kubernetes: {
    /** The cluster's OIDC issuer, for workload identity federation. */
    readonly oidcIssuerUrl: string;
  };
  readonly vault: {
    /** Namespace Vault runs in; clients reach it at `https://vault.<namespace>.svc:8200`. */
    readonly namespace: string;
    /** Secret in Vault's namespace holding the CA of Vault's TLS certificate (key `ca.crt`). */
    readonly caSecretName: string;
  };
  readonly acme: {
    readonly email: string;
    /** Use Let's Encrypt production rather than staging. */
    readonly production: boolean;
  };
  readonly pki: {
    /** Domain the internal PKI issues for (with subdomains). */
    readonly domain: string;
  };
  /** Which scenarios this cluster runs. */
  readonly scenarios: {
    readonly certManagerAzureDns: boolean;
    readonly esoKv: boolean;
    readonly autoUnseal: boolean;
    readonly vaultPki: boolean;
  };
  readonly backend: BackendConfig;
  /**
   * The CI pipeline that deploys this platform, logging in to Vault with its
   * job token (optional: without it no JWT auth, CI roles or Kubernetes
   * secrets engine is built).
   */
  readonly ci?: CiConfig;
}

/** The CI pipeline of a platform: who may plan and who may deploy. */
export interface CiConfig {
  /** `github-actions` or `gitlab`. */
  readonly provider: 'github-actions' | 'gitlab';
  /** The repository (GitHub `owner/repo`, GitLab project path) whose jobs deploy. */
  readonly repository: string;
  /** The protected deployment environment deploy jobs run in; pull-request jobs only plan. */
  readonly deployEnvironment: string;
}

/** `azure.keyVaultAccess`: the reachability props of `AutoUnsealKeyVault`. */
export interface KeyVaultAccess {
  /** Public IPs or CIDRs let through the firewall: the cluster's egress and the Terraform runner. */
  readonly allowedIpRanges?: string[];
  /** Subnet resource IDs (with the `Microsoft.KeyVault` service endpoint) let through the firewall. */
  readonly allowedSubnetIds?: string[];
  /** A private endpoint in `subnetId`, registered in an existing zone (`privateDnsZoneId`) or a new one linked to `linkVirtualNetworkIds`. */
  readonly privateEndpoint?: { readonly subnetId: string; readonly privateDnsZoneId?: string; readonly linkVirtualNetworkIds?: string[] };
}

type Check = (value: unknown) => string | undefined;

/**
 * A value as JSON, with every invisible or ambiguous character (a BOM, a
 * zero-width space, a non-breaking space, controls) shown as `\uXXXX`, so a
 * message never hides what is wrong.
 */
export function visible(value: unknown): string {
  return visibleText(JSON.stringify(value) ?? String(value));
}

/** `text` with invisible characters (not the plain space) shown as `\uXXXX`. */
export function visibleText(text: string): string {
  return text.replace(/[\p{C}\p{Z}]/gu, (c) => (c === ' ' ? c : `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`));
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

const str = (ok: (v: string) => boolean, allowed: string): Check => (v) =>
  (typeof v === 'string' && ok(v) ? undefined : allowed);
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = str((v) => UUID.test(v), 'must be a UUID like 00000000-0000-0000-0000-000000000000');
const label = str(isDnsLabel, 'must be a DNS-1123 label (lowercase letters, digits, "-")');
const nonEmpty = str((v) => v.trim().length > 0, 'must be a non-empty string');
const httpsUrl = str((v) => isUrl(v, ['https']), 'must be an https:// URL');
const domain = str((v) => isDnsSubdomain(v) && v.includes('.'), 'must be a DNS name like example.com');
const email = str((v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), 'must be an email address');
const keyVaultName = str((v) => /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(v), 'must be 3-24 letters, digits and single hyphens, starting with a letter');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
/** The shape only; AutoUnsealKeyVault judges the values (CIDRs, resource IDs) and their combination at synth. */
const keyVaultAccess: Check = (v) => {
  const allowed = 'must be an object with at least one of allowedIpRanges, allowedSubnetIds (lists of strings) and privateEndpoint ({ subnetId, privateDnsZoneId or linkVirtualNetworkIds })';
  if (!isObject(v)) return allowed;
  const keys = Object.keys(v);
  if (keys.length === 0 || keys.some((k) => !['allowedIpRanges', 'allowedSubnetIds', 'privateEndpoint'].includes(k))) return allowed;
  if (('allowedIpRanges' in v && !isStringList(v.allowedIpRanges)) || ('allowedSubnetIds' in v && !isStringList(v.allowedSubnetIds))) return allowed;
  const pe = v.privateEndpoint;
  if (pe !== undefined && (!isObject(pe) || typeof pe.subnetId !== 'string'
    || Object.keys(pe).some((k) => !['subnetId', 'privateDnsZoneId', 'linkVirtualNetworkIds'].includes(k))
    || ('privateDnsZoneId' in pe && typeof pe.privateDnsZoneId !== 'string')
    || ('linkVirtualNetworkIds' in pe && !isStringList(pe.linkVirtualNetworkIds)))) return allowed;
  return undefined;
};

/** The shape of the file: every key, and how its value is checked. */
const SCHEMA = {
  name: label,
  azure: {
    tenantId: uuid, subscriptionId: uuid, resourceGroupName: nonEmpty, location: nonEmpty,
    dnsZoneName: domain, dnsZoneResourceGroupName: nonEmpty, keyVaultName, keyVaultAccess,
  },
  kubernetes: { oidcIssuerUrl: httpsUrl },
  vault: { namespace: label, caSecretName: str(isDnsSubdomain, 'must be a DNS-1123 subdomain') },
  acme: { email, production: bool },
  pki: { domain },
  scenarios: { certManagerAzureDns: bool, esoKv: bool, autoUnseal: bool, vaultPki: bool },
} as const;

const CI_SCHEMA: Record<string, Check> = {
  provider: str((v) => v === 'github-actions' || v === 'gitlab', "must be 'github-actions' or 'gitlab'"),
  repository: str((v) => /^[^\s*?]+\/[^\s*?]+$/.test(v), "must be one exact repository like 'owner/repo', without wildcards"),
  deployEnvironment: str((v) => v.trim().length > 0 && !/[*?]/.test(v), 'must be an environment name without wildcards'),
};

const BACKENDS: Record<BackendConfig['type'], Record<string, Check>> = {
  local: {},
  azurerm: { resourceGroupName: nonEmpty, storageAccountName: str((v) => /^[a-z0-9]{3,24}$/.test(v), 'must be 3-24 lowercase letters and digits'), containerName: label },
  cloud: { organization: nonEmpty, workspacePrefix: label },
};

function checkObject(value: unknown, schema: Record<string, unknown>, at: string, problems: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`'${at || '(top level)'}' must be an object (got ${visible(value)})`);
    return;
  }
  const obj = value as Record<string, unknown>;
  // Own keys only: `__proto__`, `constructor` or `toString` in a file are
  // unknown keys, not the schema's inherited members.
  for (const key of Object.keys(obj)) {
    if (!own(schema, key)) problems.push(`'${at ? `${at}.` : ''}${visibleText(key)}' is not a known key (known: ${Object.keys(schema).join(', ')})`);
  }
  for (const [key, rule] of Object.entries(schema)) {
    const path = at ? `${at}.${key}` : key;
    if (!own(obj, key)) {
      problems.push(`'${path}' is missing`);
    } else if (typeof rule === 'function') {
      const allowed = (rule as Check)(obj[key]);
      if (allowed) problems.push(`'${path}' ${allowed} (got ${visible(obj[key])})`);
    } else {
      checkObject(obj[key], rule as Record<string, unknown>, path, problems);
    }
  }
}

/** Validates a parsed config, collecting every problem into one error. */
export function parsePlatformConfig(raw: unknown, source: string): PlatformConfig {
  const problems: string[] = [];
  const { backend, ci, ...rest } = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  checkObject(raw === null || typeof raw !== 'object' ? raw : rest, SCHEMA, '', problems);
  const b = (backend ?? { type: 'local' }) as Record<string, unknown>;
  // An own key of BACKENDS, never an inherited one: `"__proto__"` or
  // `"toString"` must not pass as a backend with no fields (local state).
  const schema = typeof b.type === 'string' && own(BACKENDS, b.type) ? BACKENDS[b.type as BackendConfig['type']] : undefined;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) problems.push(`'backend' must be an object (got ${visible(b)})`);
  else if (!schema) problems.push(`'backend.type' must be one of ${Object.keys(BACKENDS).join(', ')} (got ${visible(b.type)})`);
  else {
    const { type: _type, ...fields } = b;
    checkObject(fields, schema, 'backend', problems);
  }
  if (ci !== undefined) checkObject(ci, CI_SCHEMA, 'ci', problems);
  if (problems.length) throw new Error(problems.map((p) => `config '${source}': ${p}`).join('\n'));
  return { ...(rest as object), backend: b, ...(ci !== undefined ? { ci } : {}) } as unknown as PlatformConfig;
}

/** Reads and validates a platform config file (JSON; a leading byte order mark is accepted, as editors on Windows write one). */
export function loadPlatformConfig(file: string): PlatformConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`config '${file}': cannot be read as JSON: ${visibleText((e as Error).message)}`);
  }
  return parsePlatformConfig(raw, file);
}

/**
 * Loads several platform configs, one per cluster. Their names prefix the
 * stack names, so two files with one `name` would build the same stacks:
 * refused, naming both files.
 */
export function loadPlatformConfigs(files: readonly string[]): PlatformConfig[] {
  const configs = files.map(loadPlatformConfig);
  const first = new Map<string, string>();
  const clashes: string[] = [];
  configs.forEach((c, i) => {
    const earlier = first.get(c.name);
    if (earlier === undefined) first.set(c.name, files[i]);
    else clashes.push(`configs '${earlier}' and '${files[i]}' both have name '${c.name}': each cluster needs its own name, which prefixes its stack names (${c.name}-identity, ...)`);
  });
  if (clashes.length) throw new Error(clashes.join('\n'));
  return configs;
}
