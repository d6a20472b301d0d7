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
 * time, judged against the time of synth. Values only known at apply time are
 * not judged.
 */
export const clientSecretExpiry: Rule = {
  id: 'VP-ENTRA-1',
  level: 'error',
  summary: 'Entra client secret never expires or lives longer than two years',
  why: 'A long-lived secret that leaks stays valid; Entra caps portal secrets at two years for that reason.',
  appliesTo: ['azuread_application_password', 'azuread_service_principal_password'],
  check: ({ config }) => {
    const name = config.display_name ?? 'client secret';
    if (config.end_date_relative) {
      const relative = String(config.end_date_relative);
      if (holdsTerraformExpression(relative)) return [];
      const seconds = parseGoDuration(relative);
      if (seconds === undefined) return [`'${name}' has end_date_relative '${relative}', which is not a Go duration like 4380h`];
      return seconds > TWO_YEARS_SECONDS ? [`'${name}' expires after ${relative}`] : [];
    }
    if (config.end_date) {
      const end = Date.parse(String(config.end_date));
      return Number.isFinite(end) && end - Date.now() > TWO_YEARS_SECONDS * 1000 ? [`'${name}' expires on ${config.end_date}`] : [];
    }
    return [`'${name}' sets neither end_date nor end_date_relative`];
  },
};
