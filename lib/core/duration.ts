import { Token } from 'cdktf';

/**
 * Durations, in one place for constructs and rules alike.
 *
 * Three readers, each a subset of the next one's grammar:
 * - {@link parseDuration}: what this library's TTL props accept (`15m`,
 *   `1h30m`, whole seconds);
 * - {@link parseVaultDuration}: what Vault reads in a TTL parameter;
 * - {@link parseGoDuration}: what Go's `time.ParseDuration` reads (azuread's
 *   `end_date_relative`, Kubernetes operators' `metav1.Duration` fields).
 *
 * Sign rule: the two readers of other programs' input ({@link parseGoDuration},
 * {@link parseVaultDuration}) read a leading sign as those programs do, so a
 * rule sees `-1h` as the negative duration the provider would apply. Props
 * never take a sign ({@link parseDuration}, {@link parseUnsignedGoDuration}):
 * no duration a construct writes means something negative.
 */

/** Seconds in a day: the longest token or credential lifetime the rule pack accepts quietly. */
export const ONE_DAY_SECONDS = 24 * 3600;

/**
 * Seconds in two years of 365 days (`17520h`): Entra's cap on client secrets
 * made in the portal, and this library's cap on the ones it makes.
 */
export const TWO_YEARS_SECONDS = 2 * 365 * ONE_DAY_SECONDS;

const GO_UNIT_SECONDS: Record<string, number> = {
  'ns': 1e-9, 'us': 1e-6, '\u00b5s': 1e-6, '\u03bcs': 1e-6, 'ms': 1e-3, 's': 1, 'm': 60, 'h': 3600,
};

// One `<number><unit>` element of a Go duration; the number may have a fraction (`1.5h`, `1.h`, `.5h`).
const GO_ELEMENT = /(\d+\.?\d*|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/y;

/**
 * Seconds in a Go `time.ParseDuration` string (`20000h0m`, `8760h30m`, `1.5h`,
 * `500ms`, `0`, `-1h`), or `undefined` where Go returns an error (a bare number
 * other than `0`, `d`, spaces). A leading `-` gives a negative result, as in Go.
 */
export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  // Go accepts a bare zero and nothing else without a unit.
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let seconds = 0;
  GO_ELEMENT.lastIndex = 0;
  while (GO_ELEMENT.lastIndex < rest.length) {
    const m = GO_ELEMENT.exec(rest);
    if (!m) return undefined;
    seconds += Number(m[1]) * GO_UNIT_SECONDS[m[2]];
  }
  return sign * seconds;
}

/**
 * A Go duration as a prop takes it (an operator's `refreshInterval`, a
 * certificate's `duration`): Go's syntax without a sign.
 */
export function parseUnsignedGoDuration(text: string): number | undefined {
  return /^[+-]/.test(text) ? undefined : parseGoDuration(text);
}

/**
 * Seconds in a duration as Vault reads TTL parameters (`parseutil.ParseDurationSecond`):
 * a number or numeric string is seconds, `<n>d` is whole days, anything else
 * a Go duration. `undefined` when Vault would reject it.
 */
export function parseVaultDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = value.trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  const days = /^(-?\d+)d$/.exec(text);
  if (days) return Number(days[1]) * ONE_DAY_SECONDS;
  return parseGoDuration(text);
}

// Whole hours, minutes and seconds in that order: read the same by Vault, by Go and by people.
const PROP_DURATION = /^(?=\d)(\d+h)?(\d+m)?(\d+s)?$/;

/**
 * Parses a TTL prop, a duration like `1h30m`, `15m`, `45s` or a whole number
 * of seconds, into seconds. Returns `undefined` for anything else, including
 * fractions, signs and days: Go's `time.ParseDuration`, which Kubernetes
 * operators use, has no `d` unit.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  return /^\d+$/.test(value) || PROP_DURATION.test(value) ? parseVaultDuration(value) : undefined;
}

/** Seconds as the shortest `XhYmZs` string, for messages (`0s`, `1m30s`, `17520h`). */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = Math.round((abs % 60) * 1e9) / 1e9;
  return `${sign}${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

/**
 * Seconds of a literal TTL prop, or `undefined` when it is absent, only known
 * at apply time, or not a duration: for cross-checks between props, which
 * must never fail on a token.
 */
export function literalSeconds(value: string | number | undefined): number | undefined {
  if (value === undefined || Token.isUnresolved(value)) return undefined;
  return parseDuration(value);
}

/**
 * Converts a validated TTL prop to seconds for a numeric provider attribute,
 * passing tokens through untouched.
 */
export function toSeconds(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (Token.isUnresolved(value)) return Token.asNumber(value);
  return parseDuration(value);
}

/**
 * Converts a validated TTL prop to seconds for a string provider attribute,
 * passing tokens through. Vault reads TTLs back as seconds, so writing
 * seconds keeps plans clean.
 */
export function toSecondsString(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && Token.isUnresolved(value)) return value;
  if (typeof value === 'number' && Token.isUnresolved(value)) return Token.asString(value);
  const s = parseDuration(value);
  return s === undefined ? undefined : String(s);
}
