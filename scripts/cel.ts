/**
 * A small evaluator for the CEL rules (`x-kubernetes-validations`) in the
 * vendored CRDs: field presence (`has(self.a)`), `in` on a map, list literals
 * with `filter(x, ...)` and `size()`, `? :`, arithmetic, comparison and logic.
 * That covers every rule in schemas/crds today. Anything else (a function
 * or macro it does not know, `oldSelf`) throws {@link CelUnsupported}, and
 * the caller reports the rule as not evaluated instead of guessing.
 */

/** The rule uses CEL this evaluator does not implement. */
export class CelUnsupported extends Error {}

type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'id'; name: string }
  | { t: 'sel'; of: Node; field: string }
  | { t: 'idx'; of: Node; index: Node }
  | { t: 'call'; fn: string; target?: Node; args: Node[] }
  | { t: 'list'; items: Node[] }
  | { t: 'un'; op: string; arg: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'cond'; c: Node; a: Node; b: Node };

const TOKEN = /\s*(?:(\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*)|(&&|\|\||==|!=|<=|>=|[-+*/%!<>?:()[\],.]))/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(src);
    if (!m) throw new CelUnsupported(`cannot read CEL at ${JSON.stringify(src.slice(TOKEN.lastIndex, TOKEN.lastIndex + 10))}`);
    if (m[1] !== undefined) out.push(`#${m[1]}`);
    else if (m[2] !== undefined || m[3] !== undefined) out.push(`'${(m[2] ?? m[3]).replace(/\\(.)/g, '$1')}`);
    else out.push(m[4] ?? m[5]);
  }
  return out;
}

