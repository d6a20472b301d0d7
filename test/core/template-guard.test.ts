import { Aspects, TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import { escapeLiteralParts, escapeLiterals, TemplateLiteralGuard } from '../../lib/core/template-literal';
import { onlyResource, synth, testStack } from '../helpers';

// How literals reach Terraform, branch by branch (mutation testing, issue
// #19): what is copied and what is kept, keys and values, and the guard that
// wraps each resource's synthesis once.

describe('escapeLiterals', () => {
  it('escapes strings and keys at any depth and keeps everything else as it is', () => {
    const value = {
      plain: 'a {b}',
      nested: { list: [1, null, true, 'x ${y}', ['%{ if }'], { k: 'v' }], n: 3, u: undefined, z: null },
      'key ${k}': { inner: '${v}' },
      '%{d}': 5,
      '{brace}': 'ok',
    };
    expect(escapeLiterals(value)).toEqual({
      plain: 'a {b}',
      nested: { list: [1, null, true, 'x $${y}', ['%%{ if }'], { k: 'v' }], n: 3, u: undefined, z: null },
      'key $${k}': { inner: '$${v}' },
      '%%{d}': 5,
      '{brace}': 'ok',
    });
    // The original is never changed.
    expect(value.nested.list[3]).toBe('x ${y}');
    expect(Object.keys(value)).toEqual(['plain', 'nested', 'key ${k}', '%{d}', '{brace}']);
  });

  it('returns the very same objects and arrays when nothing in them needs escaping', () => {
    const inner = { a: [1, 'b', null, { c: 'd {e}' }], f: undefined };
    const value = { inner, g: 'h' };
    expect(escapeLiterals(value)).toBe(value);
    const list = ['a', inner, 2];
    expect(escapeLiterals(list)).toBe(list);
    // Only the changed branch is copied.
    const mixed = { same: inner, changed: { s: '${x}' } };
    const out = escapeLiterals(mixed);
    expect(out).not.toBe(mixed);
    expect(out.same).toBe(inner);
    expect(out.changed).toEqual({ s: '$${x}' });
    const arr = [inner, '${x}'];
    const outArr = escapeLiterals(arr);
    expect(outArr).toEqual([inner, '$${x}']);
    expect(outArr[0]).toBe(inner);
    expect(arr[1]).toBe('${x}');
  });

  it('passes scalars, class instances and tokens through', () => {
    class Holder { public readonly s = '${x}'; }
    const holder = new Holder();
    expect(escapeLiterals(holder)).toBe(holder);
    expect(escapeLiterals({ h: holder }).h).toBe(holder);
    expect([escapeLiterals(7), escapeLiterals(null), escapeLiterals(undefined), escapeLiterals(true)]).toEqual([7, null, undefined, true]);
    expect(escapeLiterals('${a}')).toBe('$${a}');
    const bare = Object.create(null) as Record<string, string>;
    bare.s = '${x}';
    expect(escapeLiterals(bare)).toBe(bare);
  });
});

describe('escapeLiteralParts', () => {
  it('leaves text without a brace alone and escapes literal text with one', () => {
    expect(escapeLiteralParts('$ and % alone')).toBe('$ and % alone');
    expect(escapeLiteralParts('${a} %{b}')).toBe('$${a} %%{b}');
  });

  it('escapes around tokens and refuses only a literal ${ left open before one', () => {
    const s = testStack();
    const v = new TerraformVariable(s, 'v', { type: 'string' }).stringValue;
    new TerraformOutput(s, 'closed', { value: escapeLiteralParts(`\${a} {b ${v} \${c`) });
    new TerraformOutput(s, 'brace', { value: escapeLiteralParts(`{ ${v} }`) });
    new TerraformOutput(s, 'two', { value: escapeLiteralParts(`${v}\${x}${v}`) });
    const outputs = JSON.parse(synth(s)).output;
    expect(outputs.closed.value).toBe('$${a} {b ${var.v} $${c');
    expect(outputs.brace.value).toBe('{ ${var.v} }');
    expect(outputs.two.value).toBe('${var.v}$${x}${var.v}');
    expect(() => escapeLiteralParts(`a \${ b ${v}`)).toThrow(`a literal '\${' before a Terraform reference is never closed, so cdktf would read them as one expression (got 'a \${ b ${v}')`);
    expect(() => escapeLiteralParts(`\${a} \${b ${v}`)).toThrow(/never closed/);
    expect(escapeLiteralParts(`%{ b ${v}`)).toContain('%%{ b ');
  });
});

describe('TemplateLiteralGuard', () => {
  it('is added once per construct however often it is asked for', () => {
    const s = testStack();
    const c = new Construct(s, 'C');
    TemplateLiteralGuard.protect(c);
    TemplateLiteralGuard.protect(c);
    expect(Aspects.of(c).all.filter((a) => a === TemplateLiteralGuard.INSTANCE)).toHaveLength(1);
    expect(Aspects.of(s).all).toHaveLength(0);
  });

  it('escapes the resources below a guarded construct, once, in JSON and in HCL, and names the resource when it cannot', () => {
    const s = testStack();
    const c = new Construct(s, 'C');
    TemplateLiteralGuard.protect(c);
    const p = new Policy(c, 'P', { name: 'p', policy: '# ${x}\n' });
    new Policy(new Construct(c, 'Deep'), 'Q', { name: 'q', policy: '%{y}' });
    new Policy(s, 'Outside', { name: 'o', policy: '${z}' });
    TemplateLiteralGuard.INSTANCE.wrap(p);
    TemplateLiteralGuard.INSTANCE.wrap(new TerraformOutput(c, 'O', { value: '${w}' }));
    const policies = JSON.parse(synth(s)).resource.vault_policy;
    expect(Object.values(policies).map((r) => (r as { policy: string }).policy).sort()).toEqual(['# $${x}\n', '${z}', '%%{y}'].sort());
    // The outside policy keeps its expression: only the library's own elements are guarded.
    expect((policies as Record<string, { name: string; policy: string }>)[Object.keys(policies).find((k) => policies[k].name === 'o')!].policy).toBe('${z}');
    // An output is not a resource: the guard leaves it alone.
    expect(Object.values(JSON.parse(synth(s)).output).map((o) => (o as { value: string }).value)).toEqual(['${w}']);
    const hcl = Testing.synthHcl(s);
    expect(hcl).toContain('policy = <<EOF\n# $${x}\n');
    expect(hcl).toContain('policy = "%%{y}"');

    const bad = testStack();
    const g = new Construct(bad, 'G');
    TemplateLiteralGuard.protect(g);
    const v = new TerraformVariable(bad, 'v', { type: 'string' }).stringValue;
    new Policy(g, 'Open', { name: 'x', policy: `\${ ${v}` });
    expect(() => synth(bad)).toThrow(/^'Test\/G\/Open': a literal '\$\{' before a Terraform reference is never closed/);
    expect(() => Testing.synthHcl(bad)).toThrow(/^'Test\/G\/Open': a literal/);
  });

  it('wraps a guarded construct\'s resources before an aspect of the stack reads them', () => {
    const s = testStack();
    const seen: unknown[] = [];
    Aspects.of(s).add({ visit: (n) => { if (n instanceof Policy) seen.push((n as unknown as { synthesizeAttributes(): { policy: string } }).synthesizeAttributes().policy); } });
    const c = new Construct(s, 'C');
    TemplateLiteralGuard.protect(c);
    new Policy(c, 'P', { name: 'p', policy: '${x}' });
    synth(s);
    expect(seen[0]).toBe('$${x}');
  });

  it('writes through a construct built by the library', () => {
    const s = testStack();
    const p = new Policy(s, 'P', { name: 'p', policy: '${x}' });
    TemplateLiteralGuard.INSTANCE.wrap(p);
    expect(onlyResource(s, 'vault_policy').policy).toBe('$${x}');
  });
});
