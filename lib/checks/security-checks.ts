import { Annotations, Aspects, IAspect, TerraformDataSource, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
// cdktf's own resolver (what TerraformStack.toTerraform uses); not re-exported from the package root.
import { resolve } from 'cdktf/lib/_tokens';
import { IConstruct } from 'constructs';
import { assertSingleCdktf } from '../core/single-cdktf';
import { ElementView, Rule } from './rule';
import { ALL_RULES } from './rules';
import { findSuppression } from './suppressions';

/** Properties of {@link SecurityChecks}. */
export interface SecurityChecksProps {
  /**
   * Record error-level findings as error annotations, which make cdktf's synth
   * fail. Otherwise every finding is a warning annotation.
   * @default false
   */
  readonly failOnError?: boolean;
  /**
   * The rules to run.
   * @default ALL_RULES
   */
  readonly rules?: readonly Rule[];
}

/** One finding, kept for reports and tests. */
export interface Finding {
  readonly ruleId: string;
  readonly level: Rule['level'];
  readonly path: string;
  readonly message: string;
  /** The reason, when a suppression silenced it. */
  readonly suppressedBecause?: string;
}

/**
 * The rule pack, as a read-only Aspect (in the spirit of cdk-nag):
 * `SecurityChecks.applyTo(app, { failOnError: true })` once every stack exists.
 *
 * cdktf invokes aspects per stack, starting at the stack: an Aspect added to
 * the App is never run. {@link applyTo} adds the pack to each stack instead.
 *
 * Rules see every resource, data source, output and provider configuration
 * of a stack, resolved as it synthesizes. Each finding becomes an annotation
 * `[RULE-ID] summary: detail. why` on the offending construct; suppressed
 * findings are kept in `findings` with their reason but not annotated. The
 * Aspect never changes the tree.
 */
export class SecurityChecks implements IAspect {
  /** Every finding so far, suppressed ones included. */
  public readonly findings: Finding[] = [];
  private readonly rules: readonly Rule[];
  private readonly failOnError: boolean;
  private readonly byType = new Map<string, Rule[]>();
  private readonly seen = new WeakSet<IConstruct>();

  /**
   * Adds one rule pack to every stack in `scope` (the App, or one stack) and
   * returns it, so its `findings` cover them all. Stacks created later are not
   * covered: call this last.
   */
  public static applyTo(scope: IConstruct, props: SecurityChecksProps = {}): SecurityChecks {
    const checks = new SecurityChecks(props);
    const stacks = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    // A stack of another cdktf copy would never run these aspects: refuse instead of checking nothing.
    for (const stack of [scope, ...stacks]) assertSingleCdktf(stack);
    for (const stack of stacks) Aspects.of(stack).add(checks);
    return checks;
  }

  constructor(props: SecurityChecksProps = {}) {
    this.rules = props.rules ?? ALL_RULES;
    this.failOnError = props.failOnError ?? false;
    for (const rule of this.rules) {
      for (const type of rule.appliesTo) this.byType.set(type, [...(this.byType.get(type) ?? []), rule]);
    }
  }

  public visit(node: IConstruct): void {
    // Aspects may be invoked more than once per synth; judge each element once.
    if (this.seen.has(node)) return;
    // Resolving an element costs as much as synthesizing it: only for types a rule reads.
    const rules = this.byType.get(typeOf(node) ?? '');
    if (!rules) return;
    const view = viewOf(node);
    if (!view) return;
    this.seen.add(node);
    for (const rule of rules) {
      for (const detail of rule.check(view)) this.report(rule, view, detail);
    }
  }

  /** Findings that are not suppressed. */
  public get unsuppressed(): Finding[] {
    return this.findings.filter((f) => !f.suppressedBecause);
  }

  private report(rule: Rule, view: ElementView, detail: string): void {
    const construct = view.construct;
    const suppression = findSuppression(view.node, rule.id);
    const message = `[${rule.id}] ${rule.summary}: ${detail}. ${rule.why}`;
    this.findings.push({ ruleId: rule.id, level: rule.level, path: construct.node.path, message, suppressedBecause: suppression?.reason });
    if (suppression) return;
    if (rule.level === 'error' && this.failOnError) Annotations.of(construct).addError(message);
    else Annotations.of(construct).addWarning(message);
  }
}

/** The rule type of an element (`vault_policy`, `output`, `provider.vault`), read without resolving it. */
function typeOf(node: IConstruct): string | undefined {
  if (node instanceof TerraformResource || node instanceof TerraformDataSource) return node.terraformResourceType;
  if (node instanceof TerraformOutput) return 'output';
  if (node instanceof TerraformProvider) return `provider.${node.terraformResourceType}`;
  return undefined;
}

function viewOf(node: IConstruct): ElementView | undefined {
  let kind: ElementView['kind'];
  if (node instanceof TerraformResource) kind = 'resource';
  else if (node instanceof TerraformDataSource) kind = 'data';
  else if (node instanceof TerraformOutput) kind = 'output';
  else if (node instanceof TerraformProvider) kind = 'provider';
  else return undefined;
  const stack = TerraformStack.of(node);
  const json = resolve(stack, (node as TerraformResource).toTerraform());
  const block = json[kind];
  // A provider synthesizes as `provider: { <name>: [config] }` (beside its required_providers entry).
  const name = kind === 'output' ? 'output' : Object.keys(block)[0];
  const type = kind === 'provider' ? `provider.${name}` : name;
  const byId = kind === 'output' ? block : block[name];
  const config = Object.values(byId)[0] as Record<string, any>;
  // The construct the rule talks about: the library construct owning the
  // resource (its 'Resource' child) or the resource itself.
  const construct = node.node.id === 'Resource' && node.node.scope ? node.node.scope : node;
  return { kind, type, config, construct, node };
}
