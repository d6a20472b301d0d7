import { Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { addDependency } from '../core/dependencies';
import { IVaultPolicy, PolicyRule, VaultPolicy } from './policy';

/**
 * Anything that can receive a grant: a Vault role whose tokens carry the
 * policies attached to it (a Kubernetes auth role, a JWT role). The grant
 * writes its policy as a child of the grantee, so the grantee must be a
 * construct.
 */
export interface IGrantee extends IConstruct {
  /** The role name in Vault; the default policy name starts with it. */
  readonly roleName: string;
  /** Attaches a policy to the tokens this role issues. */
  addPolicy(policy: IVaultPolicy): void;
}

/** The side of a grant that holds what is granted: a secrets engine mount or one of its roles. */
export interface Grantor {
  /** The construct that grants; its id names the policy construct (`<id><Action>Policy`). */
  readonly construct: IConstruct;
  /** The mount the granted paths live on; part of the default policy name. */
  readonly mountPath: string;
  /**
   * The resource the granted paths refer to. The policy is created after it,
   * so a client never holds a policy for a path that does not exist yet.
   * @default - no ordering (the mount exists outside this app)
   */
  readonly resource?: IConstruct;
}

/** Options shared by every `grant*` method. */
export interface GrantOptions {
  /**
   * Name of the policy the grant writes. Grants of one resource to one role
   * share a policy, so the name applies when the first grant creates it.
   * @default - `<role>-<mount>-<action>`, e.g. `eso-vault-eso-read`
   */
  readonly policyName?: string;
}

/**
 * Writes `rule` into the least-privilege policy that `grantor` keeps for
 * `grantee`, creating it on first use, and attaches it to the role.
 *
 * The policy is a child of the role with an id made of the grantor's id and
 * the action, both constants of the code, so its Terraform address is stable.
 */
export function grant(grantee: IGrantee, grantor: Grantor, action: string, rule: PolicyRule, options: GrantOptions = {}): VaultPolicy {
  const scope: IConstruct = grantee;
  if (!Construct.isConstruct(scope)) {
    throw new Error(`grant: grantee '${grantee.node.path}' (role '${grantee.roleName}') must be a Construct: the policy is created as its child`);
  }
  const id = `${grantor.construct.node.id}${action[0].toUpperCase()}${action.slice(1)}Policy`;
  let policy = grantee.node.tryFindChild(id) as VaultPolicy | undefined;
  if (!policy) {
    // Vault lowercases policy names; tokens must pass through untouched, since
    // lowercasing a token string breaks it.
    const part = (x: string) => (Token.isUnresolved(x) ? x : x.replace(/\//g, '-').toLowerCase());
    const name = options.policyName ?? `${part(grantee.roleName)}-${part(grantor.mountPath)}-${action}`;
    policy = new VaultPolicy(scope, id, { policyName: name });
    grantee.addPolicy(policy);
  }
  policy.addRule(rule);
  if (grantor.resource) addDependency(policy, grantor.resource);
  return policy;
}
