import { ApplicationPasswordA as ApplicationPassword, ApplicationPasswordAConfig } from '@cdktf/provider-azuread/lib/application-password';
import { ServicePrincipalPassword } from '@cdktf/provider-azuread/lib/service-principal-password';
import { KeyVault, KeyVaultConfig } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey, KeyVaultKeyConfig } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release, ReleaseConfig } from '@cdktf/provider-helm/lib/release';
import { ConfigMap } from '@cdktf/provider-kubernetes/lib/config-map';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { ConfigMapV1Data } from '@cdktf/provider-kubernetes/lib/config-map-v1-data';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { AzureSecretBackend, AzureSecretBackendConfig } from '@cdktf/provider-vault/lib/azure-secret-backend';
import { AzureSecretBackendRole, AzureSecretBackendRoleConfig } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import { DataVaultPolicyDocument } from '@cdktf/provider-vault/lib/data-vault-policy-document';
import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { KubernetesAuthBackendRole, KubernetesAuthBackendRoleConfig } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Mount } from '@cdktf/provider-vault/lib/mount';
import { PkiSecretBackendRole, PkiSecretBackendRoleConfig } from '@cdktf/provider-vault/lib/pki-secret-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { Token as VaultToken } from '@cdktf/provider-vault/lib/token';
import { Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ALL_RULES, ElementView, Rule, SecurityChecks, SecurityChecksProps, suppressRule } from '../../lib/checks';
import { AutoUnsealKeyVault } from '../../lib/keyvault/auto-unseal-key-vault';
import { VaultPolicy } from '../../lib/vault/policy';
import { synth, testApp, testStack } from '../helpers';
import { jwtRole } from './ci-rule-cases';

// Behaviour of the rule pack (issue #19): for every rule, fire and quiet
// cases of every branch, each checking the level, the construct the finding
// lands on and what the message names; then how the engine turns rule
// results into findings and annotations. One file on purpose: mutation
// testing loads every test file that imports the pack for every mutant, and
// each file costs a fresh load of cdktf and the providers.

/** A finding as the rule-behaviour tests read it. */
interface Judged {
  readonly ruleId: string;
  readonly level: string;
  /** Path of the construct the finding lands on. */
  readonly path: string;
  readonly message: string;
}

/**
 * Builds a stack, runs the rule pack over it the way users do
 * (`SecurityChecks.applyTo`), and returns its unsuppressed findings. The one
 * place these tests read findings from, should their shape change.
 */
function judge(build: (stack: TerraformStack) => void, props: SecurityChecksProps = {}): Judged[] {
  const stack = testStack();
  build(stack);
  const checks = SecurityChecks.applyTo(stack, props);
  synth(stack);
  return checks.unsuppressed.map(({ ruleId, level, path, message }) => ({ ruleId, level, path, message }));
}

/** The findings of one rule. */
function findingsOf(ruleId: string, build: (stack: TerraformStack) => void): Judged[] {
  return judge(build).filter((f) => f.ruleId === ruleId);
}

/**
 * Expects exactly the given findings of `ruleId`: each at `level`, on the
 * construct at `path`, with a message holding the rule id and `detail`.
 */
function expectFindings(ruleId: string, level: 'error' | 'warning', build: (stack: TerraformStack) => void, expected: Array<[path: string, detail: string | RegExp]>): void {
  const found = findingsOf(ruleId, build);
  expect(found).toHaveLength(expected.length);
  expected.forEach(([path, detail], i) => {
    expect(found[i]).toEqual(expect.objectContaining({ ruleId, level, path }));
    expect(found[i].message.startsWith(`[${ruleId}] `)).toBe(true);
    if (typeof detail === 'string') expect(found[i].message).toContain(detail);
    else expect(found[i].message).toMatch(detail);
  });
}

/** Expects no finding of `ruleId`. */
function expectQuiet(ruleId: string, build: (stack: TerraformStack) => void): void {
  expect(findingsOf(ruleId, build)).toEqual([]);
}

// The engine: levels, failOnError, where findings land, suppressions, and what a rule sees.

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

