import { Annotations, IAspect, TerraformDataSource, TerraformElement, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { assertSingleCdktf } from '../core/single-cdktf';
import { ElementView, Rule } from './rule';
import { ALL_RULES } from './rules';
import { findSuppression, registerRules } from './suppressions';

/** Properties of {@link SecurityChecks}. */
export interface SecurityChecksProps {
  /**
   * Fail the synth of a stack with unsuppressed error-level findings: the pack
   * throws one error listing them once the stack is judged, whatever
   * `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS` or `skipValidation` say, and
   * records them as error annotations. Otherwise every finding is a warning
   * annotation.
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
  /** Path of the construct the finding is reported on. */
  readonly path: string;
  /** The Terraform address judged, in its stack: `vault_policy.admin`, `data.vault_kv_secret_v2.x`, `output.token`, `provider.vault`. */
  readonly address: string;
  readonly message: string;
  /** The reason, when a suppression silenced it. */
  readonly suppressedBecause?: string;
}

/** The `//` entry of a synthesized block that lists the findings a suppression waived there. */
export const SUPPRESSED_METADATA_KEY = 'suppressed';

/** Thrown by a stack's synth when {@link SecurityChecksProps.failOnError} is set and the pack found errors. */
export class SecurityChecksError extends Error {
  constructor(
    /** The stack judged. */
    public readonly stackPath: string,
    /** Its unsuppressed error-level findings. */
    public readonly findings: readonly Finding[],
  ) {
    super(
      `SecurityChecks: stack '${stackPath}' has ${findings.length} unsuppressed error finding${findings.length === 1 ? '' : 's'} ` +
        `(fix it, or suppressRule(construct, ruleId, reason) with a reason a reviewer can check):\n` +
        findings.map((f) => `  [${f.path}] ${f.message}`).join('\n'),
    );
    this.name = 'SecurityChecksError';
  }
}

type Json = Record<string, any>;

/**
 * The rule pack, as a read-only Aspect (in the spirit of cdk-nag):
 * `SecurityChecks.applyTo(app, { failOnError: true })` once every stack exists.
 *
 * cdktf invokes aspects per stack, starting at the stack: an Aspect added to
 * the App is never run. {@link applyTo} hooks the pack into each stack
 * instead; `Aspects.of(stack).add(checks)` works too, and
 * `Aspects.of(construct)` judges only what lies below `construct`.
 *
 * The pack judges each stack once, on the configuration Terraform will get:
 * the stack's `toTerraform()` output, every override included
 * (`stack.addOverride('resource.vault_policy.x', ...)`, `resource.addOverride`,
 * raw provider resources). It reads the very object the synth writes, so a
 * stack is resolved no more often than without the pack. It runs as a
 * validation of the stack (after every Aspect, before cdktf collects
 * annotations) or, when validations are skipped (`skipValidation`,
 * `Testing.synth`), when the stack is first rendered.
 *
 * Each finding becomes an annotation `[RULE-ID] summary: detail. why` on the
 * construct that owns the Terraform address: the library construct whose
 * `Resource` child it is, else the element, else (an address only a stack
 * override adds) the stack. Suppressed findings are kept in `findings` with
 * their reason, not annotated, and written under the block's `//` key in
 * `cdk.tf.json` so a reviewer sees what was waived and why. A rule that throws
 * becomes an error finding naming the rule and the address; it never aborts
 * the synth. The Aspect never changes the tree.
 */
export class SecurityChecks implements IAspect {
  /**
   * Adds one rule pack to every stack in `scope` (the App, or one stack) and
   * returns it, so its `findings` cover them all. Stacks created later are not
   * covered: call this last.
   */
  public static applyTo(scope: IConstruct, props: SecurityChecksProps = {}): SecurityChecks {
    const checks = new SecurityChecks(props);
    const stacks = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    // A stack of another cdktf copy would not be judged as this one's (its
    // elements are not this copy's classes): refuse instead of misjudging.
    for (const stack of [scope, ...stacks]) assertSingleCdktf(stack);
    // Hooked into each stack's synth directly rather than added as an Aspect:
    // cdktf would call an Aspect on every construct of the tree (and compute
    // each one's path) only for the pack to wait for the stack's validation.
    for (const stack of stacks) checks.visit(stack);
    return checks;
  }

  /** Every finding so far, suppressed ones included. */
  public readonly findings: Finding[] = [];
  private readonly rules: readonly Rule[];
  private readonly failOnError: boolean;
  private readonly byType = new Map<string, Rule[]>();
  /** The scopes the pack judges, per stack (the stack itself unless the Aspect was added below it). */
  private readonly scopes = new Map<TerraformStack, IConstruct[]>();

  constructor(props: SecurityChecksProps = {}) {
    this.rules = props.rules ?? ALL_RULES;
    this.failOnError = props.failOnError ?? false;
    registerRules(this.rules);
    for (const rule of this.rules) {
      for (const type of rule.appliesTo) this.byType.set(type, [...(this.byType.get(type) ?? []), rule]);
    }
  }

  public visit(node: IConstruct): void {
    // cdktf visits the scope the Aspect was added to first, then everything below it.
    const stack = TerraformStack.isStack(node) ? node : TerraformStack.of(node);
    const scopes = this.scopes.get(stack);
    if (!scopes) {
      this.scopes.set(stack, [node]);
      this.judgeOnSynth(stack);
    } else if (!scopes.some((s) => isWithin(node, s))) {
      scopes.push(node);
    }
  }

  /** Findings that are not suppressed. */
  public get unsuppressed(): Finding[] {
    return this.findings.filter((f) => !f.suppressedBecause);
  }

  /**
   * Judges the stack's configuration once, where the synth renders it.
   * `toTerraform()` is wrapped on this one stack so the object judged in the
   * validation is the object the synthesizer then writes: judging costs no
   * second resolve of the stack.
   */
  private judgeOnSynth(stack: TerraformStack): void {
    const render = stack.toTerraform;
    const renderHcl = stack.toHclTerraform;
    let judged = false;
    // A stack that failed the pack fails every later render too (a second `app.synth()`).
    let failure: SecurityChecksError | undefined;
    let rendered: Json | undefined;
    const judgeOnce = (): void => {
      if (!judged) rendered = stack.toTerraform();
      if (failure) throw failure;
    };
    stack.toTerraform = (): Json => {
      if (failure) throw failure;
      if (rendered) {
        const tf = rendered;
        rendered = undefined;
        return tf;
      }
      const tf = render.call(stack);
      if (!judged) {
        judged = true;
        failure = this.judge(stack, tf);
        if (failure) throw failure;
      }
      return tf;
    };
    // `SYNTH_HCL_OUTPUT` renders HCL instead: judge the JSON configuration first.
    stack.toHclTerraform = (): any => {
      judgeOnce();
      rendered = undefined;
      return renderHcl.call(stack);
    };
    stack.node.addValidation({ validate: () => (judgeOnce(), []) });
  }

  /** Runs the rules on every element of a synthesized stack configuration; returns the error to fail with, if any. */
  private judge(stack: TerraformStack, tf: Json): SecurityChecksError | undefined {
    const found: Finding[] = [];
    // Set by visit() before the stack's toTerraform is wrapped, so always there.
    const owners = new OwnerIndex(stack, this.scopes.get(stack)!);
    const visit = (kind: ElementView['kind'], type: string, address: string, config: Json): void => {
      const rules = this.byType.get(type);
      if (!rules || !config || typeof config !== 'object') return;
      let view: ElementView | undefined;
      for (const rule of rules) {
        view ??= owners.view(kind, type, address, config);
        if (!view) return; // outside the scopes this pack was added to
        let details: string[];
        try {
          details = rule.check(view);
        } catch (e) {
          // As cdk-nag does: a broken rule is a finding, never an aborted synth.
          const reason = e instanceof Error ? e.message : String(e);
          found.push(this.report(rule, view, address, config, `the rule failed on ${address} (${view.node.node.path}): ${reason}`, 'error', true));
          continue;
        }
        for (const detail of details) found.push(this.report(rule, view, address, config, detail, rule.level));
      }
    };
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byId] of Object.entries<Json>(tf[kind] ?? {})) {
        if (!this.byType.has(type)) continue;
        const prefix = kind === 'data' ? `data.${type}.` : `${type}.`;
        for (const [id, config] of Object.entries<Json>(byId ?? {})) visit(kind, type, prefix + id, config);
      }
    }
    for (const [name, configs] of Object.entries<Json[]>(tf.provider ?? {})) {
      const type = `provider.${name}`;
      if (!this.byType.has(type)) continue;
      for (const config of Array.isArray(configs) ? configs : [configs]) {
        visit('provider', type, config?.alias ? `provider.${name}.${config.alias}` : `provider.${name}`, config);
      }
    }
    if (this.byType.has('output')) {
      for (const [id, config] of Object.entries<Json>(tf.output ?? {})) visit('output', 'output', `output.${id}`, config);
    }
    this.findings.push(...found);
    const errors = found.filter((f) => f.level === 'error' && !f.suppressedBecause);
    return this.failOnError && errors.length ? new SecurityChecksError(stack.node.path, errors) : undefined;
  }

  private report(rule: Rule, view: ElementView, address: string, config: Json, detail: string, level: Rule['level'], failed = false): Finding {
    const construct = view.construct;
    const suppression = findSuppression(view.node, rule.id);
    const message = failed
      ? `[${rule.id}] ${detail}. Report it as a bug in the rule; suppressRule(construct, '${rule.id}', reason) silences it meanwhile`
      : `[${rule.id}] ${rule.summary}: ${detail}. ${rule.why}`;
    const finding: Finding = { ruleId: rule.id, level, path: construct.node.path, address, message, suppressedBecause: suppression?.reason };
    if (suppression) {
      // Terraform ignores `//` in a block body: the waiver travels with the JSON a reviewer reads.
      const meta = (config['//'] ??= {});
      (meta[SUPPRESSED_METADATA_KEY] ??= []).push({ rule: rule.id, finding: detail, reason: suppression.reason, suppressedOn: suppression.path });
      return finding;
    }
    if (level === 'error' && this.failOnError) Annotations.of(construct).addError(message);
    else Annotations.of(construct).addWarning(message);
    return finding;
  }
}

