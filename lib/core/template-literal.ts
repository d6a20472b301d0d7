import { Aspects, IAspect, TerraformDataSource, TerraformResource, Token } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Terraform reads every string of `cdk.tf.json` as a template: `${...}` is
 * an interpolation and `%{...}` a directive, evaluated on the runner. A user
 * string that holds them (`${file("/etc/hostname")}` in a description) would
 * run as code, so a literal reaches Terraform as `$${` and `%%{`, which
 * Terraform turns back into the text the user wrote.
 */
export function escapeTemplate(text: string): string {
  // A function replacement: in a replacement string, `$$` would mean one `$`.
  return text.replace(/([$%])\{/g, (_m, c: string) => `${c}${c}{`);
}

/**
 * What Terraform makes of an escaped literal: the inverse of
 * {@link escapeTemplate}, and how the rule pack reads literal text back.
 * Returns `undefined` when the string holds a real interpolation or
 * directive (an unescaped `${` or `%{`): its value is known only at apply
 * time. Given `applyTime`, each such interpolation or directive (up to its
 * matching `}`) is replaced by that text instead, so what is known can
 * still be read.
 */
export function unescapeTemplate(text: string): string | undefined;
export function unescapeTemplate(text: string, applyTime: string): string;
export function unescapeTemplate(text: string, applyTime?: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      if (applyTime === undefined) return undefined;
      out += applyTime;
      i = closingBrace(text, i + 1);
    } else {
      out += c;
    }
  }
  return out;
}

/** The index of the `}` closing the `{` at `open` (nested braces counted), or the text's length if none does. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  let j = open;
  for (; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) break;
  }
  return j;
}

// cdktf encodes a string token as `${TfToken[TOKEN.n]}` (cdktf/lib/tokens/private/encoding).
const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;
// cdktf reads `${` not followed by a token marker, up to the next `}`, as an
// expression around the tokens inside it, and writes those tokens without
// their own braces.
const EXPRESSION_OPEN = /\$\{(?!TfToken\[)/g;

/**
 * Escapes the literal parts of a string and keeps the cdktf tokens in it, so
 * `'team ${x} ' + variable.stringValue` reaches Terraform as
 * `"team $${x} ${var.v}"`. Throws when a literal `${` is left open before a
 * token: cdktf would fold the token into it as one expression, and neither
 * the text nor the reference would survive.
 */
export function escapeLiteralParts(text: string): string {
  if (!text.includes('{')) return text;
  if (!Token.isUnresolved(text)) return escapeTemplate(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(STRING_TOKEN)) {
    out += escapeTemplate(text.slice(last, m.index));
    if (opensExpression(out)) {
      throw new Error(`a literal '\${' before a Terraform reference is never closed, so cdktf would read them as one expression (got '${text}')`);
    }
    out += m[0];
    last = m.index! + m[0].length;
  }
  return out + escapeTemplate(text.slice(last));
}

function opensExpression(text: string): boolean {
  let open = -1;
  for (const m of text.matchAll(EXPRESSION_OPEN)) open = m.index!;
  if (open < 0) return false;
  return text.indexOf('}', open) < 0;
}

/**
 * Escapes every literal string (and object key) in a value as
 * {@link escapeLiteralParts} does; tokens of any kind pass through.
 */
export function escapeLiterals<T>(value: T): T {
  return walk(value) as T;
}

// Copies only what changes: almost every string has no `{`, most synthesized
// attributes are undefined, and a synth walks every attribute of every
// library resource through here.
function walk(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('{') ? escapeLiteralParts(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v === null || (typeof v !== 'object' && typeof v !== 'string')) continue;
      const w = walk(v);
      if (w !== v) (out ??= value.slice())[i] = w;
    }
    return out ?? value;
  }
  // Tokens (IResolvable, Lazy) and class instances pass: provider structs are
  // converted by their own toTerraform functions before they get here.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let out: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const k in source) {
    const v = source[k];
    const key = k.includes('{') ? escapeLiteralParts(k) : k;
    if (key !== k) {
      out ??= { ...source };
      delete out[k];
      out[key] = walk(v);
      continue;
    }
    if (v === undefined || v === null || (typeof v !== 'object' && typeof v !== 'string')) continue;
    const w = walk(v);
    if (w !== v) (out ??= { ...source })[k] = w;
  }
  return out ?? value;
}

const GUARDED = new WeakSet<IConstruct>();

/**
 * The one place user strings become Terraform literals: every provider
 * resource and data source below a library construct gets its synthesized
 * attributes escaped ({@link escapeLiterals}) whenever they are synthesized,
 * by the stack, a test or the rule pack. `addOverride` values are left as
 * written: the escape hatch is where an expression is meant.
 *
 * Installed once per library construct by `PropValidator` (every construct
 * validates its props), as an Aspect that wraps each element it visits. It
 * runs when aspects run, before the stack is synthesized.
 */
export class TemplateLiteralGuard implements IAspect {
  /** The one instance every library construct shares. */
  public static readonly INSTANCE = new TemplateLiteralGuard();

  /** Adds the guard to `scope` unless it is there already. */
  public static protect(scope: IConstruct): void {
    if (GUARDED.has(scope)) return;
    GUARDED.add(scope);
    Aspects.of(scope).add(TemplateLiteralGuard.INSTANCE);
  }

  private readonly wrapped = new WeakSet<IConstruct>();

  private constructor() {}

  public visit(node: IConstruct): void {
    // Aspects reach only the guarded construct and what lies below it, so every
    // element this sees belongs to the library. A construct's own elements are
    // wrapped when the construct is visited, before any aspect (the rule pack)
    // visits them.
    this.wrap(node);
    if (GUARDED.has(node)) for (const child of node.node.children) this.wrap(child);
  }

  /** Wraps one element's attribute synthesis (exposed for elements created after synth began). */
  public wrap(c: IConstruct): void {
    if (this.wrapped.has(c)) return;
    if (!(c instanceof TerraformResource || c instanceof TerraformDataSource)) return;
    this.wrapped.add(c);
    const element = c as unknown as { synthesizeAttributes(): Record<string, unknown>; synthesizeHclAttributes(): Record<string, unknown> };
    const attributes = element.synthesizeAttributes.bind(element);
    const where = (f: () => Record<string, unknown>) => () => {
      try {
        return f();
      } catch (e) {
        throw new Error(`'${c.node.path}': ${(e as Error).message}`);
      }
    };
    element.synthesizeAttributes = where(() => escapeLiterals(attributes()));
    const hcl = element.synthesizeHclAttributes.bind(element);
    element.synthesizeHclAttributes = where(() => escapeHclAttributes(hcl()));
  }
}

/** `synthesizeHclAttributes` wraps each value as `{ value, type, ... }`. */
function escapeHclAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attributes ?? {})) {
    out[k] = v && typeof v === 'object' && 'value' in v ? { ...(v as object), value: escapeLiterals((v as { value: unknown }).value) } : v;
  }
  return out;
}
