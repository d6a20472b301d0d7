import { DefaultTokenResolver, Lazy, StringConcat, TerraformResource, TerraformStack, Tokenization } from 'cdktf';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct, IConstruct } from 'constructs';
import { suppressRule } from '../checks/suppressions';
import { FlowEdge, FlowNodes, ISecretFlowContributor } from '../core/diagram';
import { PropValidator } from '../core/validation';
import { isMountWidePath, IVaultPolicy, PolicyRule, renderPolicyHcl, VaultCapability } from './policy';

/** Properties of a {@link VaultDeployPolicy}. */
export interface VaultDeployPolicyProps {
  /** The policy name in Vault. */
  readonly policyName: string;
  /**
   * The constructs whose Vault resources the pipeline deploys, usually the
   * Vault layer's stack. Every `vault_*` resource below it is read at synth.
   */
  readonly manages: IConstruct;
  /**
   * Read only: what a plan needs (read the managed objects, create the
   * provider's child token). Give this variant to pull-request jobs.
   * @default false (create, update and delete on exactly the managed objects)
   */
  readonly readOnly?: boolean;
  /**
   * Parts of `manages` the pipeline may read but never change: its own JWT
   * auth and roles, its policies, the Kubernetes secrets engine it takes
   * credentials from. Otherwise a deploy could widen its own rights; changes
   * to these are applied by a person (see the README's bootstrap). This
   * policy is always protected.
   * @default - only this policy
   */
  readonly protect?: readonly IConstruct[];
  /**
   * Rules for what the derivation does not know (a raw `vault_generic_endpoint`
   * is known; a resource type this construct has no table entry for is not,
   * and fails the synth until its paths are given here). Mount-wide globs
   * are refused.
   * @default - none
   */
  readonly additionalRules?: readonly PolicyRule[];
}

/** One Vault API path a managed resource needs, with what a deploy and a plan do on it. */
interface PathNeed {
  readonly path: string;
  readonly write: readonly VaultCapability[];
  readonly read: readonly VaultCapability[];
}

const CRUD: readonly VaultCapability[] = ['create', 'read', 'update', 'delete'];
const READ: readonly VaultCapability[] = ['read'];
const WRITE_ONLY: readonly VaultCapability[] = ['create', 'update'];

const crud = (path: string): PathNeed => ({ path, write: CRUD, read: READ });
const mount = (path: string): PathNeed[] => [crud(`sys/mounts/${path}`), { path: `sys/mounts/${path}/tune`, write: ['read', 'update'], read: READ }];
// Enabling, reading and disabling an auth method are root-protected (sudo), on the exact path only.
const authMount = (path: string): PathNeed[] => [
  { path: `sys/auth/${path}`, write: [...CRUD, 'sudo'], read: ['read', 'sudo'] },
  { path: `sys/auth/${path}/tune`, write: ['read', 'update'], read: READ },
];

type Attr = (name: string) => string;

/**
 * The Vault API paths each resource type of the vault provider writes and
 * reads, from its own attributes. A type missing here fails the synth rather
 * than being skipped: a deploy policy that silently misses a resource fails
 * the apply with 403 instead.
 */
const PATHS: Record<string, (a: Attr) => PathNeed[]> = {
  vault_mount: (a) => mount(a('path')),
  vault_auth_backend: (a) => authMount(a('path')),
  vault_jwt_auth_backend: (a) => [...authMount(a('path')), crud(`auth/${a('path')}/config`)],
  vault_kubernetes_auth_backend_config: (a) => [crud(`auth/${a('backend')}/config`)],
  vault_kubernetes_auth_backend_role: (a) => [crud(`auth/${a('backend')}/role/${a('role_name')}`)],
  vault_jwt_auth_backend_role: (a) => [crud(`auth/${a('backend')}/role/${a('role_name')}`)],
  vault_policy: (a) => [crud(`sys/policies/acl/${a('name')}`)],
  vault_azure_secret_backend: (a) => [...mount(a('path')), crud(`${a('path')}/config`)],
  vault_azure_secret_backend_role: (a) => [crud(`${a('backend')}/roles/${a('role')}`)],
  vault_kubernetes_secret_backend: (a) => [...mount(a('path')), crud(`${a('path')}/config`)],
  vault_kubernetes_secret_backend_role: (a) => [crud(`${a('backend')}/roles/${a('name')}`)],
  vault_kv_secret_backend_v2: (a) => [crud(`${a('mount')}/config`)],
  vault_pki_secret_backend_role: (a) => [crud(`${a('backend')}/roles/${a('name')}`)],
  vault_pki_secret_backend_config_urls: (a) => [{ path: `${a('backend')}/config/urls`, write: ['read', 'update'], read: READ }],
  // The vault provider on Vault 1.11+ uses the multi-issuer endpoints (issuers/generate/..., and
  // deletes the root by its issuer id), the legacy ones before; both are listed. It reads PKI
  // certificates from the mount and from unauthenticated endpoints only.
  vault_pki_secret_backend_root_cert: (a) => [
    { path: `${a('backend')}/issuers/generate/root/${a('type')}`, write: WRITE_ONLY, read: [] },
    { path: `${a('backend')}/root/generate/${a('type')}`, write: WRITE_ONLY, read: [] },
    { path: `${a('backend')}/issuer/+`, write: ['delete'], read: [] },
    { path: `${a('backend')}/root`, write: ['delete'], read: [] },
  ],
  vault_pki_secret_backend_intermediate_cert_request: (a) => [
    { path: `${a('backend')}/issuers/generate/intermediate/${a('type')}`, write: WRITE_ONLY, read: [] },
    { path: `${a('backend')}/intermediate/generate/${a('type')}`, write: WRITE_ONLY, read: [] },
  ],
  vault_pki_secret_backend_root_sign_intermediate: (a) => [{
    path: a('issuer_ref') ? `${a('backend')}/issuer/${a('issuer_ref')}/sign-intermediate` : `${a('backend')}/root/sign-intermediate`,
    write: WRITE_ONLY, read: [],
  }],
  vault_pki_secret_backend_intermediate_set_signed: (a) => [{ path: `${a('backend')}/intermediate/set-signed`, write: WRITE_ONLY, read: [] }],
  // A write-only action (rotate-root) is written, and read back only when the resource reads.
  vault_generic_endpoint: (a) => [{ path: a('path'), write: a('disable_read') === 'true' ? WRITE_ONLY : ['create', 'read', 'update'], read: a('disable_read') === 'true' ? [] : READ }],
};

