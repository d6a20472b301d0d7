import { DataVaultPolicyDocument } from '@cdktf/provider-vault/lib/data-vault-policy-document';
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Mount } from '@cdktf/provider-vault/lib/mount';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ALL_RULES, ElementView, Rule, SecurityChecks, suppressRule } from '../../../lib/checks';
import { VaultPolicy } from '../../../lib/vault/policy';
import { synth, testApp, testStack } from '../../helpers';
import { judge } from './judge';

// How the pack turns rule results into findings and annotations: levels,
// failOnError, where findings land, suppressions, and what a rule sees.

const ADMIN = 'path "*" {\n  capabilities = ["read"]\n}\n';
const adminPolicy = (s: Construct, id = 'Raw') => new Policy(s, id, { name: 'admin', policy: ADMIN });
/** A role with no audience: one warning-level finding (VP-AUTH-2) and nothing else. */
const noAudienceRole = (s: Construct) => new KubernetesAuthBackendRole(s, 'Role', { roleName: 'app', boundServiceAccountNames: ['app'], boundServiceAccountNamespaces: ['apps'], tokenTtl: 3600 });

function annotations(scope: IConstruct, type: '@cdktf/warn' | '@cdktf/error'): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === type).map((m) => String(m.data)));
}

describe('SecurityChecks findings', () => {
  it('writes [id] summary: detail. why', () => {
    const [finding] = judge((s) => adminPolicy(s));
    const rule = ALL_RULES.find((r) => r.id === 'VP-POL-1')!;
    expect(finding.message).toBe(`[VP-POL-1] ${rule.summary}: policy 'admin' has path "*". ${rule.why}`);
  });

  it('gives every rule an id, a level, a one-line summary and a why that is a sentence', () => {
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^VP-[A-Z]+-\d+$/);
      expect(['error', 'warning']).toContain(rule.level);
      expect(rule.summary).toMatch(/^[A-Z][^\n]{15,}[^.]$/);
      expect(rule.why).toMatch(/^[A-Z][^\n]{20,}\.$/);
      expect(rule.appliesTo.length).toBeGreaterThan(0);
      for (const type of rule.appliesTo) expect(type).toMatch(/^(output|provider\.[a-z]+|[a-z]+(_[a-z0-9]+)+)$/);
    }
  });

  it('records the level of the rule', () => {
    expect(judge((s) => { adminPolicy(s); noAudienceRole(s); }).map((f) => [f.ruleId, f.level])).toEqual([['VP-POL-1', 'error'], ['VP-AUTH-2', 'warning']]);
  });

  it('lands on the library construct owning a Resource, and on a raw element itself', () => {
    const found = judge((s) => {
      new VaultPolicy(s, 'Lib', { policyName: 'lib', allowWildcardPaths: true, rules: [{ path: '*', capabilities: ['read'] }] });
      adminPolicy(new Construct(s, 'Team'));
      adminPolicy(new Construct(s, 'Other'), 'Resource2');
    });
    expect(found.map((f) => f.path)).toEqual(['Test/Lib', 'Test/Team/Raw', 'Test/Other/Resource2']);
  });

  it('judges each element once, however often the stack synthesizes', () => {
    const stack = testStack();
    adminPolicy(stack);
    const checks = SecurityChecks.applyTo(stack);
    synth(stack);
    synth(stack);
    expect(checks.findings).toHaveLength(1);
    expect(annotations(stack, '@cdktf/warn')).toHaveLength(1);
  });
});

describe('SecurityChecks levels and failOnError', () => {
  it('annotates every finding as a warning by default, errors included', () => {
    const stack = testStack();
    adminPolicy(stack);
    noAudienceRole(stack);
    SecurityChecks.applyTo(stack);
    synth(stack);
    expect(annotations(stack, '@cdktf/error')).toEqual([]);
    expect(annotations(stack, '@cdktf/warn')).toEqual([expect.stringMatching(/^\[VP-POL-1\]/), expect.stringMatching(/^\[VP-AUTH-2\]/)]);
  });

  it('with failOnError, annotates error-level findings as errors, which fail the synth', () => {
    const app = testApp();
    const stack = new TerraformStack(app, 'Test');
    new VaultProvider(stack, 'vault', {});
    adminPolicy(stack);
    noAudienceRole(stack);
    SecurityChecks.applyTo(app, { failOnError: true });
    expect(() => app.synth()).toThrow(/\[VP-POL-1\]/);
    expect(annotations(stack, '@cdktf/error')).toEqual([expect.stringMatching(/^\[VP-POL-1\]/)]);
    expect(annotations(stack, '@cdktf/warn')).toEqual([expect.stringMatching(/^\[VP-AUTH-2\]/)]);
  });

  it('with failOnError, keeps warning-level findings as warnings: they never fail the synth', () => {
    const app = testApp();
    const stack = new TerraformStack(app, 'Test');
    new VaultProvider(stack, 'vault', {});
    noAudienceRole(stack);
    const checks = SecurityChecks.applyTo(app, { failOnError: true });
    expect(() => app.synth()).not.toThrow();
    expect(checks.findings.map((f) => [f.ruleId, f.level])).toEqual([['VP-AUTH-2', 'warning']]);
    expect(annotations(stack, '@cdktf/warn')).toEqual([expect.stringMatching(/^\[VP-AUTH-2\] Kubernetes auth role sets no audience: role 'app' has no audience\./)]);
    expect(annotations(stack, '@cdktf/error')).toEqual([]);
  });
});

