import { Fn, Token } from 'cdktf';
import { vaultPathMatches, vaultPathReaches } from './glob';
import { hclString } from './hcl';

export { hclString };

/**
 * A Vault ACL policy as Vault reads it: HCL (v1, what Vault parses policies
 * with) or JSON, one parser for the `VaultPolicy` construct and rule VP-POL-1.
 */

/** One path rule, after Vault's own normalisation. */
export interface PolicyDocumentRule {
  readonly path: string;
  /** Capabilities, deduplicated, old-style `policy = "write"` mapped as Vault maps it. */
  readonly capabilities: string[];
  readonly allowedParameters?: Record<string, string[]>;
}

/** A parsed policy, or why it does not parse (Vault refuses such a policy). */
export type ParsedPolicy = { readonly rules: PolicyDocumentRule[]; readonly error?: undefined } | { readonly rules?: undefined; readonly error: string };

/** The rule shape {@link renderPolicyHcl} takes. */
export interface RenderableRule {
  readonly path: string;
  readonly capabilities: readonly string[];
  readonly allowedParameters?: Readonly<Record<string, readonly string[]>>;
  readonly comment?: string;
}

/**
 * Renders rules as Vault policy HCL, one block per rule in order. Every
 * string is quoted with {@link hclString}, and a comment becomes `#` lines, so
 * no text of a rule can end its block or start another.
 */
export function renderPolicyHcl(rules: readonly RenderableRule[]): string {
  return rules
    .map((r) => {
      const comment = r.comment ? r.comment.split(/\r\n|\r|\n/).map((line) => `# ${line}\n`).join('') : '';
      const caps = hclList(r.capabilities);
      const params = Object.entries(r.allowedParameters ?? {}).map(([k, vs]) => `    ${hclString(k)} = ${hclList(vs)}\n`);
      const allowed = r.allowedParameters ? `  allowed_parameters = {\n${params.join('')}  }\n` : '';
      return `${comment}path ${hclString(r.path)} {\n  capabilities = ${caps}\n${allowed}}\n`;
    })
    .join('\n');
}

/** A list of strings as HCL; a list known only at apply time goes through Terraform's `jsonencode`. */
function hclList(values: readonly string[]): string {
  return Token.isUnresolved(values) ? Fn.jsonencode(values) : `[${values.map(hclString).join(', ')}]`;
}

// ---------------------------------------------------------------- parsing

type Value =
  | { t: 'string'; v: string }
  | { t: 'scalar'; v: string }
  | { t: 'list'; v: Value[] }
  | { t: 'object'; v: Item[] };
interface Item { keys: string[]; value: Value }

type Tok = { k: 'str' | 'word' | 'punct'; v: string };

class PolicySyntaxError extends Error {}

