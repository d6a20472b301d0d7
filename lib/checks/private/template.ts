import { unescapeTemplate } from '../../core/template-literal';
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
  return { known: unescapeTemplate(value, APPLY_TIME), expressions: interpolations(unescapedMarkers(value)) };
}

/** Text read by {@link readTemplate} as a message shows it: each apply-time part as `${...}`. */
export function shownTemplate(known: string): string {
  return known.split(APPLY_TIME).join('${...}');
}

/** The string with escaped `$${` blanked, so only real interpolations are found. */
function unescapedMarkers(value: string): string {
  return value.replace(/\$\$\{/g, '$ {');
}
