import { Aspects, TerraformStack } from 'cdktf';
import { SecurityChecks, SecurityChecksProps } from '../../lib/checks';
import { synth, testStack } from '../helpers';

/**
 * Builds a fresh test stack, synthesizes it with the rule pack added as an
 * Aspect (as a user's `Aspects.of(stack).add(checks)` does) and returns the
 * pack, whose `findings` the rule tests read. Kept out of test/helpers.ts so
 * that only the tests of the pack load it.
 */
export function judged(build: (stack: TerraformStack) => unknown, props: SecurityChecksProps = {}): SecurityChecks {
  const stack = testStack();
  build(stack);
  const checks = new SecurityChecks(props);
  Aspects.of(stack).add(checks);
  synth(stack);
  return checks;
}
