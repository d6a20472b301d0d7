import { parseHclExpression } from '../../core/policy-document';

const ENCODED = /^\$\{\s*(yamlencode|jsonencode)\(([\s\S]*)\)\s*\}$/;

/**
 * The value of a string that is wholly `${yamlencode(<literal>)}` or
 * `${jsonencode(<literal>)}`, as cdktf writes `Fn.yamlencode({...})`;
 * `undefined` for any other expression (`file()`, a variable).
 */
export function encodedValue(text: string): unknown {
  const m = ENCODED.exec(text);
  return m ? parseHclExpression(m[2]) : undefined;
}