function parse(src: string): Node {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const eat = (t?: string) => {
    const tok = toks[i++];
    if (tok === undefined || (t !== undefined && tok !== t)) throw new CelUnsupported(`expected ${t ?? 'more'} in ${src}`);
    return tok;
  };
  const args = (): Node[] => {
    const out: Node[] = [];
    if (peek() !== ')') do out.push(cond()); while (peek() === ',' && eat(','));
    eat(')');
    return out;
  };
  const primary = (): Node => {
    const tok = eat();
    if (tok === '(') { const e = cond(); eat(')'); return e; }
    if (tok === '[') {
      const items: Node[] = [];
      if (peek() !== ']') do items.push(cond()); while (peek() === ',' && eat(','));
      eat(']');
      return { t: 'list', items };
    }
    if (tok.startsWith('#')) return { t: 'lit', v: Number(tok.slice(1)) };
    if (tok.startsWith("'")) return { t: 'lit', v: tok.slice(1) };
    if (tok === 'true' || tok === 'false') return { t: 'lit', v: tok === 'true' };
    if (tok === 'null') return { t: 'lit', v: null };
    if (/^[A-Za-z_]/.test(tok)) {
      if (peek() === '(') { eat('('); return { t: 'call', fn: tok, args: args() }; }
      return { t: 'id', name: tok };
    }
    throw new CelUnsupported(`unexpected ${tok} in ${src}`);
  };
  const member = (): Node => {
    let n = primary();
    for (;;) {
      if (peek() === '.') {
        eat('.');
        const name = eat();
        if (peek() === '(') { eat('('); n = { t: 'call', fn: name, target: n, args: args() }; } else n = { t: 'sel', of: n, field: name };
      } else if (peek() === '[') {
        eat('[');
        n = { t: 'idx', of: n, index: cond() };
        eat(']');
      } else return n;
    }
  };
  const unary = (): Node => (peek() === '!' || peek() === '-' ? { t: 'un', op: eat(), arg: unary() } : member());
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let l = next();
    while (ops.includes(peek())) { const op = eat(); l = { t: 'bin', op, l, r: next() }; }
    return l;
  };
  const mul = binary(unary, ['*', '/', '%']);
  const add = binary(mul, ['+', '-']);
  const rel = binary(add, ['==', '!=', '<', '<=', '>', '>=', 'in']);
  const and = binary(rel, ['&&']);
  const or = binary(and, ['||']);
  function cond(): Node {
    const c = or();
    if (peek() !== '?') return c;
    eat('?');
    const a = cond();
    eat(':');
    return { t: 'cond', c, a, b: cond() };
  }
  const root = cond();
  if (i !== toks.length) throw new CelUnsupported(`unexpected ${toks[i]} in ${src}`);
  return root;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function evaluate(n: Node, env: Record<string, unknown>): unknown {
  switch (n.t) {
    case 'lit': return n.v;
    case 'id':
      if (!(n.name in env)) throw new CelUnsupported(`unknown name ${n.name}`);
      return env[n.name];
    case 'sel': {
      const of = evaluate(n.of, env);
      if (!isMap(of) || !(n.field in of)) throw new CelUnsupported(`no such field ${n.field}`);
      return of[n.field];
    }
    case 'idx': {
      const of = evaluate(n.of, env);
      const k = evaluate(n.index, env);
      if (Array.isArray(of) && typeof k === 'number' && k < of.length) return of[k];
      if (isMap(of) && typeof k === 'string' && k in of) return of[k];
      throw new CelUnsupported('index out of range');
    }
    case 'list': return n.items.map((x) => evaluate(x, env));
    case 'un': {
      const v = evaluate(n.arg, env);
      if (n.op === '!' && typeof v === 'boolean') return !v;
      if (n.op === '-' && typeof v === 'number') return -v;
      throw new CelUnsupported(`${n.op} on ${typeof v}`);
    }
    case 'cond': {
      const c = evaluate(n.c, env);
      if (typeof c !== 'boolean') throw new CelUnsupported('condition is not a bool');
      return evaluate(c ? n.a : n.b, env);
    }
    case 'bin': {
      if (n.op === '&&' || n.op === '||') {
        const l = evaluate(n.l, env);
        if (typeof l !== 'boolean') throw new CelUnsupported(`${n.op} on ${typeof l}`);
        if (n.op === '&&' ? !l : l) return l;
        const r = evaluate(n.r, env);
        if (typeof r !== 'boolean') throw new CelUnsupported(`${n.op} on ${typeof r}`);
        return r;
      }
      const l = evaluate(n.l, env);
      const r = evaluate(n.r, env);
      switch (n.op) {
        case '==': return JSON.stringify(l) === JSON.stringify(r);
        case '!=': return JSON.stringify(l) !== JSON.stringify(r);
        case 'in':
          if (Array.isArray(r)) return r.some((x) => JSON.stringify(x) === JSON.stringify(l));
          if (isMap(r) && typeof l === 'string') return l in r;
          throw new CelUnsupported('in on a non-collection');
      }
      if (typeof l !== 'number' || typeof r !== 'number') {
        if (n.op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
        throw new CelUnsupported(`${n.op} on ${typeof l} and ${typeof r}`);
      }
      switch (n.op) {
        case '+': return l + r;
        case '-': return l - r;
        case '*': return l * r;
        case '<': return l < r;
        case '<=': return l <= r;
        case '>': return l > r;
        case '>=': return l >= r;
      }
      throw new CelUnsupported(`operator ${n.op}`);
    }
    case 'call': {
      if (n.fn === 'has' && !n.target) {
        const arg = n.args[0];
        if (n.args.length !== 1 || arg.t !== 'sel') throw new CelUnsupported('has() needs a field selection');
        const of = evaluate(arg.of, env);
        return isMap(of) && arg.field in of && of[arg.field] !== null;
      }
      if (n.target && (n.fn === 'filter' || n.fn === 'all' || n.fn === 'exists') && n.args.length === 2 && n.args[0].t === 'id') {
        const list = evaluate(n.target, env);
        if (!Array.isArray(list)) throw new CelUnsupported(`${n.fn} on a non-list`);
        const name = (n.args[0] as { name: string }).name;
        const test = (x: unknown) => {
          const v = evaluate(n.args[1], { ...env, [name]: x });
          if (typeof v !== 'boolean') throw new CelUnsupported(`${n.fn} predicate is not a bool`);
          return v;
        };
        return n.fn === 'filter' ? list.filter(test) : n.fn === 'all' ? list.every(test) : list.some(test);
      }
      if (n.fn === 'size' && (n.target ? n.args.length === 0 : n.args.length === 1)) {
        const v = evaluate(n.target ?? n.args[0], env);
        if (Array.isArray(v) || typeof v === 'string') return v.length;
        if (isMap(v)) return Object.keys(v).length;
        throw new CelUnsupported('size of a scalar');
      }
      throw new CelUnsupported(`function ${n.fn}`);
    }
  }
}

const cache = new Map<string, Node | CelUnsupported>();

/**
 * Evaluates `rule` with `self` bound to `value`: true or false, or throws
 * {@link CelUnsupported}.
 */
export function evaluateCel(rule: string, value: unknown): boolean {
  let ast = cache.get(rule);
  if (!ast) {
    try {
      ast = /\boldSelf\b/.test(rule) ? new CelUnsupported('transition rule') : parse(rule);
    } catch (e) {
      ast = e instanceof CelUnsupported ? e : new CelUnsupported(String(e));
    }
    cache.set(rule, ast);
  }
  if (ast instanceof CelUnsupported) throw ast;
  const result = evaluate(ast, { self: value });
  if (typeof result !== 'boolean') throw new CelUnsupported('the rule does not give a bool');
  return result;
}
