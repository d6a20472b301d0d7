import { Lazy, Token } from 'cdktf';
import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Construct } from 'constructs';
import { warnInsecure } from '../core/annotations';
import { addDependency } from '../core/dependencies';
import { FlowEdge, FlowNodes, ISecretFlowContributor } from '../core/diagram';
import { parseDuration, toSeconds } from '../core/duration';
import { isUnresolvedToken } from '../core/unresolved';
import { PropValidator } from '../core/validation';
import type { IGrantee } from './grant';
import type { IVaultJwtAuth } from './jwt-auth';
import { IVaultPolicy } from './policy';

/** Options for {@link VaultJwtAuth.addRole}. */
export interface VaultJwtAuthRoleOptions {
  /** The role name in Vault. */
  readonly roleName: string;
  /**
   * The one repository whose jobs may log in: `owner/repo` on GitHub, the
   * project path on GitLab, `org/project/service-connection` on Azure DevOps.
   * Wildcards are refused: a pattern lets every matching repository, forks
   * and newly created ones included, deploy.
   */
  readonly repository: string;
  /**
   * The deployment environment the job must run in (GitHub `environment`,
   * GitLab `environment`). Protect it (required reviewers, deployment
   * branches): the environment is what makes a job a deploy.
   * @default - not bound to an environment
   */
  readonly environment?: string;
  /**
   * The exact git ref the job must run on, e.g. `refs/heads/main` (GitHub)
   * or `main` (GitLab).
   * @default - not bound to a ref
   */
  readonly ref?: string;
  /**
   * Only pull-request jobs may log in: GitHub `event_name = pull_request` on a
   * `refs/pull/<n>/merge` ref, GitLab `pipeline_source = merge_request_event`.
   * Give such a role read-only policies (plans): the job runs the pull
   * request's code.
   * @default false
   */
  readonly pullRequests?: boolean;
  /**
   * Let jobs on any branch of the repository log in (no environment, ref or
   * pull-request binding). Anyone who can push a branch then gets the role's
   * policies. Emits a warning annotation.
   * @default false
   */
  readonly allowAnyRef?: boolean;
  /**
   * Policies attached to tokens issued by this role. Grants add theirs.
   * @default - only what grants add
   */
  readonly policies?: readonly IVaultPolicy[];
  /**
   * Token TTL: a duration like `15m` or `1h`, or whole seconds. The vault
   * provider's child token lasts 20 minutes by default, and a job logs in
   * right before the steps that need Vault.
   * @default '20m'
   */
  readonly tokenTtl?: string | number;
  /**
   * Longest lifetime of a renewed token.
   * @default '1h'
   */
  readonly tokenMaxTtl?: string | number;
}

/** Properties of a {@link VaultJwtAuthRole}. */
export interface VaultJwtAuthRoleProps extends VaultJwtAuthRoleOptions {
  /** The auth mount the role belongs to. */
  readonly auth: IVaultJwtAuth;
}

const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const WILDCARD = /[*?[\]{}]/;

/**
 * A JWT auth role for CI jobs: the exact repository, the environment, ref or
 * pull requests that may use it, the audience the job's token must carry,
 * and short-lived tokens with the role's policies.
 *
 * Every binding goes into `bound_claims`, so Vault refuses a token whose
 * claims differ in any of them, and `bound_audiences` holds the audience the
 * auth method chose. A role bound to no repository, or to a pattern, is
 * refused at synth: with GitHub's shared issuer, a role that only checks
 * `ref = refs/heads/main` accepts the main branch of every repository on
 * GitHub.
 */
export class VaultJwtAuthRole extends Construct implements IGrantee, ISecretFlowContributor {
  /** The role name in Vault. */
  public readonly roleName: string;
  /** The auth mount the role lives on. */
  public readonly auth: IVaultJwtAuth;
  /** The audience jobs request their token with. */
  public readonly audience: string;
  /** The claims Vault requires, exactly as rendered into `bound_claims`. */
  public readonly boundClaims: Readonly<Record<string, string>>;
  /** The repository bound. */
  public readonly repository: string;
  /** The `vault_jwt_auth_backend_role` resource. */
  public readonly resource: JwtAuthBackendRole;
  private readonly policies: IVaultPolicy[] = [];

