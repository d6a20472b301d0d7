import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { isPolicyPath, PolicyRule, VaultPolicy, VaultPolicyProps } from '../../lib/vault/policy';
import { onlyResource, testStack, warningsOf } from '../helpers';

// The guards VaultPolicy adds around its rules (mutation testing, issue #19):
// names unique in a stack, paths Vault reads as written, writes on Vault's own
// configuration, and the rendered HCL read back before it is handed over.

const PREFIX = "VaultPolicy 'Test/Policy': ";

function errorOf(props: Partial<VaultPolicyProps>, stack: TerraformStack = testStack()): string {
  try {
    new VaultPolicy(stack, 'Policy', { policyName: 'p', ...props });
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
const rule = (path: string, ...capabilities: PolicyRule['capabilities']): PolicyRule => ({ path, capabilities: capabilities.length ? capabilities : ['read'] });

describe('VaultPolicy.fromPolicyName', () => {
  it.each(['default', 'team.a-b_c', 'a'.repeat(128)])('refers to %p', (name) => {
    expect(VaultPolicy.fromPolicyName(name)).toEqual({ policyName: name });
  });
  it.each(['root', 'Team', '-a', '', 'a b', 'a'.repeat(129)])('refuses %p', (name) => {
    expect(() => VaultPolicy.fromPolicyName(name)).toThrow(`VaultPolicy.fromPolicyName: 'policyName' must be an existing policy's name (lowercase letters, digits, '_', '-' or '.'), never 'root' (got '${name}')`);
  });
  it('passes a name known only at apply time', () => {
    const name = new TerraformVariable(testStack(), 'n', { type: 'string' }).stringValue;
    expect(VaultPolicy.fromPolicyName(name).policyName).toBe(name);
  });
});

describe('VaultPolicy names in a stack', () => {
  it('refuses a second policy of the same name in one stack, naming the first', () => {
    const stack = testStack();
    new VaultPolicy(new Construct(stack, 'Team'), 'First', { policyName: 'p', rules: [rule('kv/data/a')] });
    expect(errorOf({}, stack)).toBe(`${PREFIX}'policyName' must be unique in the stack: policy 'Test/Team/First' already has this name, and one would overwrite the other in Vault (got 'p')`);
    // The refused one took no name: a third is still compared with the first.
    expect(() => new VaultPolicy(stack, 'Third', { policyName: 'p' })).toThrow(/policy 'Test\/Team\/First' already has this name/);
    expect(new VaultPolicy(stack, 'Q', { policyName: 'q' }).policyName).toBe('q');
  });

  it('takes the same name in two stacks, and names known only at apply time twice', () => {
    const a = testStack('A');
    const b = new TerraformStack(a.node.scope as Construct, 'B');
    new VaultPolicy(a, 'P', { policyName: 'p' });
    new VaultPolicy(b, 'P', { policyName: 'p' });
    const name = new TerraformVariable(a, 'n', { type: 'string' }).stringValue;
    new VaultPolicy(a, 'T1', { policyName: name });
    new VaultPolicy(a, 'T2', { policyName: name });
    expect(a.node.findAll().filter((c) => c instanceof VaultPolicy).map((p) => (p as VaultPolicy).node.path)).toEqual(['A/P', 'A/T1', 'A/T2']);
  });
});

describe('VaultPolicy paths Vault reads as written', () => {
  it.each(['kv/data/a', 'kv/data/', 'a', 'kv/+/x', 'kv/*', 'a.b/c..d/.e'])('accepts %p', (path) => {
    expect(isPolicyPath(path)).toBe(true);
    expect(errorOf({ rules: [rule(path)] })).toBe('');
  });
  it.each(['a//b', 'a/./b', 'a/../b', '.', '..', './a', 'a/..', 'a/.', '../a', 'a//'])('refuses %p, whose segments Vault would read otherwise', (path) => {
    expect(isPolicyPath(path)).toBe(false);
    expect(errorOf({ rules: [rule(path)] })).toBe(`${PREFIX}rule '${path}': 'path' must not hold empty, '.' or '..' segments: Vault would match another path than the one written (got '${path}')`);
  });
  it.each(['/a', 'a b', 'a"b', 'a\nb'])('refuses %p for its characters, with one message only', (path) => {
    expect(isPolicyPath(path)).toBe(false);
    expect(errorOf({ rules: [rule(path)] })).toBe(`${PREFIX}rule '${path}': 'path' must be a non-empty Vault path without a leading '/' (letters, digits, '_-./*+{}@=:') (got '${path}')`);
  });
  it('refuses an empty path, which also reaches every mount', () => {
    expect(isPolicyPath('')).toBe(false);
    expect(errorOf({ rules: [rule('')] }).split('\n')).toEqual([
      `${PREFIX}rule '': 'path' must be a non-empty Vault path without a leading '/' (letters, digits, '_-./*+{}@=:') (got '')`,
      `${PREFIX}rule '': 'path' is a glob across every mount; scope it to one mount or set allowWildcardPaths: true (got '')`,
    ]);
  });
  it('refuses a star before the end', () => {
    expect(errorOf({ rules: [rule('kv/*/x')] })).toBe(`${PREFIX}rule 'kv/*/x': 'path' must hold '*' only as its last character: Vault matches a '*' anywhere else literally; use '+' for one segment (got 'kv/*/x')`);
  });
});

describe('VaultPolicy writes on Vault\'s own configuration', () => {
  it('refuses a root-equivalent write without allowPrivilegedPaths, naming what it reaches', () => {
    expect(errorOf({ rules: [rule('sys/policies/acl/admin', 'update', 'read')] })).toBe(
      `${PREFIX}rule 'sys/policies/acl/admin': 'capabilities' grants update on "sys/policies/acl/admin", which reaches sys/policies/acl/*: a token that can write there can grant itself anything (root-equivalent); set allowPrivilegedPaths: true if this policy really administers Vault (got ["update","read"])`);
  });
  it('refuses a privileged write, and takes both with the opt-in and its warning', () => {
    expect(errorOf({ rules: [rule('sys/mounts/kv', 'create')] })).toBe(
      `${PREFIX}rule 'sys/mounts/kv': 'capabilities' grants create on "sys/mounts/kv", Vault's own configuration; set allowPrivilegedPaths: true if this policy really administers Vault (got ["create"])`);
    const stack = testStack();
    const p = new VaultPolicy(stack, 'Policy', { policyName: 'admin', allowPrivilegedPaths: true, rules: [rule('sys/mounts/kv', 'create'), rule('sys/auth/jwt', 'update')] });
    expect(p.policyRules.map((r) => r.path)).toEqual(['sys/mounts/kv', 'sys/auth/jwt']);
    expect(warningsOf(stack)).toEqual(["allowPrivilegedPaths: policy 'admin' may write Vault's own configuration (sys/, auth/, identity/), up to rewriting policies"]);
  });
  it('lets reads and self-service writes through without the opt-in', () => {
    expect(errorOf({ rules: [rule('sys/mounts'), rule('sys/leases/renew', 'update'), rule('auth/token/renew-self', 'update')] })).toBe('');
  });
  it('leaves a mount-wide glob to its own opt-in', () => {
    expect(errorOf({ allowWildcardPaths: true, rules: [rule('*', 'update')] })).toBe('');
    expect(errorOf({ rules: [rule('*', 'update')] })).toBe(`${PREFIX}rule '*': 'path' is a glob across every mount; scope it to one mount or set allowWildcardPaths: true (got '*')`);
  });
  it('judges a rule added later the same way', () => {
    const p = new VaultPolicy(testStack(), 'Policy', { policyName: 'p' });
    expect(() => p.addRule(rule('identity/group/admins', 'update'))).toThrow(/^VaultPolicy 'Test\/Policy': rule 'identity\/group\/admins': 'capabilities' grants update on "identity\/group\/admins", which reaches identity\/group\/\*/);
    expect(p.policyRules).toEqual([]);
  });
});

describe('VaultPolicy capabilities and parameters known only at apply time', () => {
  it('passes a capability list, an element and parameter values it cannot read', () => {
    const stack = testStack();
    const caps = new TerraformVariable(stack, 'caps', { type: 'list(string)' }).listValue;
    const values = new TerraformVariable(stack, 'vals', { type: 'list(string)' }).listValue;
    const cap = new TerraformVariable(stack, 'cap', { type: 'string' }).stringValue;
    const p = new VaultPolicy(stack, 'Policy', { policyName: 'p', rules: [
      { path: 'kv/data/a', capabilities: caps as PolicyRule['capabilities'] },
      { path: 'kv/data/b', capabilities: ['read', cap as 'read'], allowedParameters: { k: values } },
    ] });
    expect(Token.isUnresolved(p.resource.policy)).toBe(true);
    expect(onlyResource(stack, 'vault_policy').policy).toBe([
      'path "kv/data/a" {\n  capabilities = ${jsonencode(var.caps)}\n}\n',
      'path "kv/data/b" {\n  capabilities = ["read", ${jsonencode(var.cap)}]\n  allowed_parameters = {\n    "k" = ${jsonencode(var.vals)}\n  }\n}\n',
    ].join('\n'));
  });
});

describe('VaultPolicy reads its HCL back', () => {
  const withHcl = (hcl: string) => class extends VaultPolicy {
    public renderHcl(): string { return hcl; }
  };
  it.each([
    ['a syntax error', 'path "kv/data/a" {', /\(expected "}", got|\(unexpected end/],
    ['another path', 'path "kv/data/b" { capabilities = ["read"] }', /\(different paths or capabilities\)$/],
    ['more capabilities', 'path "kv/data/a" { capabilities = ["read", "sudo"] }', /\(different paths or capabilities\)$/],
    ['fewer capabilities', 'path "kv/data/a" { capabilities = [] }', /\(different paths or capabilities\)$/],
    ['an extra path', 'path "kv/data/a" { capabilities = ["read"] }\npath "sys/raw" { capabilities = ["update"] }', /\(different paths or capabilities\)$/],
    ['no path', '', /\(different paths or capabilities\)$/],
  ])('refuses HCL that holds %s', (_what, hcl, why) => {
    const Broken = withHcl(hcl);
    expect(() => new Broken(testStack(), 'Policy', { policyName: 'p', rules: [rule('kv/data/a')] }))
      .toThrow(new RegExp(`^VaultPolicy 'Test/Policy': the rendered policy does not read back as its rules ${why.source.replace(/^\\\(/, '\\(')}`));
  });
  it('takes HCL that grants the same in another layout, and merges repeated rules as Vault does', () => {
    const Same = withHcl('path "kv/data/a" {\n capabilities = ["list"]\n}\npath "kv/data/a" { capabilities = ["read"] }');
    const p = new Same(testStack(), 'Policy', { policyName: 'p', rules: [rule('kv/data/a', 'read'), rule('kv/data/a', 'list')] });
    expect(p.policyRules).toHaveLength(2);
    const Empty = withHcl('# nothing');
    expect(new Empty(testStack(), 'Policy', { policyName: 'p' }).policyRules).toEqual([]);
  });
  it('checks the HCL again after addRule', () => {
    const Fixed = withHcl('path "kv/data/a" { capabilities = ["read"] }');
    const p = new Fixed(testStack(), 'Policy', { policyName: 'p', rules: [rule('kv/data/a')] });
    expect(() => p.addRule(rule('kv/data/b'))).toThrow(/does not read back as its rules \(different paths or capabilities\)/);
  });
});
