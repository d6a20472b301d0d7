import { parseGoDuration, TWO_YEARS_SECONDS } from '../../core/duration';
import { holdsTerraformExpression } from '../../core/unresolved';
import { Rule } from '../rule';

/**
 * VP-ENTRA-1 (error): an Entra client secret with no expiry, or one longer
 * than two years (`17520h`).
 *
 * `end_date_relative` is read as the azuread provider reads it, a Go duration
 * (`4380h`, `8760h30m`, `20000h0m`, `1.5h`); a value Go cannot parse is a
 * finding too, since its lifetime cannot be judged. `end_date` is an RFC 3339
 * time, judged against the time of synth, or `timeadd(plantimestamp(), "<d>")`
 * (azuread 3.x's replacement for the deprecated `end_date_relative`), judged
 * by its duration. An application's own `password` block is judged the same
 * way. Values only known at apply time are not judged.
 */
const TIMEADD = /^\$\{timeadd\((?:plantimestamp|timestamp)\(\),\s*"([^"]*)"\)\}$/;
export const clientSecretExpiry: Rule = {
  id: 'VP-ENTRA-1',
  level: 'error',
  summary: 'Entra client secret never expires or lives longer than two years',
  why: 'A long-lived secret that leaks stays valid; Entra caps portal secrets at two years for that reason.',
  appliesTo: ['azuread_application_password', 'azuread_service_principal_password', 'azuread_application'],
  check: ({ type, config }) => {
    if (type === 'azuread_application') {
      // azuread 3.x: an inline `password` block is a client secret too.
      const blocks: any[] = Array.isArray(config.password) ? config.password : config.password ? [config.password] : [];
      return blocks.flatMap((b) => judge(b ?? {}, `application '${config.display_name ?? 'application'}' password`));
    }
    return judge(config, config.display_name ?? 'client secret');
  },
};

function judge(config: Record<string, any>, name: string): string[] {
  if (config.end_date_relative) {
    const relative = String(config.end_date_relative);
    if (holdsTerraformExpression(relative)) return [];
    const seconds = parseGoDuration(relative);
    if (seconds === undefined) return [`'${name}' has end_date_relative '${relative}', which is not a Go duration like 4380h`];
    return seconds > TWO_YEARS_SECONDS ? [`'${name}' expires after ${relative}`] : [];
  }
  if (config.end_date) {
    const text = String(config.end_date);
    // azuread 3.x's replacement for end_date_relative: judged by its duration.
    const relative = TIMEADD.exec(text)?.[1];
    if (relative !== undefined) {
      // cdktf writes `Fn.timeadd(Fn.plantimestamp(), `${hours}h`)` as `"${var.hours}h"`: known only at apply time.
      if (holdsTerraformExpression(relative)) return [];
      const seconds = parseGoDuration(relative);
      if (seconds === undefined) return [`'${name}' has end_date timeadd(..., "${relative}"), which is not a Go duration like 4380h`];
      return seconds > TWO_YEARS_SECONDS ? [`'${name}' expires after ${relative}`] : [];
    }
    if (holdsTerraformExpression(text)) return [];
    const end = RFC3339.test(text) ? Date.parse(text) : NaN;
    // "never", "9999-12-31" without a time, or any other text: its lifetime cannot be judged.
    if (!Number.isFinite(end)) return [`'${name}' has end_date '${text}', which is not an RFC 3339 time like 2026-01-01T00:00:00Z`];
    return end - Date.now() > TWO_YEARS_SECONDS * 1000 ? [`'${name}' expires on ${text}`] : [];
  }
  return [`'${name}' sets neither end_date nor end_date_relative`];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
