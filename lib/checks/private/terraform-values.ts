/**
 * Reads a bool attribute as Terraform converts it: `true`/`false`, or the
 * strings "true"/"false" (Terraform's string-to-bool conversion takes only
 * these two). `undefined` for anything else, including apply-time values.
 */
export function terraformBool(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}
