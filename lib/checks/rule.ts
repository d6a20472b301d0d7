import { IConstruct } from 'constructs';

/** How bad a finding is. `error` findings fail the synth with `failOnError`. */
export type RuleLevel = 'error' | 'warning';

/**
 * One synthesized element as a rule sees it: a resource or data source (by
 * Terraform type), an output or a provider configuration, with its
 * configuration resolved to plain JSON (references stay `${...}` strings).
 */
export interface ElementView {
  /** `resource`, `data`, `output` or `provider`. */
  readonly kind: 'resource' | 'data' | 'output' | 'provider';
  /**
   * Terraform type (`vault_policy`), `output`, or `provider.<name>` for a
   * provider configuration (`provider.vault`), so that provider names never
   * collide with resource types.
   */
  readonly type: string;
  /** The resolved configuration, snake_case as in the JSON. */
  readonly config: Record<string, any>;
  /** The construct findings are reported on: the library construct owning the element, or the element. */
  readonly construct: IConstruct;
  /** The element's own construct (suppressions are looked up from here upwards). */
  readonly node: IConstruct;
}

/**
 * A rule of the pack. Rules read the synthesized configuration, so they also
 * judge what a team wrote with raw provider resources.
 */
export interface Rule {
  /** Stable id, used in annotations and suppressions (`VP-TLS-1`). */
  readonly id: string;
  readonly level: RuleLevel;
  /** What is wrong, in one line. */
  readonly summary: string;
  /** Why it matters. */
  readonly why: string;
  /** The Terraform types the rule looks at (`output` for outputs). */
  readonly appliesTo: readonly string[];
  /**
   * Returns a description of each problem found (empty when the element is fine).
   */
  check(element: ElementView): string[];
}
