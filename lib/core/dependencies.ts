import { Aspects, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { assertSingleCdktf } from './single-cdktf';

/**
 * Makes `from` wait for `to` in Terraform: every resource below `from` gets a
 * `depends_on` on every resource below `to`, as they are at synth time.
 *
 * cdktf ignores `node.addDependency` (only a resource's `dependsOn` reaches
 * Terraform), so an ordering recorded on constructs alone is silently lost.
 * Use this where ordering matters and no reference carries it: a Vault role
 * before the VSO object that logs in with it, the cert-manager release before
 * its issuers. Resources in other stacks are skipped: Terraform cannot
 * depend across state files, and stack dependencies order those already.
 */
export function addDependency(from: IConstruct, ...to: IConstruct[]): void {
  assertSingleCdktf(from);
  from.node.addDependency(...to);
  const stack = TerraformStack.of(from);
  if (!REGISTERED.has(stack)) {
    REGISTERED.add(stack);
    Aspects.of(stack).add(new ConstructDependenciesToDependsOn(stack));
  }
}

const REGISTERED = new WeakSet<TerraformStack>();

/** Runs once per stack at synth: copies construct dependencies into `depends_on`. */
class ConstructDependenciesToDependsOn implements IAspect {
  constructor(private readonly stack: TerraformStack) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || TerraformStack.of(node) !== this.stack) return;
    const found = new Set<TerraformResource>();
    const scopes = node.node.scopes;
    // Dependencies declared on the resource or on any construct above it,
    // except where the resource is itself part of what that construct waits
    // for (a role waits for its policies; the policies, its children, must
    // not inherit that and wait for each other).
    for (const scope of scopes) {
      const deps = scope.node.dependencies;
      if (deps.some((d) => scopes.includes(d))) continue;
      for (const dep of deps) {
        for (const r of dep.node.findAll()) {
          if (r instanceof TerraformResource && r !== node && TerraformStack.of(r) === this.stack) found.add(r);
        }
      }
    }
    if (found.size === 0) return;
    // A bare address, the form cdktf renders `dependsOn` config in (Terraform's
    // JSON syntax takes no `${}` in depends_on). Written as a plain string, it
    // is what cdktf's dependable() token resolves to, without minting a token
    // (each captures a full stack trace) per entry.
    const existing = node.dependsOn ?? [];
    const added = [...found].map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`).filter((d) => !existing.includes(d));
    node.dependsOn = [...existing, ...added];
  }
}