/** Whether `node` is `scope` or below it. */
function isWithin(node: IConstruct, scope: IConstruct): boolean {
  for (let c: IConstruct | undefined = node; c; c = c.node.scope) if (c === scope) return true;
  return false;
}

/**
 * Which construct owns each Terraform address of a stack, read from the tree:
 * the `//` metadata of a block only says where to look, and is believed only
 * if the construct found there synthesizes at that address (an override can
 * forge it).
 */
class OwnerIndex {
  private shallow?: Map<string, TerraformElement>;
  private deep?: Map<string, TerraformElement>;

  private readonly prefix: string;

  /** `scopes`: the constructs the pack judges below, in the order they were added. */
  constructor(private readonly stack: TerraformStack, private readonly scopes: readonly IConstruct[]) {
    this.prefix = `${stack.node.path}/`;
  }

  /**
   * The view of one element, or undefined when it lies outside the judged
   * scopes. Its owner is looked up only when a rule reads `construct` or
   * `node` (most rules read only `config`; a finding reads both), unless the
   * pack judges part of the stack and must place the element first.
   */
  public view(kind: ElementView['kind'], type: string, address: string, config: Json): ElementView | undefined {
    let owner: { node: IConstruct; construct: IConstruct } | undefined;
    const find = () => {
      if (owner) return owner;
      const element = this.byPath(address, config) ?? this.lookup(address);
      // An address only a stack override declares belongs to the stack.
      const node: IConstruct = element ?? this.stack;
      // The construct the rule talks about: the library construct owning the
      // resource (its 'Resource' child) or the element itself.
      const construct = element && element.node.id === 'Resource' && element.node.scope ? element.node.scope : node;
      return (owner = { node, construct });
    };
    // Judging from the stack down, every element is in scope (and visit() then adds no other scope).
    if (!(this.scopes.length === 1 && this.scopes[0] === this.stack)) {
      const node = find().node;
      if (!this.scopes.some((s) => isWithin(node, s))) return undefined;
    }
    return {
      kind,
      type,
      config,
      get construct() { return find().construct; },
      get node() { return find().node; },
    };
  }

