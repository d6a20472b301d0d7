/** Seconds in a day: the longest token or credential lifetime the pack accepts quietly. */
export const ONE_DAY_SECONDS = 24 * 3600;

/** Seconds in two years of 365 days (`17520h`), Entra's cap on client secrets made in the portal. */
export const TWO_YEARS_SECONDS = 2 * 365 * 24 * 3600;

const GO_UNIT_SECONDS: Record<string, number> = {
  'ns': 1e-9, 'us': 1e-6, 'µs': 1e-6, 'μs': 1e-6, 'ms': 1e-3, 's': 1, 'm': 60, 'h': 3600,
};

// One `<number><unit>` element of a Go duration; the number may have a fraction (`1.5h`, `.5h`).
const GO_ELEMENT = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Seconds in a Go `time.ParseDuration` string (`20000h0m`, `8760h30m`, `1.5h`,
 * `90s`, `-1h`), or `undefined` when Go would reject it. This is the format of
 * azuread's `end_date_relative` and of most Kubernetes operators' durations.
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
 * Seconds in a duration as Vault reads TTL parameters (`parseutil.ParseDurationSecond`):
 * a number or numeric string is seconds, `<n>d` is whole days, anything else
 * a Go duration. `undefined` when Vault would reject it.
 */
export function parseVaultDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = value.trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  const days = /^(-?\d+)d$/.exec(text);
  if (days) return Number(days[1]) * 24 * 3600;
  return parseGoDuration(text);
}

/** Seconds as the shortest `XhYmZs` string, for messages (`17520h`, `1h30m`). */
export function formatSeconds(seconds: number): string {
  if (seconds === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = Math.round((abs % 60) * 1e9) / 1e9;
  return `${sign}${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
