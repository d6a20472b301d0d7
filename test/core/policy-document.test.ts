import fc from 'fast-check';
import { TerraformVariable } from 'cdktf';
import { parsePolicy, policyRuleRisks, renderPolicyHcl, RenderableRule } from '../../lib/core/policy-document';
import { escapeLiteralParts, escapeTemplate, unescapeTemplate } from '../../lib/core/template-literal';
import { readTemplate } from '../../lib/checks/private/template';
import { WorkloadApplication } from '../../lib/entra/workload-application';
import { VaultPolicy } from '../../lib/vault/policy';
import { onlyResource, testStack } from '../helpers';

const CAPS = ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny', 'subscribe', 'recover'];

describe('policy parser', () => {
  const rulesOf = (text: string) => parsePolicy(text).rules;

  it.each([
    ['HCL', 'path "kv/data/x" {\n  capabilities = ["read"]\n}\n'],
    ['JSON', '{"path": {"kv/data/x": {"capabilities": ["read"]}}}'],
    ['JSON with a list of objects', '{"path": [{"kv/data/x": {"capabilities": ["read"]}}]}'],
    ['a quoted key', '"path" "kv/data/x" { capabilities = ["read"] }'],
    ['a capitalised key, as HCL matches keys', 'PATH "kv/data/x" { capabilities = ["read"] }'],
    ['block and line comments', '/* path "*" { capabilities = ["sudo"] } */\n// x\npath "kv/data/x" { # y\n capabilities = ["read"] }'],
    ['a heredoc-free body with commas', 'path "kv/data/x" { capabilities = ["read",], }'],
    ['the old policy field', 'path "kv/data/x" { policy = "read" }'],
  ])('reads %s as Vault does', (_what, text) => {
    expect(rulesOf(text)?.[0]).toMatchObject({ path: 'kv/data/x', capabilities: expect.arrayContaining(['read']) });
  });

  it('sees sudo after a nested block', () => {
    const rules = rulesOf('path "kv/data/x" {\n  allowed_parameters = { "a" = [] }\n  capabilities = ["read", "sudo"]\n}');
    expect(rules?.[0].capabilities).toEqual(['read', 'sudo']);
  });

  it('merges a path written twice, as Vault merges it', () => {
    expect(rulesOf('path "a/b" { capabilities = ["read"] }\npath "a/b" { capabilities = ["update"] }')).toEqual([{ path: 'a/b', capabilities: ['read', 'update'] }]);
  });

  it('maps old-style write to what Vault grants for it', () => {
    expect(rulesOf('path "a/b" { policy = "sudo" }')?.[0].capabilities).toContain('sudo');
  });

  it('reports text Vault would refuse', () => {
    expect(parsePolicy('path "a" { capabilities = ["read"]').error).toMatch(/expected/);
    expect(parsePolicy('path "a\n" {}').error).toMatch(/line break/);
  });

  it('judges writes on sys/policies/acl as root-equivalent, through globs too', () => {
    for (const path of ['sys/policies/acl/admin', 'sys/policies/acl/*', 'sys/pol*', 'sys/+/acl/x', 'sys/policy/admin', 'sys/auth/jwt']) {
      expect(policyRuleRisks({ path, capabilities: ['update'] }).map((r) => r.kind)).toContain('root-equivalent');
    }
    expect(policyRuleRisks({ path: 'sys/policies/acl/admin', capabilities: ['read'] })).toEqual([]);
    expect(policyRuleRisks({ path: 'sys/leases/renew', capabilities: ['update'] })).toEqual([]);
    expect(policyRuleRisks({ path: 'sys/leases/revoke/azure/creds/r/*', capabilities: ['update'] })).toEqual([]);
    expect(policyRuleRisks({ path: 'sys/mounts/kv', capabilities: ['create'] }).map((r) => r.kind)).toEqual(['privileged-write']);
    expect(policyRuleRisks({ path: 'auth/kubernetes/login', capabilities: ['update'] })).toEqual([]);
    expect(policyRuleRisks({ path: 'auth/*', capabilities: ['update'] }).map((r) => r.kind)).toEqual(['root-equivalent']);
    expect(policyRuleRisks({ path: 'auth/kubernetes/role/x', capabilities: ['create'] }).map((r) => r.kind)).toEqual(['privileged-write']);
  });
});

