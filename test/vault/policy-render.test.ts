import { TerraformVariable } from 'cdktf';
import { isMountWidePath, PolicyRule, renderPolicyHcl, VAULT_CAPABILITIES, VaultPolicy, VaultPolicyProps } from '../../lib/vault/policy';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { grant } from '../../lib/vault/grant';
import { KvV2Mount } from '../../lib/vault/kv-v2';
import { Construct } from 'constructs';
import { onlyResource, resourcesOf, testStack, warningsOf } from '../helpers';

// What a VaultPolicy accepts, refuses and renders, at the edges of every
// pattern (mutation testing, issue #19). Rendered HCL is compared whole:
// it is what Vault enforces.

/** The error a policy with these props throws, or '' when it builds. */
function errorOf(props: Partial<VaultPolicyProps>): string {
  try {
    new VaultPolicy(testStack(), 'Policy', { policyName: 'p', ...props });
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
const rule = (path: string, extra: Partial<PolicyRule> = {}): PolicyRule => ({ path, capabilities: ['read'], ...extra });

describe('VaultPolicy names', () => {
  it.each(['p', '0', 'app_reader', 'team.a-b_c', 'a'.repeat(128), 'rooted', 'defaults'])('accepts %p', (policyName) => {
    expect(errorOf({ policyName })).toBe('');
  });
  it.each([
    ['_a', 'a leading underscore (start anchor)'],
    ['-a', 'a leading hyphen'],
    ['a"', 'a quote at the end (end anchor)'],
    ['a\nb', 'a line break'],
    ['Admins', 'capitals'],
    ['a b', 'a space'],
    ['a/b', 'a slash'],
    ['', 'nothing'],
    ['a'.repeat(129), '129 characters'],
    ['root', 'Vault\'s root policy'],
    ['default', 'Vault\'s default policy'],
  ])('rejects %p (%s) naming the rule', (policyName) => {
    expect(errorOf({ policyName })).toBe(`VaultPolicy 'Test/Policy': 'policyName' must be lowercase letters, digits, '_', '-' or '.', at most 128 characters, and not 'root' or 'default' (got ${JSON.stringify(policyName).replace(/^"|"$/g, "'").replace(/\\n/g, '\n').replace(/\\"/g, '"')})`);
  });
  it('passes a name known only at apply time', () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, 'Name', { type: 'string' }).stringValue;
    new VaultPolicy(stack, 'Policy', { policyName: name, rules: [rule('kv/data/a')] });
    expect(onlyResource(stack, 'vault_policy').name).toBe('${var.Name}');
  });
});

describe('VaultPolicy paths', () => {
  it('accepts every character the path pattern allows', () => {
    const path = 'Kv_9.a-b/+/{{identity.entity.id}}/x@y=z:w/*';
    expect(errorOf({ rules: [rule(path)] })).toBe('');
  });
  it.each([
    ['"kv/data/a', 'a quote at the start (start anchor)'],
    ['\nkv/data/a', 'a line break at the start'],
    ['kv/data/a"', 'a quote at the end (end anchor)'],
    ['kv/data/a\n', 'a line break at the end'],
    ['kv/data/a" {}\npath "*', 'an injected block'],
    ['kv/data/a b', 'a space'],
    ['kv/data/a\\b', 'a backslash'],
    ['kv/data/#', 'a hash'],
    ['/kv/data/a', 'a leading slash'],
    ['', 'nothing'],
  ])('rejects %p (%s)', (path) => {
    expect(errorOf({ rules: [rule(path)] })).toContain("'path' must be a non-empty Vault path without a leading '/' (letters, digits, '_-./*+{}@=:')");
  });

  it('refuses "*pki" even with allowWildcardPaths: Vault matches a star before the end literally', () => {
    expect(errorOf({ rules: [rule('*pki')], allowWildcardPaths: true })).toBe(
      "VaultPolicy 'Test/Policy': rule '*pki': 'path' must hold '*' only as its last character: Vault matches a '*' anywhere else literally; use '+' for one segment (got '*pki')");
  });
  it.each(['*', 'pki*', 'p+ki/issue/x', '+/creds/x', '+'])('refuses %p, a glob in the first segment, without allowWildcardPaths', (path) => {
    expect(errorOf({ rules: [rule(path)] })).toBe(
      `VaultPolicy 'Test/Policy': rule '${path}': 'path' is a glob across every mount; scope it to one mount or set allowWildcardPaths: true (got '${path}')`);
    expect(errorOf({ rules: [rule(path)], allowWildcardPaths: true })).toBe('');
  });
  it.each(['kv/*', 'kv/+/x', 'pki/issue/*', 'a/b+c'])('accepts %p, a glob inside one mount', (path) => {
    expect(isMountWidePath(path)).toBe(false);
    expect(errorOf({ rules: [rule(path)] })).toBe('');
  });
  it('lets a path known only at apply time through', () => {
    const stack = testStack();
    const path = new TerraformVariable(stack, 'Path', { type: 'string' }).stringValue;
    const policy = new VaultPolicy(stack, 'Policy', { policyName: 'p', rules: [rule(path), rule(`${path}*`), rule(`${path}+/x`)] });
    expect(policy.policyRules).toHaveLength(3);
  });
});

