import { Fn, Token } from 'cdktf';

/**
 * The one way a user string enters HCL this library renders (Vault policies,
 * Vault's server config): a double-quoted string with `\\` and `"` escaped,
 * line breaks and control characters as escapes, and `${` written as
 * `$\u007b` (in an HCL v1 string `${` opens an interpolation, inside which a
 * quote no longer ends the string). A value known only at apply time goes
 * through Terraform's `jsonencode`, whose escaping HCL reads the same way.
 */
export function hclString(value: string): string {
  // Known at apply time: Terraform quotes it (jsonencode writes a valid HCL string).
  if (Token.isUnresolved(value)) return Fn.jsonencode(value);
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    // `${` opens an interpolation in an HCL v1 string, inside which a quote no longer ends the string.
    else if (ch === '{' && out.endsWith('$')) out += '\\u007b';
    else out += ch;
  }
  return `${out}"`;
}