describe('suppressRule', () => {
  it('takes the reason of the nearest suppression, and only for its rule', () => {
    const stack = testStack();
    const team = new Construct(stack, 'Team');
    const breakGlass = new Construct(team, 'BreakGlass');
    adminPolicy(breakGlass);
    suppressRule(stack, 'VP-POL-1', 'the whole stack is a throwaway lab');
    suppressRule(breakGlass, 'VP-AUTH-1', 'no auth roles in here at all');
    suppressRule(breakGlass, 'VP-POL-1', '  break-glass admin, sealed away  ');
    suppressRule(team, 'VP-POL-1', 'team policies reviewed by security');
    const checks = SecurityChecks.applyTo(stack);
    synth(stack);
    expect(checks.findings.map((f) => f.suppressedBecause)).toEqual(['break-glass admin, sealed away']);
  });

  it('needs four words of reason, however spaced', () => {
    expect(() => suppressRule(testStack(), 'VP-POL-1', '  lab  only   cluster ')).toThrow(/^suppressRule 'Test': 'reason' for VP-POL-1 must say why in at least four words.*\(got '  lab  only   cluster '\)$/);
    expect(() => suppressRule(testStack(), 'VP-POL-1', '')).toThrow(/at least four words.*\(got ''\)/);
    expect(() => suppressRule(testStack(), 'VP-POL-1', 'a throwaway lab cluster')).not.toThrow();
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

// The Vault rules.

const policy = (hcl: string, name = 'admin') => (s: TerraformStack) => { new Policy(s, 'P', { name, policy: hcl }); };
const block = (path: string, caps = '"read"') => `path "${path}" {\n  capabilities = [${caps}]\n}\n`;

describe('VP-POL-1 policy on a mount-wide glob or with sudo', () => {
  it.each(['*', 'pki*', '*pki/issue/x', '+/creds/x', '+', 'a+b/c', '*/data/x'])('fires on path %p', (path) => {
    expectFindings('VP-POL-1', 'error', policy(block(path)), [['Test/P', `policy 'admin' has path "${path}"`]]);
  });
  it.each(['kv/*', 'kv/+/x', 'pki/issue/*', 'sys/leases/renew'])('stays quiet on path %p, inside one mount', (path) => {
    expectQuiet('VP-POL-1', policy(block(path)));
  });
  it('fires on sudo, naming the path', () => {
    expectFindings('VP-POL-1', 'error', policy(block('sys/raw', '"read", "sudo"')), [['Test/P', `policy 'admin' grants sudo on "sys/raw"`]]);
  });
  it('fires twice on a mount-wide glob with sudo', () => {
    expectFindings('VP-POL-1', 'error', policy(block('*', '"sudo"')), [['Test/P', 'has path "*"'], ['Test/P', 'grants sudo on "*"']]);
  });
  it('judges each block on its own: sudo in one block is not charged to another', () => {
    expectFindings('VP-POL-1', 'error', policy(`${block('kv/data/a')}\n${block('sys/raw', '"sudo"')}\n${block('+/x')}`), [
      ['Test/P', 'grants sudo on "sys/raw"'],
      ['Test/P', 'has path "+/x"'],
    ]);
  });
  it('reads blocks however they are spaced', () => {
    expectFindings('VP-POL-1', 'error', policy('path   "*"{capabilities=["read"]}'), [['Test/P', 'has path "*"']]);
    expectFindings('VP-POL-1', 'error', policy('path\t"sys/raw"  {\n\n capabilities = [ "sudo" ]\n}'), [['Test/P', 'grants sudo on "sys/raw"']]);
  });
  it('stays quiet on read and list', () => {
    expectQuiet('VP-POL-1', policy(block('sys/mounts', '"read", "list"')));
  });
  it('lands on the VaultPolicy construct that owns the vault_policy', () => {
    expectFindings('VP-POL-1', 'error', (s) => {
      new VaultPolicy(s, 'Admin', { policyName: 'ops', allowWildcardPaths: true, rules: [{ path: '*', capabilities: ['read'] }] });
    }, [['Test/Admin', `policy 'ops' has path "*"`]]);
  });
  it('fires on writes to Vault\'s own configuration, naming what the path reaches', () => {
    expectFindings('VP-POL-1', 'error', policy(block('sys/policies/acl/team-*', '"create", "update"')), [
      ['Test/P', `policy 'admin' grants create, update on "sys/policies/acl/team-*", which reaches sys/policies/acl/*: a token that can write there can grant itself anything (root-equivalent)`],
    ]);
    expectFindings('VP-POL-1', 'error', policy(block('sys/mounts/kv', '"update"')), [['Test/P', `policy 'admin' grants update on "sys/mounts/kv", Vault's own configuration`]]);
  });
  it('judges what it can read of a partly computed policy', () => {
    expectFindings('VP-POL-1', 'error', policy(`${block('${var.team}/data/*')}${block('*')}`), [['Test/P', `policy 'admin' has path "*"`]]);
    expectQuiet('VP-POL-1', policy(block('${var.mount}/data/*')));
  });
  it('shows an apply-time part of a path as ${...}, not as the placeholder it is parsed as', () => {
    expectFindings('VP-POL-1', 'error', policy(block('sys/${var.x}', '"sudo"')), [['Test/P', `policy 'admin' grants sudo on "sys/\${...}"`]]);
    expect(findingsOf('VP-POL-1', policy(block('sys/${var.x}', '"sudo"')))[0].message).not.toMatch(/__/);
  });
  it('stays quiet on a rule that denies: Vault keeps only deny, whatever else the rule lists', () => {
    expectQuiet('VP-POL-1', policy(block('*', '"deny", "sudo"')));
    expectQuiet('VP-POL-1', policy(block('sys/policies/acl/*', '"update", "deny"')));
  });
  it('leaves a policy it cannot read to VP-POL-2: text that does not parse, or no text', () => {
    expectQuiet('VP-POL-1', policy('path "*" {\n  capabilities = ["sudo"]\n'));
    expectQuiet('VP-POL-1', (s) => { policy(block('*', '"sudo"'))(s); (s.node.findChild('P') as Policy).addOverride('policy', 5); });
  });
});

const role = (c: Partial<KubernetesAuthBackendRoleConfig>) => (s: TerraformStack) => {
  new KubernetesAuthBackendRole(s, 'Role', { roleName: 'app', boundServiceAccountNames: ['app'], boundServiceAccountNamespaces: ['apps'], audience: 'vault', tokenTtl: 3600, ...c });
};

describe('VP-AUTH-1 Kubernetes auth role bound with a wildcard', () => {
  it('fires on a * ServiceAccount name', () => {
    expectFindings('VP-AUTH-1', 'error', role({ boundServiceAccountNames: ['app', '*'] }), [['Test/Role', `role 'app' has bound_service_account_names = ["*"]`]]);
  });
  it('fires on a * namespace', () => {
    expectFindings('VP-AUTH-1', 'error', role({ boundServiceAccountNamespaces: ['*'] }), [['Test/Role', `role 'app' has bound_service_account_namespaces = ["*"]`]]);
  });
  it('fires once for each', () => {
    expectFindings('VP-AUTH-1', 'error', role({ boundServiceAccountNames: ['*'], boundServiceAccountNamespaces: ['*'] }), [
      ['Test/Role', 'bound_service_account_names'], ['Test/Role', 'bound_service_account_namespaces'],
    ]);
  });
  it('stays quiet on exact bindings', () => {
    expectQuiet('VP-AUTH-1', role({ boundServiceAccountNames: ['a', 'b'], boundServiceAccountNamespaces: ['x'] }));
  });
  it('fires on a prefix, suffix or substring glob, and reads ** as every name', () => {
    expectFindings('VP-AUTH-1', 'error', role({ boundServiceAccountNames: ['kube-*', '*-sa*'], boundServiceAccountNamespaces: ['*-prod', '**'] }), [
      ['Test/Role', `role 'app' has bound_service_account_names glob "kube-*"`],
      ['Test/Role', `role 'app' has bound_service_account_names glob "*-sa*"`],
      ['Test/Role', `role 'app' has bound_service_account_namespaces glob "*-prod"`],
      ['Test/Role', `role 'app' has bound_service_account_namespaces = ["**"], which matches every name`],
    ]);
  });
  it('judges a binding computed at apply time by its literal ends', () => {
    expectFindings('VP-AUTH-1', 'error', (s) => role({ boundServiceAccountNames: [`${new TerraformVariable(s, 'Team', { type: 'string' }).stringValue}-*`] })(s),
      [['Test/Role', `role 'app' has bound_service_account_names glob "\${var.Team}-*"`]]);
    expectQuiet('VP-AUTH-1', (s) => role({ boundServiceAccountNamespaces: [new TerraformVariable(s, 'Ns', { type: 'string' }).stringValue] })(s));
  });
  it('skips entries that are no strings, and a binding left unset', () => {
    expectFindings('VP-AUTH-1', 'error', (s) => {
      role({})(s);
      (s.node.findChild('Role') as KubernetesAuthBackendRole).addOverride('bound_service_account_names', [5, '*']);
    }, [['Test/Role', `role 'app' has bound_service_account_names = ["*"]`]]);
    expectQuiet('VP-AUTH-1', role({ boundServiceAccountNamespaces: undefined, boundServiceAccountNamespaceSelector: '{"matchLabels":{"team":"a"}}' }));
  });
});

describe('VP-AUTH-2 Kubernetes auth role without audience', () => {
  it('fires without an audience', () => {
    expectFindings('VP-AUTH-2', 'warning', role({ audience: undefined }), [['Test/Role', `role 'app' has no audience`]]);
  });
  it('fires on an empty audience', () => {
    expectFindings('VP-AUTH-2', 'warning', role({ audience: '' }), [['Test/Role', `role 'app' has no audience`]]);
  });
  it('stays quiet with an audience', () => {
    expectQuiet('VP-AUTH-2', role({ audience: 'vault' }));
    expectQuiet('VP-AUTH-2', (s) => role({ audience: new TerraformVariable(s, 'Aud', { type: 'string' }).stringValue })(s));
  });
});

describe('VP-AUTH-3 token lifetime over a day', () => {
  it.each([
    ['token_ttl', { tokenTtl: 86401 }],
    ['token_max_ttl', { tokenMaxTtl: 7 * 86400 }],
    ['token_period', { tokenPeriod: 172800 }],
    ['token_explicit_max_ttl', { tokenExplicitMaxTtl: 90000 }],
  ] as Array<[string, Partial<KubernetesAuthBackendRoleConfig>]>)('fires on %s over 24h, naming the field and the seconds', (field, c) => {
    const seconds = Object.values(c)[0];
    expectFindings('VP-AUTH-3', 'warning', role(c), [['Test/Role', `role 'app' has ${field} = ${seconds}s`]]);
  });
  it('fires once per field that is too long', () => {
    expectFindings('VP-AUTH-3', 'warning', role({ tokenTtl: 90000, tokenPeriod: 90000 }), [['Test/Role', 'token_ttl = 90000s'], ['Test/Role', 'token_period = 90000s']]);
  });
  it('stays quiet at exactly 24h in every field', () => {
    expectQuiet('VP-AUTH-3', role({ tokenTtl: 86400, tokenMaxTtl: 86400, tokenPeriod: 86400, tokenExplicitMaxTtl: 86400 }));
  });
  it('does not judge lifetimes known only at apply time', () => {
    expectQuiet('VP-AUTH-3', (s) => role({ tokenPeriod: new TerraformVariable(s, 'Period', { type: 'number' }).numberValue })(s));
  });
  it('reads a number written as a string, as Terraform converts it', () => {
    const overridden = (ttl: unknown, maxTtl: unknown) => (s: TerraformStack) => {
      role({})(s);
      const r = s.node.findChild('Role') as KubernetesAuthBackendRole;
      r.addOverride('token_ttl', ttl);
      r.addOverride('token_max_ttl', maxTtl);
    };
    expectFindings('VP-AUTH-3', 'warning', overridden('90000', '86400'), [['Test/Role', `role 'app' has token_ttl = 90000s`]]);
    expectQuiet('VP-AUTH-3', overridden('86400', '${var.max_ttl}'));
  });
});

const pki = (c: Partial<PkiSecretBackendRoleConfig>) => (s: TerraformStack) => { new PkiSecretBackendRole(s, 'R', { backend: 'pki', name: 'web', ...c }); };

describe('VP-PKI-1 PKI role for any name', () => {
  it('fires on allow_any_name', () => {
    expectFindings('VP-PKI-1', 'error', pki({ allowAnyName: true }), [['Test/R', `role 'web' sets allow_any_name`]]);
  });
  it('fires on enforce_hostnames = false', () => {
    expectFindings('VP-PKI-1', 'error', pki({ enforceHostnames: false }), [['Test/R', `role 'web' sets enforce_hostnames = false`]]);
  });
  it('fires once for each', () => {
    expectFindings('VP-PKI-1', 'error', pki({ allowAnyName: true, enforceHostnames: false }), [['Test/R', 'allow_any_name'], ['Test/R', 'enforce_hostnames = false']]);
  });
  it('stays quiet on a role for named domains that enforces hostnames', () => {
    expectQuiet('VP-PKI-1', pki({ allowedDomains: ['example.com'], allowSubdomains: true, allowAnyName: false, enforceHostnames: true }));
    expectQuiet('VP-PKI-1', pki({ allowedDomains: ['example.com'] }));
  });
  it('reads bools as Terraform converts them', () => {
    const overridden = (attrs: Record<string, unknown>) => (s: TerraformStack) => {
      pki({ allowedDomains: ['com'] })(s);
      for (const [name, value] of Object.entries(attrs)) (s.node.findChild('R') as PkiSecretBackendRole).addOverride(name, value);
    };
    expectFindings('VP-PKI-1', 'error', overridden({ allow_any_name: 'true', enforce_hostnames: 'false', allow_subdomains: 'true' }), [
      ['Test/R', `role 'web' sets allow_any_name`], ['Test/R', `role 'web' sets enforce_hostnames = false`], ['Test/R', `role 'web' allows names under the public suffix 'com'`],
    ]);
    expectFindings('VP-PKI-1', 'error', overridden({ allow_glob_domains: 'true' }), [['Test/R', `role 'web' allows names under the public suffix 'com'`]]);
    expectQuiet('VP-PKI-1', overridden({ allow_any_name: 'false', enforce_hostnames: 'true', allow_subdomains: 'false', allow_glob_domains: 'yes' }));
  });
});

const azureRole = (c: Partial<AzureSecretBackendRoleConfig>) => (s: TerraformStack) => {
  new AzureSecretBackendRole(s, 'AzureRole', { backend: 'azure', role: 'certmanager', applicationObjectId: '00000000-0000-0000-0000-000000000001', ttl: '3600', maxTtl: '86400', ...c });
};

describe('VP-AZURE-1 Azure credentials living over a day', () => {
  it.each([
    ['ttl', '86401', '86401 (24h1s)'],
    ['ttl', '25h', '"25h" (25h)'],
    ['ttl', '2d', '"2d" (48h)'],
    ['max_ttl', '172800', '"172800" (48h)'],
    ['max_ttl', '168h', '"168h" (168h)'],
    ['max_ttl', '1440m1s', '"1440m1s" (24h1s)'],
  ])('fires on %s = %p', (field, value, shown) => {
    const c = field === 'ttl' ? { ttl: value, maxTtl: value } : { maxTtl: value };
    const found = field === 'ttl' ? [['Test/AzureRole', `role 'certmanager' has ttl = `], ['Test/AzureRole', 'max_ttl = ']] : [['Test/AzureRole', `role 'certmanager' has max_ttl = ${shown}`]];
    expectFindings('VP-AZURE-1', 'warning', azureRole(c), found as Array<[string, string]>);
  });
  it('shows the value and its length', () => {
    expectFindings('VP-AZURE-1', 'warning', azureRole({ ttl: '90000', maxTtl: '24h' }), [['Test/AzureRole', `role 'certmanager' has ttl = "90000" (25h)`]]);
  });
  it('reads numbers as seconds, and nulls as unset', () => {
    const overridden = (ttl: unknown, maxTtl: unknown) => (s: TerraformStack) => {
      azureRole({})(s);
      const r = s.node.findChild('AzureRole') as AzureSecretBackendRole;
      r.addOverride('ttl', ttl);
      r.addOverride('max_ttl', maxTtl);
    };
    expectFindings('VP-AZURE-1', 'warning', overridden(90000, 3600), [['Test/AzureRole', `role 'certmanager' has ttl = 90000 (25h)`]]);
    expectQuiet('VP-AZURE-1', overridden(3600, 86400));
    expectFindings('VP-AZURE-1', 'warning', overridden(null, null), [['Test/AzureRole', `role 'certmanager' sets no max_ttl`]]);
    expectFindings('VP-AZURE-1', 'warning', overridden(true, 3600), [['Test/AzureRole', `role 'certmanager' has ttl = true, which is not a duration Vault reads`]]);
    expectFindings('VP-AZURE-1', 'warning', overridden(3600, true), [['Test/AzureRole', `role 'certmanager' has max_ttl = true, which is not a duration Vault reads`]]);
    expectFindings('VP-AZURE-1', 'warning', overridden(0, 0), [['Test/AzureRole', `role 'certmanager' sets no max_ttl, so the mount's maximum (768h unless tuned) caps renewals`]]);
    expectFindings('VP-AZURE-1', 'warning', overridden(3600, 86401), [['Test/AzureRole', `role 'certmanager' has max_ttl = 86401 (24h1s)`]]);
  });
  it('fires on a value Vault cannot read', () => {
    expectFindings('VP-AZURE-1', 'warning', azureRole({ ttl: '1 hour' }), [['Test/AzureRole', `role 'certmanager' has ttl = "1 hour", which is not a duration Vault reads`]]);
    expectFindings('VP-AZURE-1', 'warning', azureRole({ maxTtl: 'a day' }), [['Test/AzureRole', `has max_ttl = "a day", which is not a duration Vault reads`]]);
  });
  it.each([['unset', undefined], ['empty', ''], ['zero', '0'], ['zero seconds', '0s']])('fires on a max_ttl that is %s: the mount\'s maximum applies', (_what, maxTtl) => {
    expectFindings('VP-AZURE-1', 'warning', azureRole({ maxTtl }), [['Test/AzureRole', `role 'certmanager' sets no max_ttl, so the mount's maximum (768h unless tuned) caps renewals`]]);
  });
  it.each([['86400', '86400'], ['24h', '24h'], ['1d', '1d'], ['15m', '1440m']])('stays quiet on ttl %p and max_ttl %p', (ttl, maxTtl) => {
    expectQuiet('VP-AZURE-1', azureRole({ ttl, maxTtl }));
  });
  it('stays quiet on an unset or empty ttl with a short max_ttl', () => {
    expectQuiet('VP-AZURE-1', azureRole({ ttl: undefined }));
    expectQuiet('VP-AZURE-1', azureRole({ ttl: '' }));
  });
  it('does not judge TTLs known only at apply time, nor count such a max_ttl as unset', () => {
    expectQuiet('VP-AZURE-1', (s) => {
      const ttl = new TerraformVariable(s, 'Ttl', { type: 'string' }).stringValue;
      azureRole({ ttl, maxTtl: ttl })(s);
    });
  });
});

const azureBackend = (c: Partial<AzureSecretBackendConfig>) => (s: TerraformStack) => {
  new AzureSecretBackend(s, 'Azure', { path: 'azure-prod', subscriptionId: '00000000-0000-0000-0000-000000000002', tenantId: '00000000-0000-0000-0000-000000000003', ...c });
};

describe('VP-AZURE-2 root client secret living over two years', () => {
  it('fires one second over two years, naming the mount and the length', () => {
    expectFindings('VP-AZURE-2', 'warning', azureBackend({ rootPasswordTtl: 63072001 }), [['Test/Azure', `mount 'azure-prod' has root_password_ttl = 63072001 (17520h1s > 17520h)`]]);
  });
  it('names the default mount azure when no path is set', () => {
    expectFindings('VP-AZURE-2', 'warning', azureBackend({ path: undefined, rootPasswordTtl: 3 * 365 * 86400 }), [['Test/Azure', `mount 'azure' has root_password_ttl = 94608000 (26280h > 17520h)`]]);
  });
  it('reads a duration string as Vault does', () => {
    expectFindings('VP-AZURE-2', 'warning', (s) => {
      azureBackend({})(s);
      (s.node.findChild('Azure') as AzureSecretBackend).addOverride('root_password_ttl', '17521h');
    }, [['Test/Azure', `has root_password_ttl = "17521h" (17521h > 17520h)`]]);
  });
  it('fires on a value Vault cannot read', () => {
    expectFindings('VP-AZURE-2', 'warning', (s) => {
      azureBackend({})(s);
      (s.node.findChild('Azure') as AzureSecretBackend).addOverride('root_password_ttl', 'forever');
    }, [['Test/Azure', `mount 'azure-prod' has root_password_ttl = "forever", which is not a duration Vault reads`]]);
    expectFindings('VP-AZURE-2', 'warning', (s) => {
      azureBackend({ path: undefined })(s);
      (s.node.findChild('Azure') as AzureSecretBackend).addOverride('root_password_ttl', true);
    }, [['Test/Azure', `mount 'azure' has root_password_ttl = true, which is not a duration Vault reads`]]);
  });
  it('reads a null root_password_ttl as unset', () => {
    expectQuiet('VP-AZURE-2', (s) => {
      azureBackend({})(s);
      (s.node.findChild('Azure') as AzureSecretBackend).addOverride('root_password_ttl', null);
    });
  });
  it('stays quiet at exactly two years, below, unset, and when known only at apply time', () => {
    expectQuiet('VP-AZURE-2', azureBackend({ rootPasswordTtl: 63072000 }));
    expectQuiet('VP-AZURE-2', azureBackend({ rootPasswordTtl: 15768000 }));
    expectQuiet('VP-AZURE-2', azureBackend({}));
    expectQuiet('VP-AZURE-2', (s) => azureBackend({ rootPasswordTtl: new TerraformVariable(s, 'Ttl', { type: 'number' }).numberValue })(s));
  });
});

// The Key Vault and Entra rules.

const keyVault = (c: Partial<KeyVaultConfig>) => (s: TerraformStack) => {
  new KeyVault(s, 'Kv', {
    name: 'kv-unseal', location: 'westeurope', resourceGroupName: 'rg', tenantId: '00000000-0000-0000-0000-000000000000', skuName: 'standard',
    purgeProtectionEnabled: true, publicNetworkAccessEnabled: false, lifecycle: { preventDestroy: true }, ...c,
  });
};
const key = (c: Partial<KeyVaultKeyConfig>) => (s: TerraformStack) => {
  new KeyVaultKey(s, 'Key', { name: 'unseal', keyVaultId: 'id', keyType: 'RSA', keySize: 2048, keyOpts: ['wrapKey', 'unwrapKey'], lifecycle: { preventDestroy: true }, ...c });
};

describe('VP-KV-1 Key Vault without purge protection', () => {
  it.each([['unset', undefined], ['false', false]])('fires when purge_protection_enabled is %s', (_what, purgeProtectionEnabled) => {
    expectFindings('VP-KV-1', 'error', keyVault({ purgeProtectionEnabled }), [['Test/Kv', `key vault 'kv-unseal' has purge_protection_enabled unset or false`]]);
  });
  it('stays quiet when it is on', () => {
    expectQuiet('VP-KV-1', keyVault({}));
  });
  it('reads the strings "true" and "false" as Terraform converts them, and leaves an apply-time value unjudged', () => {
    const purge = (value: unknown) => (s: TerraformStack) => {
      keyVault({})(s);
      (s.node.findChild('Kv') as KeyVault).addOverride('purge_protection_enabled', value);
    };
    expectQuiet('VP-KV-1', purge('true'));
    expectFindings('VP-KV-1', 'error', purge('false'), [['Test/Kv', `key vault 'kv-unseal' has purge_protection_enabled unset or false`]]);
    expectFindings('VP-KV-1', 'error', purge('yes'), [['Test/Kv', `key vault 'kv-unseal' has purge_protection_enabled unset or false`]]);
    expectQuiet('VP-KV-1', (s) => keyVault({ purgeProtectionEnabled: new TerraformVariable(s, 'Purge', { type: 'bool' }).booleanValue })(s));
  });
});

describe('VP-KV-2 Key Vault open to every network', () => {
  const open = `key vault 'kv-unseal' allows public access without network_acls default_action = "Deny"`;
  it('fires on public access without network rules', () => {
    expectFindings('VP-KV-2', 'error', keyVault({ publicNetworkAccessEnabled: undefined }), [['Test/Kv', open]]);
    expectFindings('VP-KV-2', 'error', keyVault({ publicNetworkAccessEnabled: true }), [['Test/Kv', open]]);
  });
  it('fires on network rules that allow by default', () => {
    expectFindings('VP-KV-2', 'error', keyVault({ publicNetworkAccessEnabled: true, networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } }), [['Test/Kv', open]]);
  });
  it('stays quiet with public access off', () => {
    expectQuiet('VP-KV-2', keyVault({ publicNetworkAccessEnabled: false, networkAcls: { defaultAction: 'Allow', bypass: 'None' } }));
  });
  it('stays quiet with network rules that deny by default, as a block or a block list', () => {
    expectQuiet('VP-KV-2', keyVault({ publicNetworkAccessEnabled: true, networkAcls: { defaultAction: 'Deny', bypass: 'None', ipRules: ['203.0.113.7'] } }));
    expectQuiet('VP-KV-2', (s) => {
      keyVault({ publicNetworkAccessEnabled: true })(s);
      (s.node.findChild('Kv') as KeyVault).addOverride('network_acls', [{ default_action: 'Deny', bypass: 'None' }]);
    });
  });
  it('fires on a block list that allows by default', () => {
    expectFindings('VP-KV-2', 'error', (s) => {
      keyVault({ publicNetworkAccessEnabled: true })(s);
      (s.node.findChild('Kv') as KeyVault).addOverride('network_acls', [{ default_action: 'Allow', bypass: 'None' }]);
    }, [['Test/Kv', open]]);
  });
  it('reads public_network_access_enabled as Terraform converts it, and an apply-time value as not judged', () => {
    const publicAccess = (value: unknown) => (s: TerraformStack) => {
      keyVault({})(s);
      (s.node.findChild('Kv') as KeyVault).addOverride('public_network_access_enabled', value);
    };
    expectQuiet('VP-KV-2', publicAccess('false'));
    expectFindings('VP-KV-2', 'error', publicAccess('true'), [['Test/Kv', open]]);
    expectFindings('VP-KV-2', 'error', publicAccess(null), [['Test/Kv', open]]);
    expectQuiet('VP-KV-2', (s) => keyVault({ publicNetworkAccessEnabled: new TerraformVariable(s, 'Public', { type: 'bool' }).booleanValue })(s));
  });
  it('fires on an empty block list, and on a default action in another case, which Azure refuses', () => {
    expectFindings('VP-KV-2', 'error', (s) => {
      keyVault({ publicNetworkAccessEnabled: true })(s);
      (s.node.findChild('Kv') as KeyVault).addOverride('network_acls', []);
    }, [['Test/Kv', open]]);
    expectFindings('VP-KV-2', 'error', keyVault({ publicNetworkAccessEnabled: true, networkAcls: { defaultAction: 'deny', bypass: 'None' } }), [['Test/Kv', open]]);
  });
  it('judges the ip_rules of a block list, and of a default action known only at apply time', () => {
    expectFindings('VP-KV-2', 'error', (s) => {
      keyVault({ publicNetworkAccessEnabled: true })(s);
      (s.node.findChild('Kv') as KeyVault).addOverride('network_acls', [{ default_action: 'Deny', bypass: 'None', ip_rules: ['10.0.0.0/8', '203.0.113.7'] }]);
    }, [['Test/Kv', `key vault 'kv-unseal' has ip_rules entry '10.0.0.0/8', which must hold public addresses`]]);
    const action = (ipRules: string[]) => (s: TerraformStack) => keyVault({
      publicNetworkAccessEnabled: true,
      networkAcls: { defaultAction: new TerraformVariable(s, 'Action', { type: 'string' }).stringValue, bypass: 'None', ipRules },
    })(s);
    expectQuiet('VP-KV-2', action(['203.0.113.7']));
    expectFindings('VP-KV-2', 'error', action(['127.0.0.1']), [['Test/Kv', `key vault 'kv-unseal' has ip_rules entry '127.0.0.1', which must hold public addresses, not 127.0.0.0/8`]]);
  });
  it('leaves ip_rules known only at apply time, as a whole list, unjudged', () => {
    expectQuiet('VP-KV-2', (s) => keyVault({
      publicNetworkAccessEnabled: true,
      networkAcls: { defaultAction: 'Deny', bypass: 'None', ipRules: new TerraformVariable(s, 'Ips', { type: 'list(string)' }).listValue },
    })(s));
  });
});

describe('VP-KV-3 key that cannot wrap and unwrap', () => {
  it.each([
    ['wrapKey only', ['wrapKey'], '["wrapKey"]'],
    ['unwrapKey only', ['unwrapKey'], '["unwrapKey"]'],
    ['encrypt and decrypt', ['encrypt', 'decrypt'], '["encrypt","decrypt"]'],
    ['nothing', [], '[]'],
  ])('fires on %s, listing the key_opts', (_what, keyOpts, shown) => {
    expectFindings('VP-KV-3', 'error', key({ keyOpts }), [['Test/Key', `key 'unseal' has key_opts ${shown}`]]);
  });
  it('fires on a key without key_opts', () => {
    expectFindings('VP-KV-3', 'error', (s) => {
      key({})(s);
      (s.node.findChild('Key') as KeyVaultKey).addOverride('key_opts', null);
    }, [['Test/Key', `key 'unseal' has key_opts []`]]);
  });
  it('stays quiet on a key that wraps and unwraps, with or without more', () => {
    expectQuiet('VP-KV-3', key({}));
    expectQuiet('VP-KV-3', key({ keyOpts: ['unwrapKey', 'sign', 'wrapKey'] }));
  });
  it('leaves key_opts known only at apply time unjudged: the whole list, or an entry that may be the missing one', () => {
    expectQuiet('VP-KV-3', (s) => key({ keyOpts: new TerraformVariable(s, 'Ops', { type: 'list(string)' }).listValue })(s));
    expectQuiet('VP-KV-3', (s) => key({ keyOpts: ['wrapKey', new TerraformVariable(s, 'Op', { type: 'string' }).stringValue] })(s));
  });
  it('compares operations as Azure spells them', () => {
    expectFindings('VP-KV-3', 'error', key({ keyOpts: ['wrapkey', 'unwrapkey'] }), [['Test/Key', `key 'unseal' has key_opts ["wrapkey","unwrapkey"]`]]);
  });
});

describe('VP-KV-4 Key Vault or key Terraform may destroy', () => {
  it('fires on a vault and a key without prevent_destroy, naming the type', () => {
    expectFindings('VP-KV-4', 'error', keyVault({ lifecycle: undefined }), [['Test/Kv', `azurerm_key_vault 'kv-unseal' has no lifecycle.prevent_destroy`]]);
    expectFindings('VP-KV-4', 'error', key({ lifecycle: { preventDestroy: false } }), [['Test/Key', `azurerm_key_vault_key 'unseal' has no lifecycle.prevent_destroy`]]);
    expectFindings('VP-KV-4', 'error', key({ lifecycle: { createBeforeDestroy: true } }), [['Test/Key', `azurerm_key_vault_key 'unseal' has no lifecycle.prevent_destroy`]]);
  });
  it('stays quiet with prevent_destroy', () => {
    expectQuiet('VP-KV-4', keyVault({}));
    expectQuiet('VP-KV-4', key({}));
  });
  it('reads a lifecycle block list an override wrote, and prevent_destroy as Terraform converts it', () => {
    const lifecycle = (value: unknown) => (s: TerraformStack) => {
      keyVault({})(s);
      (s.node.findChild('Kv') as KeyVault).addOverride('lifecycle', value);
    };
    const unprotected = `azurerm_key_vault 'kv-unseal' has no lifecycle.prevent_destroy`;
    expectQuiet('VP-KV-4', lifecycle([{ prevent_destroy: true }]));
    expectQuiet('VP-KV-4', lifecycle({ prevent_destroy: 'true' }));
    expectFindings('VP-KV-4', 'error', lifecycle([{ prevent_destroy: false }]), [['Test/Kv', unprotected]]);
    expectFindings('VP-KV-4', 'error', lifecycle({ prevent_destroy: 'false' }), [['Test/Kv', unprotected]]);
    expectFindings('VP-KV-4', 'error', lifecycle([]), [['Test/Kv', unprotected]]);
  });
  it('finds nothing on the library\'s own unseal vault, and lands on it when an override removes the protection', () => {
    const build = (unprotect: boolean) => (s: TerraformStack) => {
      const kv = new AutoUnsealKeyVault(s, 'Unseal', { keyVaultName: 'kv-unseal', resourceGroupName: 'rg', location: 'westeurope', allowedIpRanges: ['203.0.113.10'], identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'https://issuer.example' } });
      if (unprotect) kv.keyVault.addOverride('lifecycle.prevent_destroy', false);
    };
    expect(judge(build(false))).toEqual([]);
    expectFindings('VP-KV-4', 'error', build(true), [['Test/Unseal', `azurerm_key_vault 'kv-unseal' has no lifecycle.prevent_destroy`]]);
  });
});

const secret = (c: Partial<ApplicationPasswordAConfig>) => (s: TerraformStack) => { new ApplicationPassword(s, 'Pw', { applicationId: 'app', displayName: 'ci', ...c }); };
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('VP-ENTRA-1 Entra client secret without expiry or over two years', () => {
  it('fires on a secret without expiry, by display name or generically', () => {
    expectFindings('VP-ENTRA-1', 'error', secret({}), [['Test/Pw', `'ci' sets neither end_date nor end_date_relative`]]);
    expectFindings('VP-ENTRA-1', 'error', secret({ displayName: undefined }), [['Test/Pw', `'client secret' sets neither end_date nor end_date_relative`]]);
  });
  it('judges a service principal password too', () => {
    expectFindings('VP-ENTRA-1', 'error', (s) => { new ServicePrincipalPassword(s, 'SpPw', { servicePrincipalId: 'sp', displayName: 'sp-secret' }); },
      [['Test/SpPw', `'sp-secret' sets neither end_date nor end_date_relative`]]);
  });
  it.each(['17520h0m1s', '17521h', '1051201m', '20000h0m', '87600h'])('fires on end_date_relative %p, over two years', (relative) => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDateRelative: relative }), [['Test/Pw', `'ci' expires after ${relative}`]]);
  });
  it.each(['2y', '1 year', '4380', 'h'])('fires on end_date_relative %p, which Go cannot read', (relative) => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDateRelative: relative }), [['Test/Pw', `'ci' has end_date_relative '${relative}', which is not a Go duration like 4380h`]]);
  });
  it.each(['17520h', '17520h0m0s', '4380h', '1.5h', '1051200m'])('stays quiet on end_date_relative %p', (relative) => {
    expectQuiet('VP-ENTRA-1', secret({ endDateRelative: relative }));
  });
  it('fires on an end_date ten years out, naming it', () => {
    const end = inDays(3650);
    expectFindings('VP-ENTRA-1', 'error', secret({ endDate: end }), [['Test/Pw', `'ci' expires on ${end}`]]);
  });
  it('fires on an end_date a day past two years, and not a day short of it', () => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDate: inDays(731) }), [['Test/Pw', 'expires on']]);
    expectQuiet('VP-ENTRA-1', secret({ endDate: inDays(729) }));
    expectQuiet('VP-ENTRA-1', secret({ endDate: inDays(180) }));
  });
  it('fires on an end_date one millisecond past two years from now, and not on exactly two years', () => {
    const now = Date.parse('2026-01-01T00:00:00.000Z');
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      const at = (ms: number) => new Date(now + ms).toISOString();
      expectQuiet('VP-ENTRA-1', secret({ endDate: at(63072000_000) }));
      expectFindings('VP-ENTRA-1', 'error', secret({ endDate: at(63072000_001) }), [['Test/Pw', `'ci' expires on 2028-01-01T00:00:00.001Z`]]);
    } finally {
      spy.mockRestore();
    }
  });
  it('judges end_date_relative before end_date', () => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDateRelative: '20000h', endDate: inDays(30) }), [['Test/Pw', `'ci' expires after 20000h`]]);
    expectQuiet('VP-ENTRA-1', secret({ endDateRelative: '4380h', endDate: inDays(3650) }));
  });
  it('does not judge an expiry known only at apply time', () => {
    expectQuiet('VP-ENTRA-1', (s) => secret({ endDateRelative: new TerraformVariable(s, 'Rel', { type: 'string' }).stringValue })(s));
  });
  it('judges end_date when end_date_relative is empty', () => {
    const end = inDays(3650);
    expectFindings('VP-ENTRA-1', 'error', secret({ endDateRelative: '', endDate: end }), [['Test/Pw', `'ci' expires on ${end}`]]);
  });
  it.each(['2099-01-01T00:00:00Z', '2099-01-01T00:00:00.5+02:00', '2099-01-01T00:00:00-05:00', '2099-01-01t00:00:00z'])('reads end_date %p as an RFC 3339 time', (end) => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDate: end }), [['Test/Pw', `'ci' expires on ${end}`]]);
  });
  it('counts an end_date offset from UTC: exactly two years is quiet, a millisecond more fires', () => {
    const spy = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-01-01T00:00:00.000Z'));
    try {
      expectQuiet('VP-ENTRA-1', secret({ endDate: '2028-01-01T02:00:00+02:00' }));
      expectFindings('VP-ENTRA-1', 'error', secret({ endDate: '2027-12-31T19:00:00.001-05:00' }), [['Test/Pw', `'ci' expires on 2027-12-31T19:00:00.001-05:00`]]);
    } finally {
      spy.mockRestore();
    }
  });
  it.each(['never', '9999-12-31', '2099-01-01 00:00:00Z', '2099-01-01T00:00:00', '2099-01-01T00:00:00+0200', '+010000-01-01T00:00:00Z', '2099-01-01T00:00:00Z '])(
    'fires on end_date %p, which is not an RFC 3339 time', (end) => {
      expectFindings('VP-ENTRA-1', 'error', secret({ endDate: end }), [['Test/Pw', `'ci' has end_date '${end}', which is not an RFC 3339 time like 2026-01-01T00:00:00Z`]]);
    });
});