describe('VaultPolicy capabilities', () => {
  it('accepts each of Vault\'s ten capabilities', () => {
    expect([...VAULT_CAPABILITIES].sort()).toEqual(['create', 'delete', 'deny', 'list', 'patch', 'read', 'recover', 'subscribe', 'sudo', 'update']);
    for (const c of VAULT_CAPABILITIES) expect(errorOf({ rules: [{ path: 'kv/x', capabilities: [c] }], allowSudo: true })).toBe('');
  });
  it('rejects an unknown one, listing the allowed ones', () => {
    expect(errorOf({ rules: [{ path: 'kv/x', capabilities: ['read', 'write' as never] }] })).toBe(
      "VaultPolicy 'Test/Policy': rule 'kv/x': 'capabilities' must only hold create, read, update, patch, delete, list, sudo, deny, subscribe, recover (got 'write')");
  });
  it('refuses sudo without allowSudo, and takes it with', () => {
    expect(errorOf({ rules: [{ path: 'sys/raw', capabilities: ['read', 'sudo'] }] })).toBe(
      "VaultPolicy 'Test/Policy': rule 'sys/raw': 'capabilities' includes sudo; set allowSudo: true if a root-protected endpoint is really needed (got 'sudo')");
    expect(errorOf({ rules: [{ path: 'sys/raw', capabilities: ['read', 'sudo'] }], allowSudo: true })).toBe('');
  });
  it('warns about each opt-in, and only about the one taken', () => {
    const stack = testStack();
    const wild = new VaultPolicy(stack, 'Wild', { policyName: 'wild', allowWildcardPaths: true });
    const sudo = new VaultPolicy(stack, 'Sudo', { policyName: 'sudo', allowSudo: true });
    const plain = new VaultPolicy(stack, 'Plain', { policyName: 'plain' });
    expect(warningsOf(wild)).toEqual([expect.stringMatching(/^allowWildcardPaths: policy 'wild' may grant on mount-wide glob paths; scope rules to one mount/)]);
    expect(warningsOf(sudo)).toEqual([expect.stringMatching(/^allowSudo: policy 'sudo' may grant sudo on root-protected endpoints/)]);
    expect(warningsOf(plain)).toEqual([]);
  });
});

describe('VaultPolicy allowed_parameters', () => {
  it.each(['*', 'lease_id', 'a-b', 'A9'])('accepts the parameter name %p', (name) => {
    expect(errorOf({ rules: [rule('sys/leases/renew', { allowedParameters: { [name]: [] } })] })).toBe('');
  });
  it.each(['**', 'a*', ' lease_id', 'lease_id ', 'lease id', 'a"', 'a\n', ''])('rejects the parameter name %p', (name) => {
    expect(errorOf({ rules: [rule('sys/leases/renew', { allowedParameters: { [name]: [] } })] }))
      .toContain(`'allowedParameters' must have parameter names of letters, digits, '_' or '-', or '*' for any (got ${JSON.stringify(name).replace(/^"|"$/g, "'").replace(/\\n/g, '\n').replace(/\\"/g, '"')})`);
  });
  it.each(['', 'azure/creds/a/*', "it's {fine}: #1"])('accepts the value %p', (value) => {
    expect(errorOf({ rules: [rule('sys/leases/renew', { allowedParameters: { lease_id: [value] } })] })).toBe('');
  });
  it.each(['"', 'a"b', 'a\\b', 'a\nb', 'a\rb', '\n', 'ab"'])('rejects the value %p, which would break out of the HCL string', (value) => {
    expect(errorOf({ rules: [rule('sys/leases/renew', { allowedParameters: { lease_id: ['ok', value] } })] }))
      .toContain("'allowedParameters.lease_id' must hold values without quotes, backslashes or line breaks");
  });
});

