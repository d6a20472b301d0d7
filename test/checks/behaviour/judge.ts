import { TerraformStack } from 'cdktf';
import { SecurityChecks, SecurityChecksProps } from '../../../lib/checks';
import { synth, testStack } from '../../helpers';

/** A finding as the rule-behaviour tests read it. */
export interface Judged {
  readonly ruleId: string;
  readonly level: string;
  /** Path of the construct the finding lands on. */
  readonly path: string;
  readonly message: string;
}

/**
 * Builds a stack, runs the rule pack over it the way users do
 * (`SecurityChecks.applyTo`), and returns its unsuppressed findings. The one
 * place these tests read findings from, should their shape change.
 */
export function judge(build: (stack: TerraformStack) => void, props: SecurityChecksProps = {}): Judged[] {
  const stack = testStack();
  build(stack);
  const checks = SecurityChecks.applyTo(stack, props);
  synth(stack);
  return checks.unsuppressed.map(({ ruleId, level, path, message }) => ({ ruleId, level, path, message }));
}

/** The findings of one rule. */
export function findingsOf(ruleId: string, build: (stack: TerraformStack) => void): Judged[] {
  return judge(build).filter((f) => f.ruleId === ruleId);
}

/**
 * Expects exactly the given findings of `ruleId`: each at `level`, on the
 * construct at `path`, with a message holding the rule id and `detail`.
 */
export function expectFindings(ruleId: string, level: 'error' | 'warning', build: (stack: TerraformStack) => void, expected: Array<[path: string, detail: string | RegExp]>): void {
  const found = findingsOf(ruleId, build);
  expect(found).toHaveLength(expected.length);
  expected.forEach(([path, detail], i) => {
    expect(found[i]).toEqual(expect.objectContaining({ ruleId, level, path }));
    expect(found[i].message.startsWith(`[${ruleId}] `)).toBe(true);
    if (typeof detail === 'string') expect(found[i].message).toContain(detail);
    else expect(found[i].message).toMatch(detail);
  });
}

/** Expects no finding of `ruleId`. */
export function expectQuiet(ruleId: string, build: (stack: TerraformStack) => void): void {
  expect(findingsOf(ruleId, build)).toEqual([]);
}