// Any text, including line breaks, quotes, `}` and template markers.
const text = fc.string({ unit: 'binary', maxLength: 40 });
const pathArb = fc.stringMatching(/^[a-z0-9_.=:@{}-]{1,8}(\/[a-z0-9_.=:@{}-]{1,8}){0,3}(\/\*|\*)?$/).filter((p) => !p.split('/').some((s) => s === '.' || s === '..'));
const ruleArb: fc.Arbitrary<RenderableRule> = fc.record({
  path: pathArb,
  capabilities: fc.uniqueArray(fc.constantFrom(...CAPS), { minLength: 1 }),
  allowedParameters: fc.option(fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/), fc.array(text, { maxLength: 3 })), { nil: undefined }),
  comment: fc.option(text, { nil: undefined }),
});

describe('policy rendering (property)', () => {
  it('parses back to exactly the rules it was given, whatever the comments and values hold', () => {
    fc.assert(fc.property(fc.uniqueArray(ruleArb, { selector: (r) => r.path, maxLength: 5 }), (rules) => {
      const parsed = parsePolicy(renderPolicyHcl(rules));
      expect(parsed.error).toBeUndefined();
      expect(parsed.rules).toEqual(rules.map((r) => ({
        path: r.path, capabilities: [...r.capabilities], ...(r.allowedParameters ? { allowedParameters: r.allowedParameters } : {}),
      })));
    }), { numRuns: 300 });
  });
});

describe('template escaping (property)', () => {
  it('gives Terraform back exactly the literal, and never a template', () => {
    fc.assert(fc.property(text, (s) => {
      const escaped = escapeTemplate(s);
      expect(unescapeTemplate(escaped)).toBe(s);
      expect(readTemplate(escaped)?.expressions).toEqual([]);
    }), { numRuns: 1000 });
  });

  it('keeps a token in a mixed string and escapes the text around it', () => {
    const s = testStack();
    const token = new TerraformVariable(s, 'v', { type: 'string' }).stringValue;
    fc.assert(fc.property(text, text, (a, b) => {
      let out: string;
      try {
        out = escapeLiteralParts(`${a}${token}${b}`);
      } catch {
        // Refused: a literal `${` left open before the token. Nothing reaches the JSON.
        return;
      }
      expect(out).toBe(`${escapeTemplate(a)}${token}${escapeTemplate(b)}`);
    }), { numRuns: 500 });
  });

  it('writes every policy comment into cdk.tf.json as a literal', () => {
    fc.assert(fc.property(text, (comment) => {
      const s = testStack();
      new VaultPolicy(s, 'P', { policyName: 'p', rules: [{ path: 'kv/data/x', capabilities: ['read'], comment }] });
      const policy = onlyResource(s, 'vault_policy').policy as string;
      const read = readTemplate(policy);
      expect(read?.expressions).toEqual([]);
      expect(parsePolicy(read!.known).rules).toEqual([{ path: 'kv/data/x', capabilities: ['read'] }]);
    }), { numRuns: 60 });
  });

  it('writes every display name into cdk.tf.json as exactly the text given', () => {
    // Display names as WorkloadApplication takes them: 1-120 characters, no space at either end.
    const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((x) => /^\S(.{0,118}\S)?$/.test(x));
    fc.assert(fc.property(name, (displayName) => {
      const s = testStack();
      new WorkloadApplication(s, 'App', { displayName });
      const written = onlyResource(s, 'azuread_application').display_name as string;
      expect(readTemplate(written)?.expressions).toEqual([]);
      expect(unescapeTemplate(written)).toBe(displayName);
    }), { numRuns: 60 });
  });
});