// The rules on Kubernetes objects, Helm releases, providers and outputs.

const manifest = (m: Record<string, unknown>) => (s: TerraformStack) => { new Manifest(s, 'M', { manifest: m }); };
const release = (c: Partial<ReleaseConfig>) => (s: TerraformStack) => { new Release(s, 'R', { name: 'vault', chart: 'vault', ...c }); };
const json = (v: unknown) => [JSON.stringify(v)];
/** A values document the pack's YAML reader refuses (a key twice), so only its text can be read. */
const unparsable = (yaml: string) => `${yaml}extra: 1\nextra: 2\n`;

describe('VP-TLS-1 TLS verification disabled', () => {
  it.each(['skipTLSVerify', 'insecureSkipVerify', 'tlsSkipVerify', 'skipTlsVerify', 'insecureSkipTLSVerify'])('fires on %s: true in a custom resource, naming the path', (k) => {
    expectFindings('VP-TLS-1', 'error', manifest({ kind: 'VaultConnection', metadata: { name: 'c' }, spec: { address: 'https://vault:8200', [k]: true } }),
      [['Test/M', `VaultConnection 'c' sets spec.${k}: true`]]);
  });
  it('fires on a custom resource without metadata', () => {
    expectFindings('VP-TLS-1', 'error', manifest({ kind: 'VaultConnection', spec: { skipTLSVerify: true } }), [['Test/M', `VaultConnection 'undefined' sets spec.skipTLSVerify: true`]]);
  });
  it('fires on a nested key inside a list', () => {
    expectFindings('VP-TLS-1', 'error', manifest({ kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme: { solvers: [{ http01: { skipTLSVerify: true } }] } } }),
      [['Test/M', `ClusterIssuer 'le' sets spec.acme.solvers.0.http01.skipTLSVerify: true`]]);
  });
  it.each([['false', false], ['the string "true"', 'true'], ['a key that only contains the name', 'x']])('stays quiet in a custom resource on %s', (_what, value) => {
    expectQuiet('VP-TLS-1', manifest({ kind: 'VaultConnection', metadata: { name: 'c' }, spec: { skipTLSVerify: value === 'x' ? undefined : value, noskipTLSVerify: true, skipTLSVerifyHost: true } }));
  });
  it('fires on a Helm value of any chart, as JSON, YAML or set, naming release and chart', () => {
    const vso = { name: 'vso', chart: 'vault-secrets-operator' };
    const found: Array<[string, string]> = [['Test/R', `release 'vso' (chart vault-secrets-operator) sets defaultVaultConnection.skipTLSVerify: true`]];
    expectFindings('VP-TLS-1', 'error', release({ ...vso, values: json({ defaultVaultConnection: { skipTLSVerify: true } }) }), found);
    expectFindings('VP-TLS-1', 'error', release({ ...vso, values: ['defaultVaultConnection:\n  skipTLSVerify: "true"\n'] }), found);
    expectFindings('VP-TLS-1', 'error', release({ ...vso, set: [{ name: 'defaultVaultConnection.skipTLSVerify', value: 'true' }] }), found);
  });
  it('stays quiet on Helm values that verify, or are turned back on by set', () => {
    expectQuiet('VP-TLS-1', release({ chart: 'x', values: json({ conn: { skipTLSVerify: false, insecure: true } }) }));
    expectQuiet('VP-TLS-1', release({ chart: 'x', values: json({ conn: { skipTLSVerify: true } }), set: [{ name: 'conn.skipTLSVerify', value: 'false' }] }));
  });
  it('fires on a vault provider with skip_tls_verify, naming its alias', () => {
    expectFindings('VP-TLS-1', 'error', (s) => { new VaultProvider(s, 'vault', { skipTlsVerify: true }); }, [['Test/vault', /: vault provider sets skip_tls_verify = true\. /]]);
    expectFindings('VP-TLS-1', 'error', (s) => { new VaultProvider(s, 'lab', { alias: 'lab', skipTlsVerify: true }); }, [['Test/lab', `vault provider (alias 'lab') sets skip_tls_verify = true`]]);
  });
  it('fires on an insecure kubernetes provider', () => {
    expectFindings('VP-TLS-1', 'error', (s) => { new KubernetesProvider(s, 'k8s', { insecure: true }); }, [['Test/k8s', /: kubernetes provider sets insecure = true\. /]]);
  });
  it('fires on an insecure helm provider, in the 3.x attribute and the 2.x block form', () => {
    expectFindings('VP-TLS-1', 'error', (s) => { new HelmProvider(s, 'helm', { kubernetes: { insecure: true } }); }, [['Test/helm', 'helm provider sets kubernetes.insecure = true']]);
    expectFindings('VP-TLS-1', 'error', (s) => {
      const helm = new HelmProvider(s, 'helm', {});
      helm.addOverride('kubernetes', [{ insecure: true }]);
    }, [['Test/helm', /: helm provider sets kubernetes\.insecure = true\. /]]);
  });
  it('stays quiet on providers that verify', () => {
    expectQuiet('VP-TLS-1', (s) => {
      new VaultProvider(s, 'vault', { address: 'https://vault:8200', skipTlsVerify: false });
      new KubernetesProvider(s, 'k8s', { insecure: false });
      new HelmProvider(s, 'helm', { kubernetes: { insecure: false } });
    });
  });
  it('reads a provider switch an override wrote as Terraform converts it: the string "true" fires, other strings do not', () => {
    expectFindings('VP-TLS-1', 'error', (s) => { new VaultProvider(s, 'vault', {}).addOverride('skip_tls_verify', 'true'); }, [['Test/vault', 'vault provider sets skip_tls_verify = true']]);
    expectQuiet('VP-TLS-1', (s) => { new KubernetesProvider(s, 'k8s', {}).addOverride('insecure', 'yes'); });
  });
});

