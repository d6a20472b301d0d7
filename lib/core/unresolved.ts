import { Token } from 'cdktf';

/**
 * "Known only at apply time" has two shapes, depending on when a value is
 * looked at, and each has its own test here:
 * - before synth, in a construct's props, such a value is a cdktf token
 *   ({@link isUnresolvedToken});
 * - after synth, in the resolved configuration the rule pack reads, it is a
 *   string holding a Terraform `${...}` expression ({@link holdsTerraformExpression}).
 */

/**
 * Whether a prop value is a cdktf token, known only at apply time: a string,
 * number, list or map token, and also one element of a list token
 * (`TerraformVariable.listValue`, `Token.asNumberList` and list attributes
 * encode as a one-element array whose element `Token.isUnresolved` does not
 * recognise on its own), so that checking a token list element by element
 * never rejects it.
 */
export function isUnresolvedToken(value: unknown): boolean {
  return Token.isUnresolved(value) || ((typeof value === 'string' || typeof value === 'number') && Token.isUnresolved([value]));
}

/**
 * Whether a value of a synthesized (resolved) configuration is a string
 * holding a Terraform `${...}` expression, so that Terraform computes it at
 * apply time.
 */
export function holdsTerraformExpression(value: unknown): boolean {
  // `$${` is an escaped literal (how this library writes user text), not an
  // expression. Blanked rather than removed: '$' + '$${' + '{' must not join into '${'.
  return typeof value === 'string' && value.replace(/\$\$\{/g, '$ {').includes('${');
}