describe('SecurityChecks.applyTo', () => {
  it('covers every stack of the app with one pack', () => {
    const app = testApp();
    const a = new TerraformStack(app, 'A');
    const b = new TerraformStack(app, 'B');
    adminPolicy(a);
    noAudienceRole(b);
    const checks = SecurityChecks.applyTo(app);
    Testing.synth(a);
    Testing.synth(b);
    expect(checks.findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual(['A/Raw VP-POL-1', 'B/Role VP-AUTH-2']);
  });
});

describe('SecurityChecks suppressions', () => {
  it('keeps a suppressed finding with its reason, unannotated and out of unsuppressed', () => {
    const stack = testStack();
    const scope = new Construct(stack, 'BreakGlass');
    adminPolicy(scope);
    noAudienceRole(stack);
    suppressRule(scope, 'VP-POL-1', 'break-glass admin policy, sealed away');
    const checks = SecurityChecks.applyTo(stack, { failOnError: true });
    synth(stack);
    expect(checks.findings).toEqual([
      expect.objectContaining({ ruleId: 'VP-POL-1', path: 'Test/BreakGlass/Raw', suppressedBecause: 'break-glass admin policy, sealed away' }),
      expect.objectContaining({ ruleId: 'VP-AUTH-2', path: 'Test/Role', suppressedBecause: undefined }),
    ]);
    expect(checks.unsuppressed.map((f) => f.ruleId)).toEqual(['VP-AUTH-2']);
    expect(annotations(stack, '@cdktf/error')).toEqual([]);
    expect(annotations(stack, '@cdktf/warn')).toEqual([expect.stringMatching(/^\[VP-AUTH-2\]/)]);
  });
});

describe('SecurityChecks rules and what they see', () => {
  /** A rule that records what it is shown and reports `detail` for each element. */
  const spy = (id: string, appliesTo: string[], seen: ElementView[], level: Rule['level'] = 'warning'): Rule => ({
    id, level, summary: `Spy ${id}`, why: 'Test.', appliesTo,
    check: (view) => {
      seen.push(view);
      return [`saw ${view.type}`];
    },
  });

  it('runs only the given rules, every rule on a type it applies to', () => {
    const a: ElementView[] = [];
    const b: ElementView[] = [];
    const stack = testStack();
    adminPolicy(stack);
    const checks = SecurityChecks.applyTo(stack, { rules: [spy('T-1', ['vault_policy'], a), spy('T-2', ['vault_mount', 'vault_policy'], b, 'error')] });
    synth(stack);
    expect(checks.findings.map((f) => [f.ruleId, f.level, f.message])).toEqual([
      ['T-1', 'warning', '[T-1] Spy T-1: saw vault_policy. Test.'],
      ['T-2', 'error', '[T-2] Spy T-2: saw vault_policy. Test.'],
    ]);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
  });

  it('shows resources, data sources, outputs and providers resolved, references as ${...}', () => {
    const seen: ElementView[] = [];
    const stack = testStack();
    const provider = new VaultProvider(stack, 'vault', { alias: 'lab', address: 'https://vault:8200' });
    const mount = new Mount(stack, 'Kv', { path: 'kv', type: 'kv' });
    const doc = new DataVaultPolicyDocument(stack, 'Doc', { rule: [{ path: `${mount.path}/data/*`, capabilities: ['read'] }] });
    const out = new TerraformOutput(stack, 'MountPath', { value: mount.path });
    SecurityChecks.applyTo(stack, { rules: [spy('T-1', ['vault_mount', 'vault_policy_document', 'output', 'provider.vault'], seen)] });
    synth(stack);
    const byType = Object.fromEntries(seen.map((v) => [v.type, v]));
    expect(Object.keys(byType).sort()).toEqual(['output', 'provider.vault', 'vault_mount', 'vault_policy_document']);
    expect(byType.vault_mount).toEqual(expect.objectContaining({ kind: 'resource', config: expect.objectContaining({ path: 'kv', type: 'kv' }), construct: mount, node: mount }));
    expect(byType.vault_policy_document).toEqual(expect.objectContaining({ kind: 'data', node: doc }));
    expect(byType.vault_policy_document.config.rule[0].path).toMatch(/^\$\{vault_mount\.Kv[\w]*\.path\}\/data\/\*$/);
    expect(byType.output).toEqual(expect.objectContaining({ kind: 'output', node: out, config: expect.objectContaining({ value: expect.stringMatching(/^\$\{vault_mount\.Kv[\w]*\.path\}$/) }) }));
    expect(byType['provider.vault']).toEqual(expect.objectContaining({ kind: 'provider', node: provider, construct: provider, config: expect.objectContaining({ alias: 'lab', address: 'https://vault:8200' }) }));
  });

  it('shows a library construct\'s Resource with the library construct to report on', () => {
    const seen: ElementView[] = [];
    const stack = testStack();
    const lib = new VaultPolicy(stack, 'Lib', { policyName: 'lib', rules: [{ path: 'kv/data/a', capabilities: ['read'] }] });
    SecurityChecks.applyTo(stack, { rules: [spy('T-1', ['vault_policy'], seen)] });
    synth(stack);
    expect(seen).toEqual([expect.objectContaining({ construct: lib, node: lib.resource, config: expect.objectContaining({ name: 'lib' }) })]);
  });
});