describe('VP-TLS-2 Vault over plain HTTP', () => {
  it('fires on a custom resource without metadata', () => {
    expectFindings('VP-TLS-2', 'error', manifest({ kind: 'VaultConnection', spec: { address: 'http://vault:8200' } }), [['Test/M', `VaultConnection 'undefined' uses http://vault:8200`]]);
  });
  it.each([
    ['VaultConnection', { address: 'http://vault:8200' }],
    ['SecretStore', { provider: { vault: { server: 'http://vault:8200' } } }],
    ['ClusterSecretStore', { provider: { vault: { server: 'http://vault:8200' } } }],
    ['Issuer', { vault: { server: 'http://vault:8200' } }],
    ['ClusterIssuer', { vault: { server: 'http://vault:8200' } }],
  ])('fires on a %s with an http:// address', (kind, spec) => {
    expectFindings('VP-TLS-2', 'error', manifest({ kind, metadata: { name: 'x' }, spec }), [['Test/M', `${kind} 'x' uses http://vault:8200`]]);
  });
  it.each([
    ['VaultConnection', { address: 'https://vault:8200' }],
    ['ClusterSecretStore', { provider: { vault: { server: 'https://vault:8200' } } }],
    ['Issuer', { vault: { server: 'https://vault:8200' } }],
    ['ClusterIssuer', { acme: { server: 'http://acme.example/directory' } }],
    ['Deployment', { address: 'http://vault:8200' }],
    ['VaultConnection', { address: { value: 'http://vault:8200' } }],
    ['VaultConnection', {}],
  ])('stays quiet on a %s with %j', (kind, spec) => {
    expectQuiet('VP-TLS-2', manifest({ kind, metadata: { name: 'x' }, spec }));
  });
  it('reads the scheme in any case, and reports credentials in a custom resource address next to plain HTTP', () => {
    expectFindings('VP-TLS-2', 'error', manifest({ kind: 'SecretStore', metadata: { name: 's' }, spec: { provider: { vault: { server: 'HTTP://vault:8200' } } } }),
      [['Test/M', `SecretStore 's' uses HTTP://vault:8200`]]);
    expectFindings('VP-TLS-2', 'error', manifest({ kind: 'VaultConnection', metadata: { name: 'c' }, spec: { address: 'http://ops:hunter2@vault:8200' } }),
      [['Test/M', `VaultConnection 'c' uses http://ops:hunter2@vault:8200`], ['Test/M', `VaultConnection 'c' carries credentials in its address`]]);
  });
  const vso = (c: Partial<ReleaseConfig>) => release({ name: 'vso', chart: 'vault-secrets-operator', ...c });
  const vsoConnection = "release 'vso' (chart vault-secrets-operator) defaultVaultConnection";
  it.each([
    ['JSON values', { values: json({ defaultVaultConnection: { enabled: true, address: 'http://vault.vault.svc:8200' } }) }],
    ['YAML values', { values: ['defaultVaultConnection:\n  enabled: true\n  address: http://vault.vault.svc:8200\n'] }],
    ['set, on a chart given as repo/name', { chart: 'hashicorp/vault-secrets-operator', set: [{ name: 'defaultVaultConnection.enabled', value: 'true' }, { name: 'defaultVaultConnection.address', value: 'http://vault.vault.svc:8200' }] }],
    ['enabled as the string "false", which the chart\'s if reads as true', { values: json({ defaultVaultConnection: { address: 'http://vault.vault.svc:8200' } }), set: [{ name: 'defaultVaultConnection.enabled', value: 'false', type: 'string' }] }],
    ['enabled: 1', { values: json({ defaultVaultConnection: { enabled: 1, address: 'http://vault.vault.svc:8200' } }) }],
  ])('fires on the Vault Secrets Operator chart\'s default connection over http, from %s', (_what, c) => {
    expectFindings('VP-TLS-2', 'error', vso(c as Partial<ReleaseConfig>), [['Test/R', `${vsoConnection} uses http://vault.vault.svc:8200`]]);
  });
  it('reports credentials in the chart\'s default connection address', () => {
    expectFindings('VP-TLS-2', 'error', vso({ values: json({ defaultVaultConnection: { enabled: true, address: 'https://ops:hunter2@vault:8200' } }) }),
      [['Test/R', `${vsoConnection} carries credentials in its address`]]);
  });
  it.each([
    ['the chart default (no enabled)', { values: json({ defaultVaultConnection: { address: 'http://vault:8200' } }) }],
    ['enabled: false', { values: json({ defaultVaultConnection: { enabled: false, address: 'http://vault:8200' } }) }],
    ['enabled: 0', { values: json({ defaultVaultConnection: { enabled: 0, address: 'http://vault:8200' } }) }],
    ['enabled as an empty string', { values: json({ defaultVaultConnection: { address: 'http://vault:8200' } }), set: [{ name: 'defaultVaultConnection.enabled', value: '', type: 'string' }] }],
    ['enabled turned off by set', { values: json({ defaultVaultConnection: { enabled: true, address: 'http://vault:8200' } }), set: [{ name: 'defaultVaultConnection.enabled', value: 'false' }] }],
    ['an https address', { values: json({ defaultVaultConnection: { enabled: true, address: 'https://vault:8200' } }) }],
    ['no address', { values: json({ defaultVaultConnection: { enabled: true } }) }],
    ['another chart', { chart: 'vault', values: json({ defaultVaultConnection: { enabled: true, address: 'http://vault:8200' } }) }],
  ])('stays quiet on the Vault Secrets Operator chart with %s', (_what, c) => {
    expectQuiet('VP-TLS-2', vso(c as Partial<ReleaseConfig>));
  });
  it('does not judge a default connection enabled or addressed only at apply time', () => {
    expectQuiet('VP-TLS-2', (s) => vso({
      values: json({ defaultVaultConnection: { address: 'http://vault:8200' } }),
      set: [{ name: 'defaultVaultConnection.enabled', value: new TerraformVariable(s, 'On', { type: 'string' }).stringValue }],
    })(s));
    expectQuiet('VP-TLS-2', (s) => vso({
      values: json({ defaultVaultConnection: { enabled: true } }),
      set: [{ name: 'defaultVaultConnection.address', value: new TerraformVariable(s, 'Addr', { type: 'string' }).stringValue }],
    })(s));
  });
});