describe('VaultPolicy rules', () => {
  it('renders the rules given at construction, in order, into the vault_policy', () => {
    const stack = testStack();
    new VaultPolicy(stack, 'Policy', { policyName: 'reader', rules: [rule('kv/data/a'), rule('kv/metadata/a', { capabilities: ['list', 'read'], comment: 'listing' })] });
    expect(onlyResource(stack, 'vault_policy')).toEqual(expect.objectContaining({
      name: 'reader',
      policy: 'path "kv/data/a" {\n  capabilities = ["read"]\n}\n\n# listing\npath "kv/metadata/a" {\n  capabilities = ["list", "read"]\n}\n',
    }));
  });

  it('validates a rule added later like one given at construction', () => {
    const policy = new VaultPolicy(testStack(), 'Policy', { policyName: 'p' });
    expect(() => policy.addRule(rule('*'))).toThrow(/^VaultPolicy 'Test\/Policy': rule '\*': 'path' is a glob across every mount/);
    expect(() => policy.addRule({ path: 'kv/x', capabilities: ['sudo'] })).toThrow(/'capabilities' includes sudo/);
    expect(policy.policyRules).toEqual([]);
  });

  it('merges capabilities of a second rule on one path without repeating any, keeping the first rule\'s place and comment', () => {
    const policy = new VaultPolicy(testStack(), 'Policy', { policyName: 'p', rules: [rule('kv/a', { comment: 'first' }), rule('kv/b')] });
    policy.addRule({ path: 'kv/a', capabilities: ['read', 'list'], comment: 'second' });
    expect(policy.policyRules).toEqual([{ path: 'kv/a', capabilities: ['read', 'list'], comment: 'first', allowedParameters: undefined }, rule('kv/b')]);
  });

  it('hands out a copy of its rules', () => {
    const policy = new VaultPolicy(testStack(), 'Policy', { policyName: 'p', rules: [rule('kv/a')] });
    (policy.policyRules as PolicyRule[]).push(rule('kv/b'));
    expect(policy.policyRules).toEqual([rule('kv/a')]);
  });

  it('renders a rule added after construction into the synthesized policy', () => {
    const stack = testStack();
    const policy = new VaultPolicy(stack, 'Policy', { policyName: 'p' });
    policy.addRule(rule('kv/data/late'));
    expect(onlyResource(stack, 'vault_policy').policy).toBe('path "kv/data/late" {\n  capabilities = ["read"]\n}\n');
  });

  describe('merging allowed_parameters of two rules on one path', () => {
    const merged = (a: PolicyRule['allowedParameters'], b: PolicyRule['allowedParameters']) => {
      const policy = new VaultPolicy(testStack(), 'Policy', { policyName: 'p', rules: [rule('sys/x', { allowedParameters: a })] });
      policy.addRule(rule('sys/x', { allowedParameters: b }));
      return policy.policyRules[0].allowedParameters;
    };
    it('drops the restriction when either rule has none', () => {
      expect(merged({ a: ['1'] }, undefined)).toBeUndefined();
      expect(merged(undefined, { a: ['1'] })).toBeUndefined();
    });
    it('keeps parameters only one rule names, and joins the values of the others', () => {
      expect(merged({ a: ['1'], b: ['x'] }, { a: ['2', '1'], c: ['y'] })).toEqual({ a: ['1', '2'], b: ['x'], c: ['y'] });
    });
    it('lets an empty list, any value, win on either side', () => {
      expect(merged({ a: [] }, { a: ['1'] })).toEqual({ a: [] });
      expect(merged({ a: ['1'] }, { a: [] })).toEqual({ a: [] });
    });
  });
});

