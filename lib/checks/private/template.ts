import { interpolations } from './secrets';

/** A placeholder for an apply-time value, shaped to parse as a bare HCL word. */
export const APPLY_TIME = '__apply_time_value__';

/**
 * Reads a resolved string as Terraform will: escaped literals (`$${`, `%%{`)
 * become the text they stand for, and each real `${...}` interpolation is
 * replaced by {@link APPLY_TIME} and listed in `expressions`, so a rule can
 * judge what is known and say what is not. `undefined` for a non-string.
 */
export function readTemplate(value: unknown): { known: string; expressions: string[] } | undefined {
  if (typeof value !== 'string') return undefined;
  const expressions = interpolations(unescapedMarkers(value));
  let known = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if ((c === '$' || c === '%') && value[i + 1] === c && value[i + 2] === '{') {
      known += `${c}{`;
      i += 2;
    } else if ((c === '$' || c === '%') && value[i + 1] === '{') {
      let depth = 0;
      let j = i + 1;
      for (; j < value.length; j++) {
        if (value[j] === '{') depth++;
        else if (value[j] === '}' && --depth === 0) break;
      }
      known += APPLY_TIME;
      i = j;
    } else {
      known += c;
    }
  }
  return { known, expressions };
}

/** The string with escaped `$${` blanked, so only real interpolations are found. */
function unescapedMarkers(value: string): string {
  return value.replace(/\$\$\{/g, '$ {');
}