describe('VP-HELM-1 Vault chart in dev mode', () => {
  const found: Array<[string, string]> = [['Test/R', `release 'vault' sets server.dev.enabled`]];
  it.each([
    ['JSON values', { values: json({ server: { dev: { enabled: true } } }) }],
    ['YAML values', { values: ['server:\n  dev:\n    enabled: true\n'] }],
    ['the string "true"', { values: json({ server: { dev: { enabled: 'true' } } }) }],
    ['set', { set: [{ name: 'server.dev.enabled', value: 'true' }] }],
    ['a chart given as repo/vault', { chart: 'hashicorp/vault', set: [{ name: 'server.dev.enabled', value: 'true' }] }],
    ['values the pack cannot parse', { values: [unparsable('server:\n  dev:\n    enabled: true\n')] }],
    ['unparsable values with comments and quotes', { values: [unparsable('server:\n  dev: # lab\n    # really\n    enabled: "true" # yes\n')] }],
    ['unparsable values with single quotes', { values: [unparsable("server:\n  dev:\n    enabled:   'true'  \n")] }],
  ])('fires on %s', (_what, c) => {
    expectFindings('VP-HELM-1', 'error', release(c as Partial<ReleaseConfig>), found);
  });
  it.each([
    ['dev mode off', { values: json({ server: { dev: { enabled: false } } }) }],
    ['dev mode turned off by set', { values: json({ server: { dev: { enabled: true } } }), set: [{ name: 'server.dev.enabled', value: 'false' }] }],
    ['unparsable values with dev mode off', { values: [unparsable('server:\n  dev:\n    enabled: false\n')] }],
    ['unparsable values where enabled is not under dev', { values: [unparsable('server:\n  dev:\nui:\n  enabled: true\n')] }],
    ['unparsable values with a key merely ending in dev', { values: [unparsable('server:\n  nodev:\n    enabled: true\n')] }],
    ['unparsable values where enabled is only almost true', { values: [unparsable('server:\n  dev:\n    enabled: trueish\n')] }],
    ['another chart', { chart: 'myvault', values: json({ server: { dev: { enabled: true } } }) }],
    ['the operator chart', { chart: 'vault-secrets-operator', values: json({ server: { dev: { enabled: true } } }) }],
  ])('stays quiet on %s', (_what, c) => {
    expectQuiet('VP-HELM-1', release(c as Partial<ReleaseConfig>));
  });
});

describe('VP-HELM-2 Vault chart without TLS', () => {
  it('fires on the chart default, naming the release', () => {
    expectFindings('VP-HELM-2', 'warning', release({ name: 'vault-prod', values: json({ server: {} }) }), [['Test/R', `release 'vault-prod' leaves global.tlsDisable true`]]);
  });
  it.each([['true', true], ['1', 1]])('fires on tlsDisable: %s', (_what, tlsDisable) => {
    expectFindings('VP-HELM-2', 'warning', release({ values: json({ global: { tlsDisable } }) }), [['Test/R', `release 'vault' leaves global.tlsDisable true`]]);
  });
  it.each([['"false"', 'false'], ['"0"', '0']])('fires on tlsDisable as the string %s, which the chart reads as true', (shown, tlsDisable) => {
    expectFindings('VP-HELM-2', 'warning', release({ values: json({ global: { tlsDisable } }) }),
      [['Test/R', `release 'vault' sets global.tlsDisable to the string ${shown}, which the chart reads as true`]]);
  });
  it.each([
    ['false', { values: json({ global: { tlsDisable: false } }) }],
    ['0', { values: json({ global: { tlsDisable: 0 } }) }],
    ['an empty string', { set: [{ name: 'global.tlsDisable', value: '', type: 'string' }] }],
    ['false through set', { set: [{ name: 'global.tlsDisable', value: 'false' }] }],
    ['0 through set', { set: [{ name: 'global.tlsDisable', value: '0' }] }],
    ['false in values the pack cannot parse', { values: [unparsable('global:\n  tlsDisable: false # TLS on\n')] }],
    ['off in values the pack cannot parse', { values: [unparsable('global:\n  tlsDisable: off\n')] }],
    ['no in values the pack cannot parse', { values: [unparsable('global:\n  tlsDisable:   no  # spaced\n')] }],
    ['0 in values the pack cannot parse', { values: [unparsable('global:\n    tlsDisable: 0\n')] }],
    ['another chart', { chart: 'my-app', values: json({ global: { tlsDisable: true } }) }],
  ])('stays quiet on %s', (_what, c) => {
    expectQuiet('VP-HELM-2', release(c as Partial<ReleaseConfig>));
  });
  it('fires on unparsable values that turn TLS off', () => {
    expectFindings('VP-HELM-2', 'warning', release({ values: [unparsable('global:\n  tlsDisable: true\n')] }), [['Test/R', 'leaves global.tlsDisable true']]);
    expectFindings('VP-HELM-2', 'warning', release({ values: [unparsable('global:\n  notlsDisable: false\n')] }), [['Test/R', 'leaves global.tlsDisable true']]);
    expectFindings('VP-HELM-2', 'warning', release({ values: [unparsable('global:\n  tlsDisable: nothing\n')] }), [['Test/R', 'leaves global.tlsDisable true']]);
  });
  it('lets a parsed value win over unparsable text', () => {
    expectFindings('VP-HELM-2', 'warning', release({ values: [unparsable('global:\n  tlsDisable: false\n'), JSON.stringify({ global: { tlsDisable: true } })] }),
      [['Test/R', 'leaves global.tlsDisable true']]);
  });
  it('does not judge a value known only at apply time', () => {
    expectQuiet('VP-HELM-2', (s) => release({ set: [{ name: 'global.tlsDisable', value: new TerraformVariable(s, 'Off', { type: 'string' }).stringValue }] })(s));
  });
  it('leaves a release whose values are partly computed to VP-HELM-3, unless a literal value turns TLS off', () => {
    expectQuiet('VP-HELM-2', release({ values: [Fn.file('values.yaml')] }));
    expectFindings('VP-HELM-2', 'warning', release({ values: [Fn.file('values.yaml')], set: [{ name: 'global.tlsDisable', value: 'true' }] }),
      [['Test/R', `release 'vault' leaves global.tlsDisable true`]]);
  });
});

const clientSecret = (s: TerraformStack) => new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' }).value;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ2YXVsdCJ9.c2lnbmF0dXJl';

describe('VP-SEC-1 secret material in a ConfigMap', () => {
  it('fires on a secret reference in kubernetes_config_map_v1, naming the ConfigMap and key', () => {
    expectFindings('VP-SEC-1', 'error', (s) => { new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { 'config.hcl': `client_secret = "${clientSecret(s)}"` } }); },
      [['Test/Cm', `ConfigMap 'cfg' key 'config.hcl'`]]);
  });
  it('fires on a key named like a secret with a value', () => {
    expectFindings('VP-SEC-1', 'error', (s) => { new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { db_password: 'hunter2', mode: 'x' } }); },
      [['Test/Cm', `ConfigMap 'cfg' key 'db_password'`]]);
  });
  it('fires on a JWT or private key literal under any key', () => {
    expectFindings('VP-SEC-1', 'error', (s) => { new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { a: JWT, b: '-----BEGIN RSA PRIVATE KEY-----\nx' } }); },
      [['Test/Cm', `key 'a'`], ['Test/Cm', `key 'b'`]]);
  });
  it('reads kubernetes_config_map and kubernetes_config_map_v1_data too', () => {
    expectFindings('VP-SEC-1', 'error', (s) => { new ConfigMap(s, 'Cm', { metadata: { name: 'old' }, data: { token: 'abc' } }); }, [['Test/Cm', `ConfigMap 'old' key 'token'`]]);
    expectFindings('VP-SEC-1', 'error', (s) => { new ConfigMapV1Data(s, 'Cm', { metadata: { name: 'patch' }, data: { api_key: 'abc' } }); }, [['Test/Cm', `ConfigMap 'patch' key 'api_key'`]]);
  });
  it('reads the name from a metadata block list', () => {
    expectFindings('VP-SEC-1', 'error', (s) => {
      const cm = new ConfigMap(s, 'Cm', { metadata: { name: 'x' }, data: { token: 'abc' } });
      cm.addOverride('metadata', [{ name: 'listed' }]);
    }, [['Test/Cm', `ConfigMap 'listed' key 'token'`]]);
  });
  it('reads a ConfigMap written as kubernetes_manifest', () => {
    expectFindings('VP-SEC-1', 'error', manifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raw' }, data: { password: 'hunter2' } }), [['Test/M', `ConfigMap 'raw' key 'password'`]]);
  });
  it('reads a ConfigMap manifest without metadata, and skips values that are no strings', () => {
    expectFindings('VP-SEC-1', 'error', manifest({ apiVersion: 'v1', kind: 'ConfigMap', data: { password: 'hunter2', replicas: 3, password_length: 12 } }), [['Test/M', `ConfigMap 'undefined' key 'password'`]]);
  });
  it('stays quiet on other manifests, empty secret-named keys and plain settings', () => {
    expectQuiet('VP-SEC-1', manifest({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'aHVudGVyMg==' }, stringData: { password: 'hunter2' } }));
    expectQuiet('VP-SEC-1', (s) => { new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { password: '', 'config.hcl': 'ui = true', passwordless: 'yes' } }); });
    expectQuiet('VP-SEC-1', manifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'empty' } }));
  });
  it('fires on a whole data map copied from a Secret, and leaves one known only at apply time otherwise', () => {
    const data = (value: string) => (s: TerraformStack) => {
      new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { mode: 'x' } }).addOverride('data', value);
    };
    expectFindings('VP-SEC-1', 'error', data('${kubernetes_secret_v1.creds.data}'), [['Test/Cm', `ConfigMap 'cfg' data is \${kubernetes_secret_v1.creds.data}`]]);
    expectQuiet('VP-SEC-1', data('${var.settings}'));
  });
  it('still reads the data when an override removed the metadata', () => {
    expectFindings('VP-SEC-1', 'error', (s) => {
      new ConfigMapV1Data(s, 'Cm', { metadata: { name: 'patch' }, data: { api_key: 'abc' } }).addOverride('metadata', null);
    }, [['Test/Cm', `ConfigMap 'undefined' key 'api_key'`]]);
  });
  it('reads binary_data and a manifest\'s binaryData too, naming the field', () => {
    expectFindings('VP-SEC-1', 'error', (s) => {
      new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { mode: 'x' }, binaryData: { 'client.key': Fn.base64encode(clientSecret(s)), logo: 'iVBORw0KGgo=', api_key: 'YWJj' } });
    }, [['Test/Cm', `ConfigMap 'cfg' binary_data key 'client.key'`], ['Test/Cm', `ConfigMap 'cfg' binary_data key 'api_key'`]]);
    expectFindings('VP-SEC-1', 'error', (s) => {
      new ConfigMap(s, 'Cm', { metadata: { name: 'old' }, binaryData: { mode: 'eA==' } }).addOverride('binary_data', '${kubernetes_secret.creds.binary_data}');
    }, [['Test/Cm', `ConfigMap 'old' binary_data is \${kubernetes_secret.creds.binary_data}`]]);
    expectFindings('VP-SEC-1', 'error', manifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raw' }, data: { a: 'b' }, binaryData: { token: 'YWJj' } }), [['Test/M', `ConfigMap 'raw' binaryData key 'token'`]]);
  });
});