describe('renderPolicyHcl', () => {
  it('renders nothing for no rules', () => {
    expect(renderPolicyHcl([])).toBe('');
  });
  it('renders one block per rule, separated by a blank line, with comment, capabilities and parameters', () => {
    expect(renderPolicyHcl([
      { path: 'sys/leases/renew', capabilities: ['update', 'read'], comment: 'renew own leases', allowedParameters: { lease_id: ['azure/creds/a/*', 'b'], increment: [] } },
      { path: 'kv/data/a', capabilities: ['read'], allowedParameters: {} },
    ])).toBe(
      '# renew own leases\n'
      + 'path "sys/leases/renew" {\n  capabilities = ["update", "read"]\n  allowed_parameters = {\n    "lease_id" = ["azure/creds/a/*", "b"]\n    "increment" = []\n  }\n}\n'
      + '\n'
      + 'path "kv/data/a" {\n  capabilities = ["read"]\n  allowed_parameters = {\n  }\n}\n');
  });
  it('writes no comment line for an empty comment', () => {
    expect(renderPolicyHcl([{ path: 'kv/a', capabilities: ['read'], comment: '' }])).toBe('path "kv/a" {\n  capabilities = ["read"]\n}\n');
  });
});

describe('VaultPolicy.fromPolicyName', () => {
  it('refers to a policy by name without creating one', () => {
    const stack = testStack();
    expect(VaultPolicy.fromPolicyName('default')).toEqual({ policyName: 'default' });
    expect(resourcesOf(stack, 'vault_policy')).toEqual([]);
  });
});

describe('grants', () => {
  const setup = (mountPath = 'eso', roleName = 'eso-vault') => {
    const stack = testStack();
    const kv = new KvV2Mount(stack, 'Kv', { path: mountPath });
    const role = new VaultK8sAuth(stack, 'Auth').addRole('Role', { roleName, serviceAccountNames: ['vault-auth'], namespaces: ['vault'] });
    return { stack, kv, role };
  };

  it('keeps the policy under the role, with an id of the grantor\'s id and the capitalised action', () => {
    const { kv, role } = setup();
    const policy = kv.grantRead(role, 'a');
    expect(policy.node.path).toBe(`${role.node.path}/KvReadPolicy`);
    expect(policy.node.scope).toBe(role);
  });

  it('names the policy <role>-<mount>-<action>, slashes as dashes, in lowercase', () => {
    const { stack, kv, role } = setup('Team/Apps/KV', 'ESO');
    expect(kv.grantRead(role, 'a').policyName).toBe('eso-team-apps-kv-read');
    expect(onlyResource(stack, 'vault_kubernetes_auth_backend_role').token_policies).toEqual(['eso-team-apps-kv-read']);
  });

  it('takes the policy name from the options', () => {
    const { kv, role } = setup();
    expect(kv.grantRead(role, 'a', { policyName: 'custom' }).policyName).toBe('custom');
  });

  it('passes a mount path known only at apply time through untouched', () => {
    const stack = testStack();
    const mount = new TerraformVariable(stack, 'Mount', { type: 'string' }).stringValue;
    const kv = new KvV2Mount(stack, 'Kv', { path: mount });
    const role = new VaultK8sAuth(stack, 'Auth').addRole('Role', { roleName: 'eso', serviceAccountNames: ['vault-auth'], namespaces: ['vault'] });
    kv.grantRead(role, 'a');
    expect(onlyResource(stack, 'vault_policy').name).toBe('eso-${var.Mount}-read');
  });

  it('orders nothing after a mount that lives outside the app', () => {
    const { stack, role } = setup();
    grant(role, { construct: new Construct(stack, 'External'), mountPath: 'ext' }, 'read', { path: 'ext/data/a', capabilities: ['read'] });
    expect(onlyResource(stack, 'vault_policy')).toEqual(expect.objectContaining({ name: 'eso-vault-ext-read' }));
    expect(onlyResource(stack, 'vault_policy').depends_on).toBeUndefined();
  });

  it('writes the policy after the mount it grants on', () => {
    const { stack, kv, role } = setup();
    kv.grantRead(role, 'a');
    expect(onlyResource(stack, 'vault_policy').depends_on).toEqual([expect.stringMatching(/^vault_mount\.Kv(_[0-9A-F]+)?$/)]);
  });
});