// A bare word, read where the tokenizer stands (sticky: no copy of the rest of the text).
const WORD = /[A-Za-z0-9_.\-+*/:]+/y;

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const fail = (why: string): never => { throw new PolicySyntaxError(`${why} at offset ${i}`); };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') { i++; continue; }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) fail('unterminated block comment');
      i = end + 2;
      continue;
    }
    if ('{}[]=,:'.includes(c)) { out.push({ k: 'punct', v: c }); i++; continue; }
    if (c === '"') { out.push({ k: 'str', v: readString() }); continue; }
    if (c === '<' && text[i + 1] === '<') { out.push({ k: 'str', v: readHeredoc() }); continue; }
    WORD.lastIndex = i;
    const m = WORD.exec(text);
    if (!m) fail(`unexpected character ${JSON.stringify(c)}`);
    // `:` only inside a word (JSON puts it between tokens, after a string). The
    // word starts with another character: a lone ':' is punctuation above.
    const word = m![0].replace(/:+$/, '');
    out.push({ k: 'word', v: word });
    i += word.length;
  }
  return out;

  function readString(): string {
    i++;
    let s = '';
    let braces = 0;
    while (true) {
      if (i >= text.length) fail('unterminated string');
      const ch = text[i];
      if (ch === '\n') fail('line break in a string');
      if (ch === '"' && braces === 0) { i++; return s; }
      if (ch === '$' && text[i + 1] === '{') { braces++; s += '${'; i += 2; continue; }
      // Inside an interpolation HCL counts braces, so a '}' of a nested object does not end it.
      if (ch === '{' && braces > 0) braces++;
      if (ch === '}' && braces > 0) braces--;
      if (ch === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
        if (e in simple) { s += simple[e]; i += 2; continue; }
        if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          const hex = text.slice(i + 2, i + 2 + n);
          // Past U+10FFFF is no character: HCL refuses it, and String.fromCodePoint would throw a RangeError.
          if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex) || parseInt(hex, 16) > 0x10ffff) fail('bad unicode escape');
          s += String.fromCodePoint(parseInt(hex, 16));
          i += 2 + n;
          continue;
        }
        fail(`unknown escape \\${e}`);
      }
      s += ch;
      i++;
    }
  }

  function readHeredoc(): string {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(text.slice(i));
    if (!m) fail('bad heredoc');
    const [head, indent, marker] = m!;
    const lines: string[] = [];
    let pos = i + head.length;
    while (true) {
      const nl = text.indexOf('\n', pos);
      const line = text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, '');
      if ((indent ? line.trim() : line) === marker) { i = nl < 0 ? text.length : nl + 1; break; }
      if (nl < 0) fail('unterminated heredoc');
      lines.push(line);
      pos = nl + 1;
    }
    return lines.join('\n') + '\n';
  }
}

class Parser {
  public i = 0;
  constructor(private readonly toks: Tok[]) {}

  public document(): Item[] {
    if (this.peek()?.v === '{' && this.peek()?.k === 'punct') {
      const v = this.object();
      if (this.i < this.toks.length) this.fail('text after the JSON document');
      return v.v as Item[];
    }
    const items = this.items(undefined);
    return items;
  }

  private items(close: string | undefined): Item[] {
    const out: Item[] = [];
    while (this.i < this.toks.length && !(this.peek()!.k === 'punct' && this.peek()!.v === close)) {
      out.push(this.item());
      if (this.peek()?.k === 'punct' && this.peek()!.v === ',') this.i++;
    }
    if (close !== undefined) this.expect(close);
    return out;
  }

  private item(): Item {
    const keys: string[] = [];
    while (this.peek() && this.peek()!.k !== 'punct') keys.push(this.next().v);
    if (keys.length === 0) this.fail('expected a key');
    const t = this.peek();
    if (t?.k === 'punct' && (t.v === '=' || t.v === ':')) {
      if (keys.length > 1) this.fail('several keys before "="');
      this.i++;
      return { keys, value: this.value() };
    }
    if (t?.k === 'punct' && t.v === '{') return { keys, value: this.object() };
    return this.fail(`expected "=" or "{" after ${JSON.stringify(keys.join(' '))}`);
  }

  public value(): Value {
    const t = this.next();
    if (t.k === 'str') return { t: 'string', v: t.v };
    if (t.k === 'word') return { t: 'scalar', v: t.v };
    if (t.v === '{') { this.i--; return this.object(); }
    if (t.v === '[') {
      const out: Value[] = [];
      while (!(this.peek()?.k === 'punct' && this.peek()!.v === ']')) {
        out.push(this.value());
        if (this.peek()?.k === 'punct' && this.peek()!.v === ',') this.i++;
        else break;
      }
      this.expect(']');
      return { t: 'list', v: out };
    }
    return this.fail(`unexpected ${JSON.stringify(t.v)}`);
  }

  private object(): Value {
    this.expect('{');
    return { t: 'object', v: this.items('}') };
  }

  private peek(): Tok | undefined { return this.toks[this.i]; }
  private next(): Tok {
    const t = this.toks[this.i++];
    if (!t) this.fail('unexpected end');
    return t;
  }
  private expect(v: string): void {
    const t = this.next();
    if (t.k !== 'punct' || t.v !== v) this.fail(`expected "${v}", got ${JSON.stringify(t.v)}`);
  }
  private fail(why: string): never {
    throw new PolicySyntaxError(`${why} (token ${this.i})`);
  }
}

