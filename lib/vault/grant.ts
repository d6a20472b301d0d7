import { Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { addDependency } from '../core/dependencies';
import { IVaultPolicy, PolicyRule, VaultPolicy } from './policy';

/**
 * Anything a grant can attach a policy to: a Kubernetes auth role, a JWT auth
 * role. Grants write their policy as a child of the grantee.
 */
export interface IGrantee extends IConstruct {
  /** The role name in Vault, part of the default policy name. */
  readonly roleName: string;
  /** Attaches a policy to the tokens the role issues. */
  addPolicy(policy: IVaultPolicy): void;
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
export function grant(grantee: IGrantee, grantor: Construct & { readonly mountPath: string }, action: string, rule: PolicyRule, options: GrantOptions = {}): VaultPolicy {
  const id = `${grantor.node.id}${action[0].toUpperCase()}${action.slice(1)}Policy`;
  let policy = grantee.node.tryFindChild(id) as VaultPolicy | undefined;
  if (!policy) {
    // Vault lowercases policy names; tokens must pass through untouched, since
    // lowercasing a token string breaks it.
    const part = (x: string) => (Token.isUnresolved(x) ? x : x.replace(/\//g, '-').toLowerCase());
    const name = options.policyName ?? `${part(grantee.roleName)}-${part(grantor.mountPath)}-${action}`;
    policy = new VaultPolicy(grantee, id, { policyName: name });
    grantee.addPolicy(policy);
  }
  policy.addRule(rule);
  const resource = (grantor as { resource?: unknown }).resource;
  if (resource && Construct.isConstruct(resource)) addDependency(policy, resource);
  return policy;
}
