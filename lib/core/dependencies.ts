import { TerraformResource, TerraformStack } from 'cdktf';
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
    copyDependenciesOnRender(stack);
  }
}

const REGISTERED = new WeakSet<TerraformStack>();

/** Resources each resource waits for, by {@link dependOnResources}. */
const RESOURCE_DEPENDENCIES = new WeakMap<TerraformResource, TerraformResource[]>();

/**
 * Makes `resource` wait for `targets`, as its `dependsOn` config would, but
 * written as bare addresses when the stack renders: cdktf's `dependsOn`
 * mints a token per entry, and each token captures a full stack trace (about
 * 90 µs; three per team in the N-teams bench). Targets in other stacks are
 * skipped, as by {@link addDependency}.
 */
export function dependOnResources(resource: TerraformResource, ...targets: TerraformResource[]): void {
  RESOURCE_DEPENDENCIES.set(resource, [...(RESOURCE_DEPENDENCIES.get(resource) ?? []), ...targets]);
  const stack = TerraformStack.of(resource);
  if (!REGISTERED.has(stack)) {
    REGISTERED.add(stack);
    copyDependenciesOnRender(stack);
  }
}

/**
 * Copies construct dependencies into `depends_on` each time the stack renders
 * (`toTerraform`, `toHclTerraform`: the synth, `Testing.synth`), after every
 * Aspect has run. Not an Aspect itself: cdktf calls an Aspect on every
 * construct of the stack and computes each one's path to do so, which cost
 * more than the copying (113 ms of a 1.9 s synth of 200 teams).
 */
function copyDependenciesOnRender(stack: TerraformStack): void {
  const render = stack.toTerraform;
  const renderHcl = stack.toHclTerraform;
  stack.toTerraform = (): any => {
    copyDependencies(stack);
    return render.call(stack);
  };
  stack.toHclTerraform = (): any => {
    copyDependencies(stack);
    return renderHcl.call(stack);
  };
}

/**
 * Gives every resource of `stack` a `depends_on` on the resources its
 * constructs wait for. One walk from the stack down: each construct's
 * dependencies are read once, and the resources below each target are
 * listed once, however many resources wait for it.
 */
function copyDependencies(stack: TerraformStack): void {
  const resourcesBelow = new Map<IConstruct, TerraformResource[]>();
  const below = (target: IConstruct): TerraformResource[] => {
    let found = resourcesBelow.get(target);
    if (!found) {
      found = target.node.findAll().filter((r): r is TerraformResource => r instanceof TerraformResource && TerraformStack.of(r) === stack);
      resourcesBelow.set(target, found);
    }
    return found;
  };
  // The constructs from the root down to the one visited, and what each waits for.
  const chain: IConstruct[] = [...stack.node.scopes];
  const waits: IConstruct[][] = chain.map((c) => c.node.dependencies);
  const walk = (c: IConstruct): void => {
    for (const child of c.node.children) {
      if (TerraformStack.isStack(child)) continue;
      chain.push(child);
      waits.push(child.node.dependencies);
      if (child instanceof TerraformResource) copyInto(stack, child, chain, waits, below);
      walk(child);
      chain.pop();
      waits.pop();
    }
  };
  walk(stack);
}

function copyInto(stack: TerraformStack, node: TerraformResource, scopes: IConstruct[], waits: IConstruct[][], below: (target: IConstruct) => TerraformResource[]): void {
  const found = new Set<TerraformResource>();
  for (const r of RESOURCE_DEPENDENCIES.get(node) ?? []) if (TerraformStack.of(r) === stack) found.add(r);
  // Dependencies declared on the resource or on any construct above it,
  // except where the resource is itself part of what that construct waits
  // for (a role waits for its policies; the policies, its children, must
  // not inherit that and wait for each other).
  for (const deps of waits) {
    if (deps.length === 0 || deps.some((d) => scopes.includes(d))) continue;
    for (const dep of deps) {
      for (const r of below(dep)) if (r !== node) found.add(r);
    }
  }
  if (found.size === 0) return;
  // A bare address, the form cdktf renders `dependsOn` config in (Terraform's
  // JSON syntax takes no `${}` in depends_on). Written as a plain string, it
  // is what cdktf's dependable() token resolves to, without minting a token
  // (each captures a full stack trace) per entry.
  const existing = node.dependsOn ?? [];
  const added = [...found].map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`).filter((d) => !existing.includes(d));
  if (added.length) node.dependsOn = [...existing, ...added];
}
