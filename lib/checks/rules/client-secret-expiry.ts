import { Rule } from '../rule';

const TWO_YEARS_HOURS = 2 * 366 * 24;

/** Hours in an azuread relative duration such as `4380h` or `17520h`. */
function hoursOf(relative: string): number | undefined {
  const m = /^(\d+)h$/.exec(relative);
  return m ? Number(m[1]) : undefined;
}

/** VP-ENTRA-1: an Entra client secret with no expiry or one over two years. */
export const clientSecretExpiry: Rule = {
  id: 'VP-ENTRA-1',
  level: 'error',
  summary: 'Entra client secret never expires or lives longer than two years',
  why: 'A long-lived secret that leaks stays valid; Entra caps portal secrets at two years for that reason.',
  appliesTo: ['azuread_application_password', 'azuread_service_principal_password'],
  check: ({ config }) => {
    const name = config.display_name ?? 'client secret';
    if (config.end_date_relative) {
      const h = hoursOf(String(config.end_date_relative));
      return h !== undefined && h > TWO_YEARS_HOURS ? [`'${name}' expires after ${config.end_date_relative}`] : [];
    }
    if (config.end_date) {
      const end = Date.parse(String(config.end_date));
      return Number.isFinite(end) && end - Date.now() > TWO_YEARS_HOURS * 3600_000 ? [`'${name}' expires on ${config.end_date}`] : [];
    }
    return [`'${name}' sets neither end_date nor end_date_relative`];
  },
};