// Vault maps the old `policy = "..."` field to capabilities.
const OLD_STYLE: Record<string, string[]> = {
  deny: ['deny'],
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'delete', 'list', 'sudo'],
};

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Parses a policy as Vault does: HCL v1 with `#`, `//` and block comments,
 * quoted or bare keys (matched without regard to case, as HCL's `Filter`
 * does), nested blocks, `path "x" {}` repeated (merged, as Vault merges
 * them), or the JSON form (`{"path": {"x": {...}}}`, lists of objects too).
 * Where Vault's reading is uncertain the parser errs towards more access,
 * because the rule pack judges its result.
 */
export function parsePolicy(text: string): ParsedPolicy {
  let items: Item[];
  try {
    items = new Parser(tokenize(text)).document();
  } catch (e) {
    if (e instanceof PolicySyntaxError) return { error: e.message };
    throw e;
  }
  const byPath = new Map<string, { caps: Set<string>; params?: Record<string, string[]> }>();
  const add = (path: string, body: Value): void => {
    const p = path.replace(/^\/+/, '');
    const entry = byPath.get(p) ?? { caps: new Set<string>() };
    byPath.set(p, entry);
    for (const it of bodyItems(body)) {
      const key = it.keys[0];
      if (eq(key, 'capabilities')) for (const c of strings(it.value)) entry.caps.add(c.toLowerCase());
      else if (eq(key, 'policy')) for (const c of strings(it.value).flatMap((x) => OLD_STYLE[x.toLowerCase()] ?? [])) entry.caps.add(c);
      else if (eq(key, 'allowed_parameters')) {
        entry.params ??= {};
        for (const p2 of bodyItems(it.value)) {
          const name = it.keys.length > 1 ? it.keys[1] : p2.keys[0];
          entry.params[name] = [...(entry.params[name] ?? []), ...strings(p2.value)];
        }
      }
    }
  };
  for (const item of items) {
    if (!eq(item.keys[0], 'path')) continue;
    if (item.keys.length >= 2) {
      add(item.keys[1], item.value);
      continue;
    }
    // `path = {...}` or JSON's `"path": {"x": {...}}`: each inner item is a path.
    for (const inner of bodyItems(item.value)) add(inner.keys[0], inner.keys.length > 1 ? nest(inner.keys.slice(1), inner.value) : inner.value);
  }
  return {
    rules: [...byPath].map(([path, e]) => ({ path, capabilities: [...e.caps], ...(e.params ? { allowedParameters: e.params } : {}) })),
  };
}

function nest(keys: string[], value: Value): Value {
  return keys.reduceRight<Value>((v, k) => ({ t: 'object', v: [{ keys: [k], value: v }] }), value);
}

/** The items of an object, or of every object in a list (JSON's `[{...}, {...}]`). */
function bodyItems(v: Value): Item[] {
  if (v.t === 'object') return v.v;
  if (v.t === 'list') return v.v.flatMap(bodyItems);
  return [];
}

function strings(v: Value): string[] {
  if (v.t === 'string' || v.t === 'scalar') return [v.v];
  if (v.t === 'list') return v.v.flatMap(strings);
  return [];
}

// ---------------------------------------------------------------- judging

// sudo is judged on its own; alone it writes nothing.
const WRITES = ['create', 'update', 'patch'];

/**
 * Paths a token only needs for itself (renewing and revoking its own leases
 * and token, unwrapping): writing them is not privilege.
 */
const SELF_SERVICE = [
  'sys/leases/renew', 'sys/leases/revoke', 'sys/leases/lookup', 'sys/renew', 'sys/revoke',
  'auth/token/renew-self', 'auth/token/revoke-self', 'auth/token/lookup-self',
  'sys/wrapping/unwrap', 'sys/wrapping/lookup', 'sys/capabilities-self', 'sys/tools/',
];

