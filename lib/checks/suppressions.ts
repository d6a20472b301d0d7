import { App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { PropValidator } from '../core/validation';
import { Rule } from './rule';
import { ALL_RULES } from './rules';

const SUPPRESS_KEY = 'vault-platform-constructs:suppress';

/** One suppression: the rule it silences, why, and where it was declared. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Path of the construct `suppressRule` was called on. */
  readonly path: string;
}

/** Rule ids a suppression may name: the pack's own rules and those of every `SecurityChecks` created. */
const KNOWN_RULES = new Map<string, Rule>(ALL_RULES.map((r) => [r.id, r]));

/** Makes custom rules' ids known to {@link suppressRule} (`SecurityChecks` does this for its `rules`). */
export function registerRules(rules: readonly Rule[]): void {
  for (const rule of rules) KNOWN_RULES.set(rule.id, rule);
}

/** A word a reviewer can read: it has a letter in it (`'. . . .'` has none). */
const WORD = /\p{L}/u;

/**
 * Silences rule `rule` (an id such as `VP-POL-1`, or a custom rule) for
 * `construct` and everything below it. The construct must be a stack or
 * below: one suppression on the App would waive the rule for every stack. The
 * reason is required, at least four words with letters in them: a
 * suppression is a decision someone must be able to review later (it is
 * written into `cdk.tf.json` next to the block it waives).
 */
export function suppressRule(construct: IConstruct, rule: string | Rule, reason: string): void {
  if (typeof rule !== 'string') registerRules([rule]);
  const ruleId = typeof rule === 'string' ? rule : rule.id;
  const v = new PropValidator(construct, 'suppressRule');
  v.check(KNOWN_RULES.has(ruleId), 'ruleId', ruleId, `must be the id of a rule of the pack, in capitals (${[...KNOWN_RULES.keys()].sort().join(', ')}), or a custom Rule object`);
  // Split on whitespace; the empty ends of a padded reason have no letter, so they never count.
  const words = typeof reason === 'string' ? reason.split(/\s+/).filter((w) => WORD.test(w)) : [];
  v.check(words.length >= 4, 'reason', reason, `for ${ruleId} must say why in at least four words with letters in them`);
  v.check(!App.isApp(construct) && inStack(construct), 'construct', construct.node.path || '(the App)', 'must be a stack or a construct inside one: a suppression on the App would waive the rule for every stack');
  v.throwIfInvalid();
  construct.node.addMetadata(SUPPRESS_KEY, { ruleId, reason: reason.trim(), path: construct.node.path } satisfies Suppression);
}

function inStack(construct: IConstruct): boolean {
  return construct.node.scopes.some((s) => TerraformStack.isStack(s));
}

/** The suppression of `ruleId` on `construct` or its nearest ancestor, if any. */
export function findSuppression(construct: IConstruct, ruleId: string): Suppression | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const hit = scopes[i].node.metadata.find((m) => m.type === SUPPRESS_KEY && (m.data as Suppression).ruleId === ruleId);
    if (hit) return hit.data as Suppression;
  }
  return undefined;
}