  constructor(scope: Construct, id: string, props: VaultJwtAuthRoleProps) {
    super(scope, id);
    const provider = props.auth.provider;
    const claims = provider.claims;
    const tokenTtl = props.tokenTtl ?? '20m';
    const tokenMaxTtl = props.tokenMaxTtl ?? '1h';
    const pullRequests = props.pullRequests ?? false;

    const v = new PropValidator(this, 'VaultJwtAuthRole', `role '${props.roleName}'`);
    v.string('roleName', props.roleName, (n) => ROLE_NAME.test(n) && n.length <= 128,
      "must be letters, digits, '_', '-' or '.', starting with a letter or digit");
    if (props.repository === undefined || (typeof props.repository === 'string' && props.repository.trim() === '')) {
      v.fail('repository', props.repository, `must name the one repository whose jobs may log in; a role bound to no repository accepts every ${provider.displayName} job`);
    } else {
      v.string('repository', props.repository, (r) => provider.isRepository(r), provider.repositoryRule);
    }
    const exact = (prop: string, value: string | undefined, claim: string | undefined) => {
      if (value === undefined) return;
      if (claim === undefined) {
        v.fail(prop, value, `cannot be bound: ${provider.displayName} tokens carry no such claim (bind the service connection and protect it with approvals)`);
        return;
      }
      v.string(prop, value, (x) => x.trim().length > 0 && !WILDCARD.test(x), 'must be an exact, non-empty value without wildcards');
    };
    exact('environment', props.environment, claims.environment);
    exact('ref', props.ref, claims.ref);
    if (provider.kind === 'github-actions') {
      v.string('ref', props.ref, (r) => r.startsWith('refs/'), "must be a full ref like 'refs/heads/main' (GitHub's ref claim)");
    }
    if (pullRequests) {
      v.check(claims.pullRequest !== undefined, 'pullRequests', true, `cannot be bound: ${provider.displayName} tokens carry no pull-request claim`);
      v.check(props.ref === undefined && props.environment === undefined, 'pullRequests', true,
        'must not be combined with ref or environment: a pull-request job runs on its own merge ref, outside deployment environments');
    }
    const bindsWhere = props.environment !== undefined || props.ref !== undefined || pullRequests || claims.ref === undefined;
    v.check(bindsWhere || props.allowAnyRef === true, 'environment', props.environment,
      'or ref or pullRequests must be set: a role bound to the repository alone lets a job on any branch log in (set allowAnyRef: true to accept that)');
    v.duration('tokenTtl', tokenTtl, { min: 1 });
    v.duration('tokenMaxTtl', tokenMaxTtl, { min: 1 });
    const ttl = Token.isUnresolved(tokenTtl) ? undefined : parseDuration(tokenTtl);
    const maxTtl = Token.isUnresolved(tokenMaxTtl) ? undefined : parseDuration(tokenMaxTtl);
    if (ttl !== undefined && maxTtl !== undefined && ttl > maxTtl) {
      v.fail('tokenTtl', tokenTtl, `must not exceed tokenMaxTtl (${String(tokenMaxTtl)})`);
    }
    v.throwIfInvalid();

    const bound: Record<string, string> = { [claims.repository]: provider.repositoryClaimValue(props.repository) };
    if (props.environment !== undefined) bound[claims.environment!] = props.environment;
    if (props.ref !== undefined) bound[claims.ref!] = props.ref;
    if (pullRequests) Object.assign(bound, claims.pullRequest);
    // Glob matching only where the provider's pull-request binding needs it
    // (refs/pull/*/merge); every value this construct writes is otherwise
    // exact, and the validation above keeps wildcards out of user input.
    const glob = Object.values(bound).some((x) => !isUnresolvedToken(x) && x.includes('*'));

    this.roleName = props.roleName;
    this.auth = props.auth;
    this.audience = props.auth.audience;
    this.repository = props.repository;
    this.boundClaims = bound;
    this.policies.push(...(props.policies ?? []));
    if (props.allowAnyRef && !bindsWhere) {
      warnInsecure(this, 'allowAnyRef', `role '${props.roleName}' accepts a job on any branch of ${props.repository}`);
    }

    this.resource = new JwtAuthBackendRole(this, 'Resource', {
      backend: props.auth.mountPath,
      roleName: props.roleName,
      roleType: 'jwt',
      boundAudiences: [this.audience],
      boundClaims: bound,
      boundClaimsType: glob ? 'glob' : 'string',
      userClaim: provider.userClaim,
      tokenTtl: toSeconds(tokenTtl),
      tokenMaxTtl: toSeconds(tokenMaxTtl),
      tokenPolicies: Lazy.listValue({ produce: () => [...new Set(this.policies.map((p) => p.policyName))] }),
    });
    // The role must not be created before its mount, when the mount is created in this app.
    const mountResource = (props.auth as { resource?: unknown }).resource;
    if (mountResource && Construct.isConstruct(mountResource)) addDependency(this, mountResource);
  }

  /** Attaches a policy to tokens issued by this role. */
  public addPolicy(policy: IVaultPolicy): this {
    if (!this.policies.includes(policy)) this.policies.push(policy);
    if (Construct.isConstruct(policy)) addDependency(this, policy);
    return this;
  }

  /** The names of the attached policies. */
  public get policyNames(): string[] {
    return this.policies.map((p) => p.policyName);
  }

  /** The mount path of the auth backend (`jwt`). */
  public get mountPath(): string {
    return this.auth.mountPath;
  }

  /** This role as a node of the secret-flow diagram. */
  public get flowNode() {
    return FlowNodes.vaultRole(this.mountPath, this.roleName);
  }

  /** The CI edges of the diagram: the job identity to this role, this role to each policy. */
  public secretFlowEdges(): FlowEdge[] {
    const where = Object.entries(this.boundClaims).filter(([k]) => k !== this.auth.provider.claims.repository).map(([k, x]) => `${k}=${x}`).join(', ');
    const job = FlowNodes.ciIdentity(this.auth.provider.displayName, this.repository, where);
    return [
      { from: job, to: this.flowNode, label: `aud ${this.audience}` },
      ...[...new Set(this.policies.map((p) => p.policyName))].map((name) => ({ from: this.flowNode, to: FlowNodes.vaultPolicy(name), label: 'token policy' })),
    ];
  }
}
