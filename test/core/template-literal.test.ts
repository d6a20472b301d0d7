import { TerraformVariable } from 'cdktf';
import { escapeLiteralParts, escapeTemplate, unescapeTemplate } from '../../lib/core/template-literal';
import { WorkloadApplication } from '../../lib/entra/workload-application';
import { VaultPolicy } from '../../lib/vault/policy';
import { onlyResource, synth, testStack } from '../helpers';

describe('template literals', () => {
  it('escapes ${ and %{ so Terraform reads them as text', () => {
    expect(escapeTemplate('a ${file("/etc/hostname")} %{ if true }b')).toBe('a $${file("/etc/hostname")} %%{ if true }b');
    expect(unescapeTemplate(escapeTemplate('$${x} %%{y}'))).toBe('$${x} %%{y}');
    expect(unescapeTemplate('${var.x}')).toBeUndefined();
  });

  it('reads a template with real interpolations as the known text around a placeholder', () => {
    expect(unescapeTemplate('a ${var.x} b', '?')).toBe('a ? b');
    // The placeholder covers the whole interpolation, nested braces included.
    expect(unescapeTemplate('p/${merge({a = {b = 1}}, {})}/q', '?')).toBe('p/?/q');
    expect(unescapeTemplate('%{ if x }y%{ endif }!', '?')).toBe('?y?!');
    // Escaped markers next to a real one stay text; an unclosed one runs to the end.
    expect(unescapeTemplate('$${a}${b}%%{c}', '?')).toBe('${a}?%{c}');
    expect(unescapeTemplate('x ${open', '?')).toBe('x ?');
    expect(unescapeTemplate('$ {x} % {y} {z} $', '?')).toBe('$ {x} % {y} {z} $');
    expect(unescapeTemplate('$${a}${b}')).toBeUndefined();
    expect(unescapeTemplate('%{b}')).toBeUndefined();
    expect(unescapeTemplate('$${a}')).toBe('${a}');
    // Only '$' and '%' escape: any other doubled character before '{' is text.
    expect(unescapeTemplate('xx{y} $ {z}')).toBe('xx{y} $ {z}');
    expect(unescapeTemplate('xx{y}', '?')).toBe('xx{y}');
  });

  it('keeps tokens in mixed strings and escapes the text around them', () => {
    const s = testStack();
    const v = new TerraformVariable(s, 'v', { type: 'string' });
    new WorkloadApplication(s, 'App', { displayName: `app \${file("/x")} ${v.stringValue}` });
    expect(onlyResource(s, 'azuread_application').display_name).toBe('app $${file("/x")} ${var.v}');
  });

  it('refuses a literal ${ left open before a token', () => {
    const s = testStack();
    const v = new TerraformVariable(s, 'v', { type: 'string' });
    expect(() => escapeLiteralParts(`\${${v.stringValue}}`)).toThrow(/never closed/);
  });

  it('writes a policy comment with a template as a literal', () => {
    const s = testStack();
    new VaultPolicy(s, 'P', { policyName: 'p', rules: [{ path: 'kv/data/x', capabilities: ['read'], comment: '${file("/etc/hostname")}' }] });
    expect(synth(s)).toContain('# $${file(\\"/etc/hostname\\")}');
  });
});