/** What every run needs: the provider lists mounts and auth methods and makes a child token per run. */
const ALWAYS: readonly PolicyRule[] = [
  { path: 'sys/mounts', capabilities: ['read'], comment: 'the vault provider lists mounts and auth methods' },
  { path: 'sys/auth', capabilities: ['read'] },
  { path: 'auth/token/create', capabilities: ['update'], comment: 'the vault provider runs on a child token of this one' },
];

/**
 * The pipeline's Vault policy, derived from what the Vault layer manages
 * instead of written by hand: for each mount, auth method, policy and role
 * the stack creates, exactly its API paths (`sys/mounts/<path>`,
 * `sys/auth/<path>`, `sys/policies/acl/<name>`, `auth/<mount>/role/<name>`,
 * `<mount>/roles/<name>`, ...), and nothing else. A mount the stack does not
 * manage, another team's policy, a secret inside a KV mount: none is
 * reachable.
 *
 * Two variants: `readOnly` for plans on pull requests, read-write for the
 * deploy from the protected environment. The pipeline's own identity
 * (`protect`) stays read-only in both.
 *
 * The rules are computed when the stack synthesizes, so resources added
 * after this construct are covered. A name known only at apply time (a
 * variable) stays an expression in the policy text, for Terraform to fill in.
 */
export class VaultDeployPolicy extends Construct implements IVaultPolicy, ISecretFlowContributor {
  /** The policy name in Vault. */
  public readonly policyName: string;
  /** Whether this is the plan (read-only) variant. */
  public readonly readOnly: boolean;
  /** The `vault_policy` resource. */
  public readonly resource: Policy;
  private readonly manages: IConstruct;
  private readonly protect: IConstruct[];
  private readonly additionalRules: readonly PolicyRule[];

  constructor(scope: Construct, id: string, props: VaultDeployPolicyProps) {
    super(scope, id);
    const v = new PropValidator(this, 'VaultDeployPolicy');
    v.string('policyName', props.policyName, (n) => /^[a-z0-9][a-z0-9_.-]*$/.test(n) && n !== 'root' && n !== 'default' && n.length <= 128,
      "must be lowercase letters, digits, '_', '-' or '.', at most 128 characters, and not 'root' or 'default'");
    for (const rule of props.additionalRules ?? []) {
      v.check(!isMountWidePath(rule.path), `additionalRules '${rule.path}'`, rule.path, 'must be scoped to one mount, not a glob across every mount');
      v.check(!rule.capabilities.includes('sudo'), `additionalRules '${rule.path}'`, 'sudo', 'must not grant sudo');
      v.nonEmpty(`additionalRules '${rule.path}'.capabilities`, rule.capabilities);
    }
    v.throwIfInvalid();

    this.policyName = props.policyName;
    this.readOnly = props.readOnly ?? false;
    this.manages = props.manages;
    this.protect = [this, ...(props.protect ?? [])];
    this.additionalRules = props.additionalRules ?? [];
    this.resource = new Policy(this, 'Resource', {
      name: props.policyName,
      policy: Lazy.stringValue({ produce: () => renderPolicyHcl(this.policyRules) }),
    });
    // A deploy policy writes Vault's own configuration on purpose, but only
    // the exact sys/ and auth/ paths of what its stack manages; its only sudo
    // is on `sys/auth/<exact mount>`, which Vault requires to enable, read and
    // disable an auth method. No glob reaches every mount or every policy.
    suppressRule(this, 'VP-POL-1', 'deploy policy: exact sys/ and auth/ paths of what this stack manages, sudo only on exact sys/auth paths');
  }