describe('VP-SEC-2 secret material in Helm values', () => {
  it('fires on a secret reference in values, naming the release and path', () => {
    expectFindings('VP-SEC-2', 'error', (s) => { release({ name: 'x', chart: 'x', values: json({ azure: { config: `id=1;secret=${clientSecret(s)}` } }) })(s); },
      [['Test/R', `release 'x' value 'azure.config'`]]);
  });
  it('fires on a key with secret in the middle of its name, which names no Secret object', () => {
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', values: json({ auth: { client_secret_value: 'abc' } }) }), [['Test/R', `value 'auth.client_secret_value'`]]);
  });
  it('fires on a key named like a secret', () => {
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', values: ['auth:\n  password: hunter2\n'] }), [['Test/R', `release 'x' value 'auth.password'`]]);
  });
  it('takes a key that names a Secret object for a reference, unless its value is secret material', () => {
    expectQuiet('VP-SEC-2', release({ name: 'x', chart: 'x', values: json({ a: { existingSecret: 'creds', tokenSecretName: 'tok', tokenSecretRef: 'tok', client_secret: '' } }) }));
    expectQuiet('VP-SEC-2', release({ name: 'x', chart: 'x', values: json({ server: { tls_secret: 'vault-tls', secret: 'vault-creds', 'db.secretName': 'db' } }) }));
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', values: json({ a: { existingSecret: JWT } }) }), [['Test/R', `value 'a.existingSecret'`]]);
  });
  it('fires on a literal under a secret key in any spelling: client_secret is the secret, not the name of a Secret object', () => {
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', values: json({ a: { client_secret: 'abc', clientSecret: 'abc', 'CLIENT-SECRET': 'abc', 'API-KEY': 'abc', 'api-key': 'abc', 'Private-Key': 'abc' } }) }), [
      ['Test/R', `value 'a.client_secret'`], ['Test/R', `value 'a.clientSecret'`], ['Test/R', `value 'a.CLIENT-SECRET'`],
      ['Test/R', `value 'a.API-KEY'`], ['Test/R', `value 'a.api-key'`], ['Test/R', `value 'a.Private-Key'`],
    ]);
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', set: [{ name: 'auth.API-KEY', value: 'abc' }] }), [['Test/R', `set 'auth.API-KEY'`]]);
  });
  it('reads secretName, existingSecret, secretKeyRef and valueFrom as references in any spelling', () => {
    expectQuiet('VP-SEC-2', release({ name: 'x', chart: 'x', values: json({
      a: { secret_name: 'db', 'existing-secret': 'creds', EXISTING_SECRET: 'creds', secret_key_ref: 'db', client_secret_name: 'azure', clientSecretRef: 'azure', 'tls-secret': 'vault-tls' },
      env: [{ name: 'CLIENT_SECRET', valueFrom: { secretKeyRef: { name: 'azure', key: 'client_secret' } } }],
    }) }));
  });
  it('fires on set entries named like a secret or carrying one, pointing at set_sensitive', () => {
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', set: [{ name: 'auth.token', value: 'abc' }, { name: 'note', value: JWT }, { name: 'replicas', value: '3' }] }), [
      ['Test/R', `release 'x' set 'auth.token' (use set_sensitive)`],
      ['Test/R', `release 'x' set 'note' (use set_sensitive)`],
    ]);
  });
  it('stays quiet on set_sensitive and plain values', () => {
    expectQuiet('VP-SEC-2', release({ name: 'x', chart: 'x', values: json({ replicas: 3, ui: { enabled: true }, image: { tag: '1.19', pullPolicy: '' }, auth: { password: '' } }), set: [{ name: 'image.tag', value: '1.19' }, { name: 'auth.token' }], setSensitive: [{ name: 'auth.token', value: 'abc' }] }));
  });
  it('reads an env-style { name, value } entry by its name', () => {
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', values: json({ extraEnv: [
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'VAULT_TOKEN', value: 'hvs.CAESIJ' },
      { name: 'CLIENT_SECRET', value: '' },
      { name: 'AZURE_FEDERATED_TOKEN_FILE', value: '/var/run/secrets/azure/tokens/azure-identity-token' },
      { name: 'AZURE_CLIENT_SECRET', valueFrom: { secretKeyRef: { name: 'azure', key: 'client_secret' } } },
    ], auth: { name: 'vault', value: 'hunter2', password: 'hunter2' }, metrics: { value: 'on' } }) }), [
      ['Test/R', `release 'x' value 'extraEnv.1.value'`], ['Test/R', `release 'x' value 'auth.password'`],
    ]);
  });
  it('reads a literal Fn.yamlencode or Fn.jsonencode, secret references in it included', () => {
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', values: [Fn.yamlencode({ auth: { password: 'hunter2' }, replicas: 2 })] }), [['Test/R', `release 'x' value 'auth.password'`]]);
    expectFindings('VP-SEC-2', 'error', (s) => release({ name: 'x', chart: 'x', values: [Fn.jsonencode({ azure: { config: clientSecret(s) } })] })(s), [['Test/R', `release 'x' value 'azure.config'`]]);
    expectQuiet('VP-SEC-2', release({ name: 'x', chart: 'x', values: [Fn.yamlencode({ image: { tag: '1.19' } }), Fn.yamlencode(['hunter2']), Fn.yamlencode('password')] }));
  });
  it('fires on a secret reference passed into a values expression it cannot read, naming the document', () => {
    expectFindings('VP-SEC-2', 'error', (s) => release({ name: 'x', chart: 'x', values: ['{}', Fn.templatefile('values.yaml.tpl', { password: clientSecret(s) })] })(s),
      [['Test/R', `release 'x' values[1] passes secret material into an expression`]]);
    expectFindings('VP-SEC-2', 'error', (s) => release({ name: 'x', chart: 'x', values: [Fn.yamlencode([clientSecret(s)])] })(s), [['Test/R', `release 'x' values[0] passes secret material`]]);
    expectQuiet('VP-SEC-2', release({ name: 'x', chart: 'x', values: [Fn.file('values.yaml'), Fn.templatefile('values.yaml.tpl', { replicas: 3 })] }));
  });
  it('skips a values entry an override wrote as no string', () => {
    expectQuiet('VP-SEC-2', (s) => { new Release(s, 'R', { name: 'x', chart: 'x' }).addOverride('values', [3, { password: 'hunter2' }]); });
  });
  it('takes an absolute path under a key naming a file for where a secret is read from, and anything else for a secret', () => {
    expectQuiet('VP-SEC-2', release({ name: 'x', chart: 'x', values: json({ env: { AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token' }, auth: { token_path: '/vault/secrets/token' } }) }));
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', values: json({ auth: {
      token_file: 'hvs.CAESIJ/k3Qm9',
      password_file: '/k3Qm9xL2\nvTn3Zk9x',
      api_key_file_content: '/Zk9x2Lq8vTn3',
      password: '/Zk9x2Lq8vTn3',
    } }) }), [['Test/R', `value 'auth.token_file'`], ['Test/R', `value 'auth.password_file'`], ['Test/R', `value 'auth.api_key_file_content'`], ['Test/R', `value 'auth.password'`]]);
  });
  it('reads a set block an override wrote as one object, and skips empty set values', () => {
    expectFindings('VP-SEC-2', 'error', (s) => { new Release(s, 'R', { name: 'x', chart: 'x' }).addOverride('set', { name: 'auth.password', value: 'hunter2' }); },
      [['Test/R', `release 'x' set 'auth.password' (use set_sensitive)`]]);
    expectQuiet('VP-SEC-2', release({ name: 'x', chart: 'x', set: [{ name: 'auth.token', value: '' }] }));
  });
  it('skips set and set_list entries an override left null or scalar, and still judges the others', () => {
    expectFindings('VP-SEC-2', 'error', (s) => {
      const r = new Release(s, 'R', { name: 'x', chart: 'x' });
      r.addOverride('set', [null, 'auth.token', { name: 'auth.password', value: 'hunter2' }]);
      r.addOverride('set_list', [null, 5]);
    }, [['Test/R', `release 'x' set 'auth.password' (use set_sensitive)`]]);
  });
  it('fires on set_list entries named like a secret or carrying one, in a list or as one object', () => {
    expectFindings('VP-SEC-2', 'error', (s) => release({ name: 'x', chart: 'x', setList: [
      { name: 'server.extraArgs', value: ['-log-level=info', `-client-secret=${clientSecret(s)}`] },
      { name: 'auth.token', value: ['abc'] },
      { name: 'auth.password', value: [''] },
      { name: 'ingress.hosts', value: ['vault.example'] },
    ] })(s), [['Test/R', `release 'x' set_list 'server.extraArgs' (use set_sensitive)`], ['Test/R', `release 'x' set_list 'auth.token' (use set_sensitive)`]]);
    expectFindings('VP-SEC-2', 'error', (s) => { new Release(s, 'R', { name: 'x', chart: 'x' }).addOverride('set_list', { name: 'auth.token', value: ['abc'] }); },
      [['Test/R', `release 'x' set_list 'auth.token' (use set_sensitive)`]]);
    expectQuiet('VP-SEC-2', (s) => { new Release(s, 'R', { name: 'x', chart: 'x' }).addOverride('set_list', [{ name: 'auth.token', value: '${var.tokens}' }]); });
  });
});

describe('VP-SEC-3 output carrying secret material', () => {
  it('fires on an output of a secret reference, naming the output', () => {
    expectFindings('VP-SEC-3', 'error', (s) => { new TerraformOutput(s, 'Token', { value: new VaultToken(s, 'T', {}).clientToken }); },
      [['Test/Token', /output 'Token' = "\$\{vault_token\.T\.client_token\}"/]]);
  });
  it('fires on an output that is explicitly not sensitive, and on a literal JWT', () => {
    expectFindings('VP-SEC-3', 'error', (s) => { new TerraformOutput(s, 'Secret', { value: clientSecret(s), sensitive: false }); }, [['Test/Secret', `output 'Secret'`]]);
    expectFindings('VP-SEC-3', 'error', (s) => { new TerraformOutput(s, 'Jwt', { value: JWT }); }, [['Test/Jwt', `output 'Jwt'`]]);
  });
  it('reads sensitive as Terraform does: the string "true" hides the output, "false" does not', () => {
    expectQuiet('VP-SEC-3', (s) => { new TerraformOutput(s, 'Secret', { value: clientSecret(s) }).addOverride('sensitive', 'true'); });
    expectFindings('VP-SEC-3', 'error', (s) => { new TerraformOutput(s, 'Secret', { value: clientSecret(s) }).addOverride('sensitive', 'false'); }, [['Test/Secret', `output 'Secret'`]]);
  });
  it('stays quiet on sensitive outputs and outputs of plain attributes', () => {
    expectQuiet('VP-SEC-3', (s) => {
      new TerraformOutput(s, 'Token', { value: new VaultToken(s, 'T', {}).clientToken, sensitive: true });
      new TerraformOutput(s, 'Accessor', { value: new VaultToken(s, 'T2', {}).id });
      new TerraformOutput(s, 'Plain', { value: 'hello' });
    });
  });
});

describe('VP-ACME-1 ACME issuer without contact email', () => {
  const acme = { server: 'https://acme-v02.api.letsencrypt.org/directory', privateKeySecretRef: { name: 'le-account' }, solvers: [] };
  it('fires on an issuer without metadata', () => {
    expectFindings('VP-ACME-1', 'warning', manifest({ kind: 'Issuer', spec: { acme } }), [['Test/M', `Issuer 'undefined' has spec.acme without email`]]);
  });
  it.each(['Issuer', 'ClusterIssuer'])('fires on an %s without email', (kind) => {
    expectFindings('VP-ACME-1', 'warning', manifest({ kind, metadata: { name: 'le' }, spec: { acme } }), [['Test/M', `${kind} 'le' has spec.acme without email`]]);
  });
  it('fires on an empty email', () => {
    expectFindings('VP-ACME-1', 'warning', manifest({ kind: 'Issuer', metadata: { name: 'le' }, spec: { acme: { ...acme, email: '' } } }), [['Test/M', 'without email']]);
  });
  it('stays quiet with an email, on issuers without ACME, and on other kinds', () => {
    expectQuiet('VP-ACME-1', manifest({ kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme: { ...acme, email: 'ops@example.com' } } }));
    expectQuiet('VP-ACME-1', manifest({ kind: 'ClusterIssuer', metadata: { name: 'vault' }, spec: { vault: { server: 'https://vault:8200' } } }));
    expectQuiet('VP-ACME-1', manifest({ kind: 'Certificate', metadata: { name: 'c' }, spec: { acme } }));
  });
});

