import { parseJsonOrYaml } from './private/json-or-yaml';

/**
 * The glob judgments of the library, as Vault applies them. Constructs refuse
 * with them and the rule pack reports with them, so both agree on what a
 * pattern reaches.
 */

type PathToken = { kind: 'char'; c: string } | { kind: 'segment' } | { kind: 'rest' };

/**
 * Vault's ACL path pattern: `+` stands for exactly one whole segment, and a
 * `*` that ends the path matches any rest (a prefix match). A `*` anywhere
 * else is an ordinary character, which Vault matches literally.
 */
function pathTokens(pattern: string): PathToken[] {
  const out: PathToken[] = [];
  const segments = pattern.split('/');
  segments.forEach((seg, i) => {
    if (i > 0) out.push({ kind: 'char', c: '/' });
    const last = i === segments.length - 1;
    if (seg === '+' || (last && seg === '+*')) {
      out.push({ kind: 'segment' });
      if (seg === '+*') out.push({ kind: 'rest' });
      return;
    }
    const body = last && seg.endsWith('*') ? seg.slice(0, -1) : seg;
    for (const c of body) out.push({ kind: 'char', c });
    if (body !== seg) out.push({ kind: 'rest' });
  });
  return out;
}

function matchTokens(t: PathToken[], i: number, s: string, j: number, prefixOnly: boolean): boolean {
  if (prefixOnly && j === s.length) return true;
  if (i === t.length) return j === s.length;
  const tok = t[i];
  if (tok.kind === 'rest') return true;
  if (tok.kind === 'char') return j < s.length && s[j] === tok.c && matchTokens(t, i + 1, s, j + 1, prefixOnly);
  // One segment: at least one character, no '/'.
  // With a prefix, a segment may run past its end: the call at k === s.length says so.
  for (let k = j + 1; k <= s.length && s[k - 1] !== '/'; k++) {
    if (matchTokens(t, i + 1, s, k, prefixOnly)) return true;
  }
  return false;
}

/** Whether Vault's ACL `pattern` matches the request path `path`. */
export function vaultPathMatches(pattern: string, path: string): boolean {
  return matchTokens(pathTokens(pattern), 0, path, 0, false);
}

/**
 * Whether `pattern` matches some request path that starts with `prefix`:
 * `sys/pol*`, `sys/+/acl/x` and `sys/policies/acl/team-*` all reach into
 * `sys/policies/acl/`.
 */
export function vaultPathReaches(pattern: string, prefix: string): boolean {
  return matchTokens(pathTokens(pattern), 0, prefix, 0, true);
}

/** Whether a Vault ACL path holds a glob at all (`+` segment or trailing `*`). */
export function isVaultPathGlob(pattern: string): boolean {
  return pathTokens(pattern).some((t) => t.kind !== 'char');
}

/**
 * A `*` that is not the last character of an ACL path: Vault takes it
 * literally (`team-*\/config` matches only the path with a star in it), so
 * it never does what its author meant.
 */
export function hasMidPathStar(pattern: string): boolean {
  return pattern.slice(0, -1).includes('*');
}

/**
 * How much a Kubernetes auth binding (`bound_service_account_names`,
 * `bound_service_account_namespaces`) accepts, as the plugin matches it
 * (`strutil.GlobbedStringsMatch`): `*` alone matches every name; with two or
 * more characters, a leading and/or trailing `*` makes a suffix, prefix or
 * substring match, and `**` (an empty substring) matches every name too.
 */
export type BindingBreadth = 'exact' | 'glob' | 'any';

/** See {@link BindingBreadth}. */
export function bindingBreadth(pattern: string): BindingBreadth {
  if (pattern === '*') return 'any';
  const lead = pattern.startsWith('*');
  const trail = pattern.endsWith('*');
  if (!lead && !trail) return 'exact';
  const stem = pattern.slice(lead ? 1 : 0, trail ? -1 : undefined);
  return stem === '' ? 'any' : 'glob';
}

/** Whether a Kubernetes auth binding pattern accepts `name`, as the plugin decides. */
export function bindingMatches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  const lead = pattern.startsWith('*');
  const trail = pattern.endsWith('*');
  if (lead && trail) return name.includes(pattern.slice(1, -1));
  if (lead) return name.endsWith(pattern.slice(1));
  if (trail) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

/**
 * Whether a `bound_service_account_namespace_selector` selects every
 * namespace: a selector with neither `matchLabels` nor `matchExpressions`
 * (`{}`, `{"matchLabels": {}}`) matches all of them. A selector that does not
 * parse counts as selecting everything too (the rule cannot read it).
 */
export function selectorMatchesAll(selector: string): boolean {
  const doc = parseJsonOrYaml(selector);
  if (!doc) return true;
  const parsed = doc.value;
  if (!parsed || typeof parsed !== 'object') return true;
  const s = parsed as { matchLabels?: Record<string, unknown>; matchExpressions?: unknown[] };
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}