  /** The rules, derived from the managed resources as they are now. */
  public get policyRules(): PolicyRule[] {
    const caps = new Map<string, Set<VaultCapability>>();
    const add = (path: string, c: readonly VaultCapability[]) => {
      if (c.length === 0) return;
      const set = caps.get(path) ?? new Set<VaultCapability>();
      c.forEach((x) => set.add(x));
      caps.set(path, set);
    };
    for (const need of this.managedPaths()) add(need.path, this.readOnly || need.protected ? need.read : need.write);
    for (const r of this.additionalRules) add(r.path, this.readOnly ? r.capabilities.filter((c) => c === 'read' || c === 'list') : r.capabilities);
    const derived = [...caps.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([path, c]) => ({ path, capabilities: [...c] }));
    return [...ALWAYS, ...derived];
  }

  /** The managed objects, for the diagram: mount paths, auth paths, policy and role names. */
  public get summary(): { mounts: string[]; auth: string[]; policies: string[]; roles: number } {
    const paths = this.managedPaths().filter((p) => !p.protected && !p.path.endsWith('/tune')).map((p) => p.path);
    const pick = (re: RegExp) => [...new Set(paths.map((p) => re.exec(p)?.[1]).filter((x): x is string => !!x))].sort();
    return {
      mounts: pick(/^sys\/mounts\/(.+)$/),
      auth: pick(/^sys\/auth\/(.+)$/),
      policies: pick(/^sys\/policies\/acl\/(.+)$/),
      roles: paths.filter((p) => /\/(role|roles)\/[^/]+$/.test(p)).length,
    };
  }

  /** The diagram: this policy to what it lets the pipeline change. */
  public secretFlowEdges(): FlowEdge[] {
    const s = this.summary;
    const what = [
      s.mounts.length ? `mounts ${s.mounts.join(', ')}` : '',
      s.auth.length ? `auth ${s.auth.join(', ')}` : '',
      s.roles ? `${s.roles} roles` : '',
      s.policies.length ? `${s.policies.length} policies` : '',
    ].filter(Boolean).join('; ');
    const verb = this.readOnly ? 'read' : 'create, update, delete';
    return [{ from: FlowNodes.vaultPolicy(this.policyName), to: FlowNodes.deployTarget(`vault:${this.node.path}`, `Vault ${what || 'nothing'}`), label: verb }];
  }

  private managedPaths(): Array<PathNeed & { protected: boolean }> {
    const stack = TerraformStack.of(this.manages);
    const resources = this.manages.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType.startsWith('vault_'));
    const out: Array<PathNeed & { protected: boolean }> = [];
    for (const r of resources) {
      const paths = PATHS[r.terraformResourceType];
      if (!paths) {
        throw new Error(`VaultDeployPolicy '${this.node.path}': 'manages' holds ${r.terraformResourceType} '${r.node.path}', whose Vault paths it does not know; give them as additionalRules and exclude nothing silently`);
      }
      const isProtected = this.protect.some((p) => r.node.scopes.includes(p));
      const attr: Attr = (name) => literalAttribute(stack, r, name);
      for (const need of paths(attr)) out.push({ ...need, protected: isProtected });
    }
    return out;
  }
}

/** cdktf's default resolution (references become `${...}` expressions), through its public API. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/**
 * A resource attribute as a literal, following plain references to another
 * resource of the same stack (`backend = vault_auth_backend.x.path`), so the
 * policy names paths rather than expressions where it can. A value known only
 * at apply time stays a Terraform expression inside the policy text, which
 * Terraform interpolates when it applies.
 */
function literalAttribute(stack: TerraformStack, resource: TerraformResource, name: string, depth = 0): string {
  const raw = (resource as unknown as { synthesizeAttributes(): Record<string, unknown> }).synthesizeAttributes()[name];
  const value = Tokenization.resolve(raw, { scope: stack, resolver: RESOLVER }) as unknown;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value !== 'string') return '';
  const ref = REFERENCE.exec(value);
  if (ref && depth < 5) {
    const [, type, logicalId, attr] = ref;
    const target = stack.node.findAll().find((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType === type && stack.getLogicalId(c) === logicalId);
    if (target) {
      const literal = literalAttribute(stack, target, attr, depth + 1);
      if (!literal.includes('${')) return literal;
    }
  }
  // Known only at apply time: hand the token itself to the policy renderer,
  // which writes it as a Terraform expression.
  return value.includes('${') && typeof raw === 'string' ? raw : value;
}