describe('VP-HELM-3 Vault chart values the pack cannot read', () => {
  it('fires on values from a file, naming the release and the expression', () => {
    expectFindings('VP-HELM-3', 'warning', release({ name: 'vault-prod', values: [Fn.file('values.yaml')] }),
      [['Test/R', `release 'vault-prod' takes values computed at apply time: \${file("values.yaml")}`]]);
  });
  it('lists every unreadable document and computed set name, and shortens a long one to its start', () => {
    expectFindings('VP-HELM-3', 'warning', (s) => release({
      values: [Fn.file('a'.repeat(109)), Fn.file('b'.repeat(110))],
      set: [{ name: new TerraformVariable(s, 'Key', { type: 'string' }).stringValue, value: 'true' }],
    })(s), [['Test/R', `takes values computed at apply time: \${file("${'a'.repeat(109)}")}, \${file("${'b'.repeat(109)}...`]]);
    const [finding] = findingsOf('VP-HELM-3', release({ values: [Fn.file('b'.repeat(110))] }));
    expect(finding.message).toContain(`\${file("${'b'.repeat(109)}...`);
    expect(finding.message).not.toContain('b'.repeat(110));
  });
  it('stays quiet on literal values, a literal yamlencode, and other charts', () => {
    expectQuiet('VP-HELM-3', release({ values: json({ global: { tlsDisable: false } }) }));
    expectQuiet('VP-HELM-3', release({ values: [Fn.yamlencode({ global: { tlsDisable: false } })] }));
    expectQuiet('VP-HELM-3', release({ chart: 'my-app', values: [Fn.file('values.yaml')] }));
  });
});

describe('VP-AZURE-3 Azure role that can assign roles', () => {
  const SUB = '/subscriptions/00000000-0000-0000-0000-000000000002';
  it('fires on each privileged role, by name in any case or by definition id, naming the role and scope', () => {
    expectFindings('VP-AZURE-3', 'error', azureRole({ azureRoles: [
      { roleName: 'owner', scope: SUB },
      { roleName: 'Reader', scope: SUB },
      { roleName: 'Reader', roleId: '/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', scope: `${SUB}/resourceGroups/dns` },
    ] }), [
      ['Test/AzureRole', `role 'certmanager' leases Owner on ${SUB}`],
      ['Test/AzureRole', `role 'certmanager' leases User Access Administrator on ${SUB}/resourceGroups/dns`],
    ]);
  });
  it('stays quiet on other roles, roles known only at apply time, and roles without azure_roles', () => {
    expectQuiet('VP-AZURE-3', azureRole({ azureRoles: [{ roleName: 'DNS Zone Contributor', scope: SUB }] }));
    expectQuiet('VP-AZURE-3', (s) => azureRole({ azureRoles: [{ roleName: new TerraformVariable(s, 'Role', { type: 'string' }).stringValue, scope: SUB }] })(s));
    expectQuiet('VP-AZURE-3', azureRole({}));
  });
  it('names a role by the literal end of a definition id built at apply time', () => {
    expectFindings('VP-AZURE-3', 'error', (s) => {
      const sub = new TerraformVariable(s, 'Sub', { type: 'string' }).stringValue;
      azureRole({ azureRoles: [
        { roleId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`, scope: sub },
        { roleId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`, scope: sub },
      ] })(s);
    }, [['Test/AzureRole', `role 'certmanager' leases Owner on \${var.Sub}`]]);
  });
  it('reads one azure_roles block written as an object, and skips entries that are no blocks or hold no strings', () => {
    const overridden = (azureRoles: unknown) => (s: TerraformStack) => {
      azureRole({})(s);
      (s.node.findChild('AzureRole') as AzureSecretBackendRole).addOverride('azure_roles', azureRoles);
    };
    expectFindings('VP-AZURE-3', 'error', overridden({ role_name: 'Role Based Access Control Administrator', scope: SUB }), [['Test/AzureRole', `role 'certmanager' leases Role Based Access Control Administrator on ${SUB}`]]);
    expectQuiet('VP-AZURE-3', overridden([null, { role_name: 'Reader', role_id: 5, scope: SUB }]));
  });
});

describe('VP-POL-2 Vault policy the pack cannot read', () => {
  it('fires on a policy from a file, naming every expression', () => {
    expectFindings('VP-POL-2', 'warning', policy(`${block('kv/data/a')}\${file("extra.hcl")}\n\${var.more}`, 'from-file'),
      [['Test/P', `policy 'from-file' is (partly) computed at apply time: \${file("extra.hcl")}, \${var.more}`]]);
  });
  it('fires on text Vault cannot parse, saying why, but not on text that is partly computed', () => {
    expectFindings('VP-POL-2', 'warning', policy('path "kv/data/a" {\n  capabilities = ["read"]\n', 'broken'), [['Test/P', /^\[VP-POL-2\] .*policy 'broken' does not parse as a Vault policy \(.+\); Vault refuses it\./]]);
    expectFindings('VP-POL-2', 'warning', policy('path "kv/data/${var.team}" {\n', 'partial'), [['Test/P', `policy 'partial' is (partly) computed at apply time: \${var.team}`]]);
  });
  it('fires on a policy that is not a string', () => {
    expectFindings('VP-POL-2', 'warning', (s) => { policy(block('kv/data/a'))(s); (s.node.findChild('P') as Policy).addOverride('policy', 5); }, [['Test/P', `policy 'admin' is not a string`]]);
  });
  it('stays quiet on a literal policy Vault reads', () => {
    expectQuiet('VP-POL-2', policy(block('kv/data/a')));
  });
});

describe('VP-CI-2 Vault policy that can write ACL policies beyond the names it manages', () => {
  it('fires on writes to ACL policies by pattern, naming the path and only the write capabilities', () => {
    expectFindings('VP-CI-2', 'error', policy(block('sys/policies/acl/*', '"read", "list", "sudo", "patch", "delete"'), 'ci'), [['Test/P', `policy 'ci' allows patch, delete on "sys/policies/acl/*"`]]);
    expectFindings('VP-CI-2', 'error', policy(block('sys/policy/team-*', '"create"'), 'ci'), [['Test/P', `policy 'ci' allows create on "sys/policy/team-*"`]]);
    expectFindings('VP-CI-2', 'error', policy(block('sys/policies/+/*', '"update"'), 'ci'), [['Test/P', `policy 'ci' allows update on "sys/policies/+/*"`]]);
  });
  it('reads the policy as Vault does: old-style policy = "write", JSON, a leading slash', () => {
    expectFindings('VP-CI-2', 'error', policy('path "sys/policies/acl/*" {\n  policy = "write"\n}\n', 'ci'), [['Test/P', `policy 'ci' allows create, update, delete on "sys/policies/acl/*"`]]);
    expectFindings('VP-CI-2', 'error', policy('{"path": {"sys/policy/*": {"capabilities": ["update"]}}}', 'ci'), [['Test/P', `policy 'ci' allows update on "sys/policy/*"`]]);
    expectFindings('VP-CI-2', 'error', policy(block('/sys/*', '"create"'), 'ci'), [['Test/P', `policy 'ci' allows create on "sys/*"`]]);
  });
  it('shows an apply-time part of a path as ${...}', () => {
    expectFindings('VP-CI-2', 'error', policy(block('sys/policies/acl/${var.team}-*', '"update"'), 'ci'), [['Test/P', `policy 'ci' allows update on "sys/policies/acl/\${...}-*"`]]);
  });
  it('stays quiet when deny overrides the writes, on exact names, and on paths that only look alike', () => {
    expectQuiet('VP-CI-2', policy(block('sys/policies/acl/*', '"create", "deny"'), 'ci'));
    expectQuiet('VP-CI-2', policy(block('sys/policies/acl/deploy', '"create", "update", "delete"'), 'ci'));
    // A KV v1 mount named secret, holding copies of policies: not Vault's ACL endpoint.
    expectQuiet('VP-CI-2', policy(block('secret/sys/policy/*', '"create"'), 'ci'));
  });
  it('leaves a glob in the first segment to VP-POL-1', () => {
    for (const path of ['sys*', '+/policies/acl/*']) {
      const found = judge(policy(block(path, '"create"'), 'ci'));
      expect(found.filter((f) => f.ruleId === 'VP-CI-2')).toEqual([]);
      expect(found.filter((f) => f.ruleId === 'VP-POL-1').map((f) => f.message)).toContainEqual(expect.stringContaining(`policy 'ci' has path "${path}"`));
    }
  });
  it('stays quiet on a policy it cannot read: not a string, or not parsing', () => {
    expectQuiet('VP-CI-2', (s) => { policy(block('sys/policies/acl/*', '"create"'))(s); (s.node.findChild('P') as Policy).addOverride('policy', 5); });
    expectQuiet('VP-CI-2', policy('path "sys/policies/acl/*" {\n  capabilities = ["create"]\n', 'ci'));
  });
});

// Branches the tests above left out (issue #19: coverage of rule-behaviour.test.ts over lib/checks/rules).

describe('VP-POL-1 on vault_policy_document rules', () => {
  const doc = (rule: unknown) => (s: TerraformStack) => { s.addOverride('data.vault_policy_document.d', { rule }); };
  it('fires on a mount-wide glob or sudo in a typed rule, skipping paths and capabilities that are no strings', () => {
    expectFindings('VP-POL-1', 'error', doc([
      { path: '*', capabilities: ['read', 5] },
      { path: 'sys/raw', capabilities: ['sudo'] },
      { path: 5, capabilities: ['sudo'] },
      { path: 'kv/data/app', capabilities: 'sudo' },
      null,
    ]), [['Test', 'policy document rule has path "*"'], ['Test', 'policy document rule grants sudo on "sys/raw"']]);
  });
  it('judges a path computed in part as a policy\'s text is judged, naming it as written', () => {
    expectFindings('VP-POL-1', 'error', doc([
      { path: '${var.p}', capabilities: ['sudo'] },
      { path: 'sys/${var.x}', capabilities: ['update'] },
      { path: '${var.mount}/data/*', capabilities: ['read'] },
      { path: '${var.n + 1}/data/app', capabilities: ['read'] },
    ]), [['Test', 'policy document rule grants sudo on "${var.p}"'], ['Test', 'policy document rule grants update on "sys/${var.x}", Vault\'s own configuration']]);
  });
  it('stays quiet on rules inside one mount, and on a document without rules', () => {
    expectQuiet('VP-POL-1', doc([{ path: 'kv/data/app', capabilities: ['read'] }]));
    expectQuiet('VP-POL-1', (s) => { s.addOverride('data.vault_policy_document.d', { rule: 'x' }); });
  });
  it('reads one rule block written as an object, as Terraform JSON allows', () => {
    expectFindings('VP-POL-1', 'error', doc({ path: 'sys/raw', capabilities: ['read', 'sudo'] }), [['Test', 'policy document rule grants sudo on "sys/raw"']]);
    expectFindings('VP-POL-1', 'error', (s) => {
      new DataVaultPolicyDocument(s, 'Doc', {}).addOverride('rule', { path: '+/creds/x', capabilities: ['read'] });
    }, [['Test/Doc', 'policy document rule has path "+/creds/x"']]);
    expectQuiet('VP-POL-1', doc({ path: 'kv/data/app', capabilities: ['read'] }));
  });
});

describe('VP-ENTRA-1 on inline application passwords and timeadd end dates', () => {
  const app = (body: Record<string, unknown>) => (s: TerraformStack) => { s.addOverride('resource.azuread_application.app', body); };
  it('judges every inline password block, as a list or a single block, by the application name', () => {
    expectFindings('VP-ENTRA-1', 'error', app({ display_name: 'ci', password: [{ display_name: 'p1' }, null, { end_date_relative: '20000h' }] }), [
      ['Test', `'application 'ci' password' sets neither end_date nor end_date_relative`],
      ['Test', `'application 'ci' password' sets neither end_date nor end_date_relative`],
      ['Test', `'application 'ci' password' expires after 20000h`],
    ]);
    expectFindings('VP-ENTRA-1', 'error', app({ password: { end_date_relative: 'forever' } }), [['Test', `'application 'application' password' has end_date_relative 'forever', which is not a Go duration like 4380h`]]);
    expectQuiet('VP-ENTRA-1', app({ display_name: 'ci' }));
  });
  it('reads end_date = timeadd(plantimestamp() or timestamp(), d) by its duration', () => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDate: '${timeadd(plantimestamp(), "20000h")}' }), [['Test/Pw', `'ci' expires after 20000h`]]);
    expectFindings('VP-ENTRA-1', 'error', secret({ endDate: '${timeadd(timestamp(),"2y")}' }), [['Test/Pw', `'ci' has end_date timeadd(..., "2y"), which is not a Go duration like 4380h`]]);
    expectQuiet('VP-ENTRA-1', secret({ endDate: '${timeadd(plantimestamp(), "4380h")}' }));
    expectQuiet('VP-ENTRA-1', secret({ endDate: '${timeadd(var.start, "20000h")}' }));
  });
  it('reads the end_date cdktf writes for Fn.timeadd, over two years or not', () => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDate: Fn.timeadd(Fn.plantimestamp(), '17521h') }), [['Test/Pw', `'ci' expires after 17521h`]]);
    expectQuiet('VP-ENTRA-1', secret({ endDate: Fn.timeadd(Fn.plantimestamp(), '17520h') }));
  });
  it('does not judge a timeadd whose duration is known only at apply time', () => {
    // cdktf writes `${hours}h` inside the call as the template "${var.hours}h".
    expectQuiet('VP-ENTRA-1', (s) => secret({ endDate: Fn.timeadd(Fn.plantimestamp(), `${new TerraformVariable(s, 'Hours', { type: 'string' }).stringValue}h`) })(s));
    expectQuiet('VP-ENTRA-1', (s) => secret({ endDate: Fn.timeadd(Fn.plantimestamp(), new TerraformVariable(s, 'Ttl', { type: 'string' }).stringValue) })(s));
  });
  it('judges by its duration only an end_date that is one timeadd call and nothing else', () => {
    // Escaped (`$${`), the call is literal text: no time at all.
    const literal = '$${timeadd(plantimestamp(), "4380h")}';
    expectFindings('VP-ENTRA-1', 'error', secret({ endDate: literal }), [['Test/Pw', `'ci' has end_date '${literal}', which is not an RFC 3339 time`]]);
    // With more around it, the value is known only at apply time.
    expectQuiet('VP-ENTRA-1', secret({ endDate: '${var.day}${timeadd(plantimestamp(), "87600h")}' }));
    expectQuiet('VP-ENTRA-1', secret({ endDate: '${timeadd(plantimestamp(), "87600h")}${var.suffix}' }));
  });
});