  /**
   * The element a resource or data source block names in its `//` metadata,
   * if it is in the tree at that path and synthesizes at `address` (so a
   * forged path in an override falls through to the full index).
   */
  private byPath(address: string, config: Json): TerraformElement | undefined {
    const path = config['//']?.metadata?.path;
    if (typeof path !== 'string' || !path.startsWith(this.prefix)) return undefined;
    let c: IConstruct | undefined = this.stack;
    for (const id of path.slice(this.prefix.length).split('/')) c = c?.node.tryFindChild(id);
    if (!(c instanceof TerraformResource || c instanceof TerraformDataSource)) return undefined;
    const own = `${c instanceof TerraformDataSource ? 'data.' : ''}${c.terraformResourceType}.${c.friendlyUniqueId}`;
    return own === address ? c : undefined;
  }

  /**
   * Elements by address: first the stack's own children (where providers and
   * outputs live), then, for an address not found there, the whole tree.
   */
  private lookup(address: string): TerraformElement | undefined {
    this.shallow ??= this.indexOf(false);
    return this.shallow.get(address) ?? (this.deep ??= this.indexOf(true)).get(address);
  }

  private indexOf(deep: boolean): Map<string, TerraformElement> {
    const map = new Map<string, TerraformElement>();
    const walk = (c: IConstruct): void => {
      for (const child of c.node.children) {
        if (TerraformStack.isStack(child)) continue;
        if (child instanceof TerraformResource) map.set(`${child.terraformResourceType}.${child.friendlyUniqueId}`, child);
        else if (child instanceof TerraformDataSource) map.set(`data.${child.terraformResourceType}.${child.friendlyUniqueId}`, child);
        else if (child instanceof TerraformOutput) map.set(`output.${child.friendlyUniqueId}`, child);
        else if (child instanceof TerraformProvider) map.set(child.alias ? `provider.${child.terraformResourceType}.${child.alias}` : `provider.${child.terraformResourceType}`, child);
        if (deep) walk(child);
      }
    };
    walk(this.stack);
    return map;
  }
}