/** Writing here lets a token change what any token may do: it is root in all but name. */
const ROOT_EQUIVALENT = ['sys/policies/acl/', 'sys/policy/', 'sys/policies/', 'sys/auth/', 'auth/token/roles/', 'identity/group/', 'identity/entity/', 'sys/raw/'];

/** Where writes reconfigure Vault itself rather than one secret. */
const PRIVILEGED = ['sys/', 'auth/', 'identity/'];

/** How a policy rule is dangerous, in words, for construct errors and findings. */
export interface PolicyRisk {
  readonly kind: 'mount-wide' | 'sudo' | 'root-equivalent' | 'privileged-write';
  readonly message: string;
}

function isSelfService(path: string): boolean {
  // Logging in needs no token, so granting it is harmless (and common in hand-written policies).
  if (/^auth\/[^*+]+\/login(\/[^*+]*)?$/.test(path)) return true;
  return SELF_SERVICE.some((s) => path === s || (s.endsWith('/') ? path.startsWith(s) : path.startsWith(`${s}/`)))
    // Revoking leases of one mount (`sys/leases/revoke/azure/creds/x/*`) is what a lease holder does.
    && !/^sys\/(leases\/)?(renew|revoke)\/?[*+]/.test(path);
}

/** Judges one rule: mount-wide globs, sudo, and writes on Vault's own configuration. */
export function policyRuleRisks(rule: { path: string; capabilities: readonly string[] }): PolicyRisk[] {
  const out: PolicyRisk[] = [];
  const path = rule.path.replace(/^\/+/, '');
  const first = path.split('/')[0];
  const caps = rule.capabilities.map((c) => c.toLowerCase());
  // Vault keeps only `deny` when a rule lists it, whatever else is listed (its policy parser drops the rest).
  if (caps.includes('deny')) return out;
  if (first === '' || first.includes('*') || first.includes('+')) out.push({ kind: 'mount-wide', message: `has path "${rule.path}"` });
  if (caps.includes('sudo')) out.push({ kind: 'sudo', message: `grants sudo on "${rule.path}"` });
  const writes = caps.filter((c) => WRITES.includes(c));
  if (writes.length === 0 || isSelfService(path)) return out;
  const root = ROOT_EQUIVALENT.find((p) => vaultPathReaches(path, p) || vaultPathMatches(path, p.slice(0, -1)));
  if (root) {
    out.push({ kind: 'root-equivalent', message: `grants ${writes.join(', ')} on "${rule.path}", which reaches ${root}*: a token that can write there can grant itself anything (root-equivalent)` });
  } else if (PRIVILEGED.some((p) => vaultPathReaches(path, p))) {
    out.push({ kind: 'privileged-write', message: `grants ${writes.join(', ')} on "${rule.path}", Vault's own configuration` });
  }
  return out;
}

// ---------------------------------------------------------------- expressions

/**
 * Reads a literal HCL expression (`{"a" = {"b" = true}, "c" = [1, "x"]}`), as
 * cdktf writes the argument of `Fn.yamlencode` / `Fn.jsonencode`, into plain
 * values. A reference or call inside it (`var.v`) comes back as the string
 * `${var.v}`, which rules treat as known only at apply time. `undefined` when
 * the text is not such an expression.
 */
export function parseHclExpression(text: string): unknown {
  try {
    const toks = tokenize(text);
    const parser = new Parser(toks) as unknown as { value(): Value; i: number };
    const v = parser.value();
    if (parser.i !== toks.length) return undefined;
    return toPlain(v);
  } catch (e) {
    if (e instanceof PolicySyntaxError) return undefined;
    throw e;
  }
}

function toPlain(v: Value): unknown {
  switch (v.t) {
    case 'string': return v.v;
    case 'scalar':
      if (v.v === 'true' || v.v === 'false') return v.v === 'true';
      if (v.v === 'null') return null;
      if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.v)) return Number(v.v);
      return `\${${v.v}}`;
    case 'list': return v.v.map(toPlain);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const item of v.v) out[item.keys[0]] = item.keys.length > 1 ? toPlain(nest(item.keys.slice(1), item.value)) : toPlain(item.value);
      return out;
    }
  }
}