describe('VP-AUTH-1 namespace selectors', () => {
  it('fires on a selector that selects every namespace, naming it', () => {
    expectFindings('VP-AUTH-1', 'error', role({ boundServiceAccountNamespaces: [], boundServiceAccountNamespaceSelector: '{"matchLabels":{}}' }),
      [['Test/Role', `role 'app' has bound_service_account_namespace_selector "{\\"matchLabels\\":{}}", which selects every namespace`]]);
  });
  it('stays quiet on a selector with labels, an empty or computed one', () => {
    expectQuiet('VP-AUTH-1', role({ boundServiceAccountNamespaces: [], boundServiceAccountNamespaceSelector: '{"matchLabels":{"team":"a"}}' }));
    expectQuiet('VP-AUTH-1', role({ boundServiceAccountNamespaceSelector: '  ' }));
    expectQuiet('VP-AUTH-1', (s) => role({ boundServiceAccountNamespaceSelector: new TerraformVariable(s, 'Sel', { type: 'string' }).stringValue })(s));
  });
});

describe('VP-CI-1 JWT auth role binding no exact repository', () => {
  /** The CI role of ci-rule-cases.ts with attributes written as an override writes them. */
  const overridden = (attrs: Record<string, unknown>, c: Parameters<typeof jwtRole>[0] = {}) => (s: TerraformStack) => {
    jwtRole(c)(s);
    for (const [name, value] of Object.entries(attrs)) (s.node.findChild('JwtRole') as JwtAuthBackendRole).addOverride(name, value);
  };
  it('fires on a role with neither claims nor subject, an empty or a null subject counting as none', () => {
    const none = [['Test/JwtRole', `role 'ci' has no bound_claims and no bound_subject`]] as Array<[string, string]>;
    expectFindings('VP-CI-1', 'error', jwtRole({ boundClaims: undefined }), none);
    expectFindings('VP-CI-1', 'error', jwtRole({ boundClaims: undefined, boundSubject: '' }), none);
    expectFindings('VP-CI-1', 'error', overridden({ bound_claims: null, bound_subject: null }), none);
  });
  it('judges a jwt role with redirect URIs, and a role of no stated type with an empty list of them', () => {
    const none = [['Test/JwtRole', `role 'ci' has no bound_claims and no bound_subject`]] as Array<[string, string]>;
    expectFindings('VP-CI-1', 'error', jwtRole({ boundClaims: undefined, allowedRedirectUris: ['https://vault.example/oidc/callback'] }), none);
    expectFindings('VP-CI-1', 'error', jwtRole({ roleType: undefined, boundClaims: undefined, allowedRedirectUris: [] }), none);
  });
  it('does not judge claims known only at apply time as a whole', () => {
    expectQuiet('VP-CI-1', overridden({ bound_claims: '${var.claims}' }));
  });
  it('fires on a subject glob only when no identity claim binds the role', () => {
    expectFindings('VP-CI-1', 'error', jwtRole({ boundClaims: undefined, boundSubject: 'repo:moelove/*' }), [['Test/JwtRole', `role 'ci' binds bound_subject = "repo:moelove/*", which Vault compares as exact text (no glob): no job can log in; bind the exact subject`]]);
    expectFindings('VP-CI-1', 'error', jwtRole({ boundClaims: { ref: 'refs/heads/main' }, boundSubject: 'repo:moelove/homelab:ref:refs/heads/?ain' }), [['Test/JwtRole', `role 'ci' binds bound_subject = "repo:moelove/homelab:ref:refs/heads/?ain"`]]);
    expectQuiet('VP-CI-1', jwtRole({ boundSubject: 'repo:moelove/*' }));
  });
  it('fires on a blank identity claim, and on ? or * only with glob matching', () => {
    expectFindings('VP-CI-1', 'error', jwtRole({ boundClaims: { repository: '', environment: 'production' } }), [['Test/JwtRole', /: role 'ci' binds repository = ""\. CI issuers/]]);
    expectFindings('VP-CI-1', 'error', jwtRole({ boundClaims: { repository: '  ' } }), [['Test/JwtRole', `role 'ci' binds repository = "  "`]]);
    expectFindings('VP-CI-1', 'error', jwtRole({ boundClaims: { repository_id: '12?45' }, boundClaimsType: 'glob' }), [['Test/JwtRole', `role 'ci' binds repository_id = "12?45" with glob matching`]]);
    expectQuiet('VP-CI-1', jwtRole({ boundClaims: { repository: 'moelove/*' } }));
    expectQuiet('VP-CI-1', jwtRole({ boundClaims: { repository: 'moelove/*' }, boundClaimsType: 'string' }));
  });
  it('fires on a comma list of repositories, unless Vault is told not to split it', () => {
    expectFindings('VP-CI-1', 'error', jwtRole({ boundClaims: { repository: 'moelove/homelab,evil/fork' } }),
      [['Test/JwtRole', `role 'ci' binds repository = "moelove/homelab,evil/fork", which Vault reads as a list of repositories`]]);
    expectQuiet('VP-CI-1', jwtRole({ boundClaims: { repository: 'moelove/homelab,evil/fork' }, disableBoundClaimsParsing: true }));
    expectQuiet('VP-CI-1', overridden({ disable_bound_claims_parsing: 'true' }, { boundClaims: { repository: 'moelove/homelab,evil/fork' } }));
    expectFindings('VP-CI-1', 'error', overridden({ disable_bound_claims_parsing: 'false' }, { boundClaims: { repository: 'moelove/homelab,evil/fork' } }),
      [['Test/JwtRole', 'which Vault reads as a list of repositories']]);
  });
  it('judges a claim computed at apply time by its literal text', () => {
    expectFindings('VP-CI-1', 'error', (s) => jwtRole({ boundClaims: { repository: `${new TerraformVariable(s, 'Org', { type: 'string' }).stringValue}/*` }, boundClaimsType: 'glob' })(s),
      [['Test/JwtRole', `role 'ci' binds repository = "\${var.Org}/*" with glob matching`]]);
    expectQuiet('VP-CI-1', (s) => jwtRole({ boundClaims: { repository: Fn.join(',', new TerraformVariable(s, 'Repos', { type: 'list(string)' }).listValue) } })(s));
    expectQuiet('VP-CI-1', (s) => jwtRole({ boundClaims: { repository: new TerraformVariable(s, 'Repo', { type: 'string' }).stringValue }, boundClaimsType: 'glob' })(s));
  });
});

describe('VP-PKI-1 public suffixes', () => {
  it('fires on a public suffix with subdomains or globs, or as a wildcard', () => {
    expectFindings('VP-PKI-1', 'error', pki({ allowedDomains: ['com'], allowSubdomains: true }), [['Test/R', `role 'web' allows names under the public suffix 'com'`]]);
    expectFindings('VP-PKI-1', 'error', pki({ allowedDomains: ['co.uk'], allowGlobDomains: true }), [['Test/R', `allows names under the public suffix 'co.uk'`]]);
    expectFindings('VP-PKI-1', 'error', pki({ allowedDomains: ['*.github.io'] }), [['Test/R', `allows names under the public suffix '*.github.io'`]]);
  });
  it('stays quiet on a bare public suffix without subdomains, on computed domains, and on own domains', () => {
    expectQuiet('VP-PKI-1', pki({ allowedDomains: ['com'] }));
    expectQuiet('VP-PKI-1', (s) => pki({ allowedDomains: [new TerraformVariable(s, 'D', { type: 'string' }).stringValue], allowSubdomains: true })(s));
    expectQuiet('VP-PKI-1', pki({ allowedDomains: [Fn.lower('COM')], allowSubdomains: true }));
    expectQuiet('VP-PKI-1', pki({ allowedDomains: ['example.com'], allowSubdomains: true }));
  });
  it('judges a glob by the domain every name it matches ends in', () => {
    expectFindings('VP-PKI-1', 'error', pki({ allowedDomains: ['*example.com', 'example*.com', 'api.*.com', 'example.*', '*.app*.co.uk', '*'], allowGlobDomains: true }), [
      ['Test/R', `role 'web' allows names under the public suffix '*example.com'`],
      ['Test/R', `role 'web' allows names under the public suffix 'example*.com'`],
      ['Test/R', `role 'web' allows names under the public suffix 'api.*.com'`],
      ['Test/R', `role 'web' allows names under the public suffix 'example.*'`],
      ['Test/R', `role 'web' allows names under the public suffix '*.app*.co.uk'`],
      ['Test/R', `role 'web' allows names under the public suffix '*'`],
    ]);
    expectQuiet('VP-PKI-1', pki({ allowedDomains: ['app-*.example.com', '*.example.com', 'example.com'], allowGlobDomains: true }));
  });
  it('without glob domains reads a * only as the wildcard label of a public suffix, or as every name', () => {
    expectFindings('VP-PKI-1', 'error', pki({ allowedDomains: ['*', '*.co.uk'] }), [
      ['Test/R', `role 'web' allows names under the public suffix '*'`],
      ['Test/R', `role 'web' allows names under the public suffix '*.co.uk'`],
    ]);
    expectQuiet('VP-PKI-1', pki({ allowedDomains: ['example*.com', '*.example.com'], allowSubdomains: true }));
  });
  it('skips entries that are no strings, and finds nothing to name without allowed_domains', () => {
    expectFindings('VP-PKI-1', 'error', (s) => {
      pki({ allowSubdomains: true })(s);
      (s.node.findChild('R') as PkiSecretBackendRole).addOverride('allowed_domains', [5, 'example.com', 'net']);
    }, [['Test/R', `role 'web' allows names under the public suffix 'net'`]]);
    expectQuiet('VP-PKI-1', pki({ allowSubdomains: true, allowGlobDomains: true }));
  });
});

describe('VP-KV-2 firewall entries', () => {
  const open = (ipRules: string[]) => keyVault({ publicNetworkAccessEnabled: true, networkAcls: { defaultAction: 'Deny', bypass: 'None', ipRules } });
  it('fires on each entry that is no public range, and on a list too wide in all', () => {
    expectFindings('VP-KV-2', 'error', open(['0.0.0.0/0', 'not-an-ip', '203.0.113.0/24']), [
      ['Test/Kv', `key vault 'kv-unseal' has ip_rules entry '0.0.0.0/0', which must not open the firewall to every address (0.0.0.0/0)`],
      ['Test/Kv', `key vault 'kv-unseal' has ip_rules entry 'not-an-ip', which must hold IPv4 addresses or CIDR ranges like 203.0.113.0/24`],
    ]);
    expectFindings('VP-KV-2', 'error', open(['8.0.0.0/16', '9.0.0.0/16', '11.0.0.0/16', '12.0.0.0/16', '13.0.0.0/16']), [['Test/Kv', `key vault 'kv-unseal' has ip_rules that must open at most`]]);
  });
  it('stays quiet on narrow public ranges and computed entries', () => {
    expectQuiet('VP-KV-2', (s) => open(['203.0.113.0/24', new TerraformVariable(s, 'Ip', { type: 'string' }).stringValue])(s));
  });
});

describe('rules over blocks an override left bare', () => {
  it('judge a kubernetes_manifest without a manifest and an output without a value as nothing, without failing', () => {
    expect(judge((s) => {
      s.addOverride('resource.kubernetes_manifest.bare', { field_manager: { force_conflicts: true } });
      s.addOverride('output.bare', { description: 'no value' });
    })).toEqual([]);
  });
});

describe('VP-TLS-2 on the vault provider', () => {
  it('names the alias, and reports credentials in the address', () => {
    expectFindings('VP-TLS-2', 'error', (s) => { new VaultProvider(s, 'lab', { alias: 'lab', address: 'http://vault:8200' }); }, [['Test/lab', `vault provider (alias 'lab') uses http://vault:8200`]]);
    expectFindings('VP-TLS-2', 'error', (s) => { new VaultProvider(s, 'vault', { address: 'https://ops:hunter2@vault:8200' }); }, [['Test/vault', 'vault provider carries credentials in its address']]);
  });
  it('stays quiet on https, on manifests of other kinds, and on addresses known only at apply time', () => {
    expectQuiet('VP-TLS-2', (s) => { new VaultProvider(s, 'vault', { address: 'https://vault:8200' }); });
    expectQuiet('VP-TLS-2', manifest({ kind: 'Deployment', metadata: { name: 'x' }, spec: { address: 'http://vault:8200' } }));
    expectQuiet('VP-TLS-2', (s) => { new VaultProvider(s, 'vault', { address: new TerraformVariable(s, 'Addr', { type: 'string' }).stringValue }); });
  });
});
