import { DataVaultPolicyDocument } from '@cdktf/provider-vault/lib/data-vault-policy-document';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Aspects, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Construct, Node } from 'constructs';
import { ALL_RULES, Rule, SecurityChecks, SecurityChecksError, suppressRule } from '../../lib/checks';
import { buildAll } from '../../stacks/main';
import { VaultPolicy } from '../../lib/vault/policy';
import { synth, testApp, testStack, warningsOf } from '../helpers';

const ADMIN = 'path "*" {\n  capabilities = ["read"]\n}\n';

describe('SecurityChecks', () => {
  it('reports a finding as a warning annotation on the library construct, with id, what and why', () => {
    const stack = testStack();
    const p = new VaultPolicy(stack, 'Admin', { policyName: 'admin', allowWildcardPaths: true, rules: [{ path: '*', capabilities: ['read'] }] });
    Aspects.of(stack).add(new SecurityChecks());
    synth(stack);
    expect(warningsOf(p)).toContainEqual(expect.stringMatching(/^\[VP-POL-1\] Vault policy grants on a mount-wide glob or grants sudo: policy 'admin' has path "\*"\. .*root/));
  });

  it('fails the synth on an error-level finding with failOnError', () => {
    const app = testApp();
    const stack = new TerraformStack(app, 'Test');
    new VaultProvider(stack, 'vault', {});
    new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    Aspects.of(stack).add(new SecurityChecks({ failOnError: true }));
    expect(() => app.synth()).toThrow(/\[VP-POL-1\]/);
  });

  it('runs on every stack with applyTo, where an Aspect on the App alone is never invoked', () => {
    const withProvider = (app: ReturnType<typeof testApp>) => {
      const stack = new TerraformStack(app, 'Test');
      new VaultProvider(stack, 'vault', {});
      new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    };
    const onApp = testApp();
    withProvider(onApp);
    const ignored = new SecurityChecks({ failOnError: true });
    Aspects.of(onApp).add(ignored);
    expect(() => onApp.synth()).not.toThrow();
    expect(ignored.findings).toEqual([]);

    const app = testApp();
    withProvider(app);
    SecurityChecks.applyTo(app, { failOnError: true });
    expect(() => app.synth()).toThrow(/\[VP-POL-1\]/);
  });

  it('fails the app program\'s synth when a team adds an insecure resource to a stack', () => {
    const app = buildAll(testApp(), { only: ['eso-vault-kv'] });
    new Policy(app.node.findChild('eso-vault-kv'), 'TeamAdmin', { name: 'admin', policy: ADMIN });
    expect(() => app.synth()).toThrow(/\[VP-POL-1\]/);
  });

  it('judges provider configurations too, reporting on the provider', () => {
    const stack = testStack();
    const insecure = new VaultProvider(stack, 'vault', { alias: 'lab', skipTlsVerify: true });
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    synth(stack);
    expect(checks.findings).toEqual([expect.objectContaining({ ruleId: 'VP-TLS-1', level: 'error', path: 'Test/vault' })]);
    expect(warningsOf(insecure)).toEqual([expect.stringMatching(/^\[VP-TLS-1\] TLS verification is disabled: vault provider \(alias 'lab'\) sets skip_tls_verify = true\./)]);
  });

  it('silences a suppressed rule on a provider', () => {
    const stack = testStack();
    const lab = new VaultProvider(stack, 'vault', { skipTlsVerify: true });
    suppressRule(lab, 'VP-TLS-1', 'throwaway kind cluster with a self-signed dev listener');
    const checks = new SecurityChecks({ failOnError: true });
    Aspects.of(stack).add(checks);
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(checks.unsuppressed).toEqual([]);
  });

  it('silences a suppressed rule on the construct and below, keeping the reason', () => {
    const stack = testStack();
    const scope = new Construct(stack, 'Break-glass');
    new Policy(scope, 'Raw', { name: 'admin', policy: ADMIN });
    suppressRule(scope, 'VP-POL-1', 'break-glass admin policy, sealed in a separate namespace');
    const checks = new SecurityChecks({ failOnError: true });
    Aspects.of(stack).add(checks);
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(warningsOf(stack)).toEqual([]);
    expect(checks.findings).toEqual([expect.objectContaining({ ruleId: 'VP-POL-1', suppressedBecause: 'break-glass admin policy, sealed in a separate namespace' })]);
    expect(checks.unsuppressed).toEqual([]);
  });

  it('does not silence other rules', () => {
    const stack = testStack();
    new Policy(stack, 'Raw', { name: 'admin', policy: 'path "*" {\n  capabilities = ["sudo"]\n}\n' });
    suppressRule(stack, 'VP-AUTH-1', 'no auth roles in this stack at all');
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    synth(stack);
    expect(checks.unsuppressed.map((f) => f.ruleId)).toEqual(['VP-POL-1', 'VP-POL-1']);
  });


  it('never changes the synthesized configuration', () => {
    const build = () => {
      const stack = testStack();
      new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
      return stack;
    };
    const plain = synth(build());
    const checked = build();
    Aspects.of(checked).add(new SecurityChecks());
    expect(synth(checked)).toEqual(plain);
  });
});

/** A stack with a vault provider, ready for `app.synth()`. */
function appStack(options: { skipValidation?: boolean } = {}): { app: App; stack: TerraformStack } {
  const app = testApp();
  const stack = new TerraformStack(options.skipValidation ? Testing.stubVersion(new App({ outdir: app.outdir, stackTraces: false, skipValidation: true })) : app, 'Test');
  new VaultProvider(stack, 'vault', {});
  return { app: stack.node.scope as App, stack };
}

/** The stack's cdk.tf.json as `app.synth()` wrote it, `//` metadata included. */
function written(app: App, stack = 'Test'): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

describe('SecurityChecks judges the final configuration of each stack', () => {
  it('sees a resource that only a stack override adds, and reports it on the stack', () => {
    const { app, stack } = appStack();
    stack.addOverride('resource.vault_policy.x', { name: 'sneaky', policy: ADMIN });
    const checks = SecurityChecks.applyTo(app);
    app.synth();
    expect(checks.findings).toEqual([expect.objectContaining({ ruleId: 'VP-POL-1', level: 'error', path: 'Test', address: 'vault_policy.x' })]);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^\[VP-POL-1\] .*policy 'sneaky' has path "\*"/)]);
  });

  it("sees a library resource's own override, and reports it on the library construct", () => {
    const stack = testStack();
    const p = new VaultPolicy(stack, 'Reader', { policyName: 'reader', rules: [{ path: 'kv/data/app', capabilities: ['read'] }] });
    p.resource.addOverride('policy', ADMIN);
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    synth(stack);
    expect(checks.findings).toEqual([expect.objectContaining({ ruleId: 'VP-POL-1', path: 'Test/Reader', address: expect.stringMatching(/^vault_policy\.Reader_[0-9A-F]{8}$/) })]);
    expect(warningsOf(p)).toHaveLength(1);
  });

  it('sees a stack override that changes a library resource, and reports it on the library construct', () => {
    const stack = testStack();
    const p = new VaultPolicy(stack, 'Reader', { policyName: 'reader', rules: [{ path: 'kv/data/app', capabilities: ['read'] }] });
    stack.addOverride(`resource.vault_policy.${p.resource.friendlyUniqueId}.policy`, ADMIN);
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    synth(stack);
    expect(checks.findings).toEqual([expect.objectContaining({ ruleId: 'VP-POL-1', path: 'Test/Reader' })]);
  });

  it('reports a raw provider resource on the resource itself', () => {
    const stack = testStack();
    new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    synth(stack);
    expect(checks.findings).toEqual([expect.objectContaining({ path: 'Test/Raw', address: 'vault_policy.Raw' })]);
  });

  it('renders each stack once: the synth writes the very configuration the pack judged', () => {
    const build = (withPack: boolean) => {
      const { app, stack } = appStack();
      new Policy(stack, 'Raw', { name: 'reader', policy: 'path "kv/data/app" {\n  capabilities = ["read"]\n}\n' });
      if (withPack) SecurityChecks.applyTo(app, { failOnError: true });
      return app;
    };
    const render = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    try {
      build(false).synth();
      const plain = render.mock.calls.length;
      render.mockClear();
      build(true).synth();
      expect(render.mock.calls.length).toBe(plain);
    } finally {
      render.mockRestore();
    }
  });

  it('lets two packs judge one stack, each once', () => {
    const { app, stack } = appStack();
    new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    const first = SecurityChecks.applyTo(app);
    const second = new SecurityChecks({ rules: [ALL_RULES.find((r) => r.id === 'VP-POL-1')!] });
    Aspects.of(stack).add(second);
    app.synth();
    expect(first.findings.map((f) => f.ruleId)).toEqual(['VP-POL-1']);
    expect(second.findings.map((f) => f.ruleId)).toEqual(['VP-POL-1']);
    expect(written(app).resource.vault_policy.Raw.policy).toBe(ADMIN);
  });

  it('judges only below the construct an Aspect was added to', () => {
    const stack = testStack();
    const team = new Construct(stack, 'Team');
    new Policy(team, 'Mine', { name: 'mine', policy: ADMIN });
    new Policy(stack, 'Other', { name: 'other', policy: ADMIN });
    const checks = new SecurityChecks();
    Aspects.of(team).add(checks);
    synth(stack);
    expect(checks.findings.map((f) => f.path)).toEqual(['Test/Team/Mine']);
  });
});

describe('SecurityChecks never aborts on a broken rule', () => {
  const broken: Rule = {
    id: 'TEAM-BROKEN-1', level: 'warning', summary: 'never says anything', why: 'it is broken', appliesTo: ['vault_policy'],
    check: () => { throw new TypeError("Cannot read properties of undefined (reading 'x')"); },
  };

  it('reports the failure as an error finding naming the rule and the element, and goes on', () => {
    const stack = testStack();
    const p = new VaultPolicy(stack, 'Admin', { policyName: 'admin', allowWildcardPaths: true, rules: [{ path: '*', capabilities: ['read'] }] });
    const checks = new SecurityChecks({ rules: [broken, ...ALL_RULES] });
    Aspects.of(stack).add(checks);
    expect(() => synth(stack)).not.toThrow();
    expect(checks.findings.map((f) => [f.ruleId, f.level, f.path])).toEqual([['TEAM-BROKEN-1', 'error', 'Test/Admin'], ['VP-POL-1', 'error', 'Test/Admin']]);
    expect(warningsOf(p)).toContainEqual(expect.stringMatching(/^\[TEAM-BROKEN-1\] the rule failed on vault_policy\.Admin_\w+ \(Test\/Admin\/Resource\): Cannot read properties of undefined \(reading 'x'\)\. Report it as a bug/));
  });

  it('fails the synth with failOnError like any error finding, unless the rule is suppressed there', () => {
    const build = () => {
      const stack = testStack();
      new Policy(stack, 'Raw', { name: 'reader', policy: 'path "kv/data/app" {\n  capabilities = ["read"]\n}\n' });
      Aspects.of(stack).add(new SecurityChecks({ rules: [broken], failOnError: true }));
      return stack;
    };
    expect(() => synth(build())).toThrow(/\[Test\/Raw\] \[TEAM-BROKEN-1\] the rule failed on vault_policy\.Raw/);
    const waived = build();
    suppressRule(waived, broken, 'rule crashes on raw policies, fix tracked in TEAM-12');
    expect(() => synth(waived)).not.toThrow();
  });
});

describe('SecurityChecks writes suppressions into the synthesized configuration', () => {
  it("lists each waived finding under the block's // metadata, with the rule, the finding, the reason and where it was declared", () => {
    const { app, stack } = appStack();
    const scope = new Construct(stack, 'Break-glass');
    new Policy(scope, 'Raw', { name: 'admin', policy: ADMIN });
    suppressRule(scope, 'VP-POL-1', 'break-glass admin policy, sealed in a separate namespace');
    SecurityChecks.applyTo(app, { failOnError: true });
    app.synth();
    const block = written(app).resource.vault_policy['Break-glass_Raw_4E2E6B1C'] ?? Object.values(written(app).resource.vault_policy)[0];
    expect(block['//'].metadata.path).toBe('Test/Break-glass/Raw');
    expect(block['//'].suppressed).toEqual([
      { rule: 'VP-POL-1', finding: 'policy \'admin\' has path "*"', reason: 'break-glass admin policy, sealed in a separate namespace', suppressedOn: 'Test/Break-glass' },
    ]);
    expect(block.policy).toBe(ADMIN);
  });

  it('writes nothing into blocks without a waived finding', () => {
    const { app, stack } = appStack();
    new Policy(stack, 'Raw', { name: 'reader', policy: 'path "kv/data/app" {\n  capabilities = ["read"]\n}\n' });
    SecurityChecks.applyTo(app, { failOnError: true });
    app.synth();
    expect(JSON.stringify(written(app))).not.toContain('"suppressed"');
  });
});

describe('suppressRule', () => {
  it('requires a reason of at least four words with letters', () => {
    expect(() => suppressRule(testStack(), 'VP-POL-1', 'needed')).toThrow(/^suppressRule 'Test': 'reason' for VP-POL-1 must say why in at least four words with letters in them \(got 'needed'\)$/);
    expect(() => suppressRule(testStack(), 'VP-POL-1', '. . . .')).toThrow(/'reason' for VP-POL-1 must say why in at least four words with letters in them \(got '\. \. \. \.'\)/);
    expect(() => suppressRule(testStack(), 'VP-POL-1', '1 2 3 4 5')).toThrow(/'reason'/);
    expect(() => suppressRule(testStack(), 'VP-POL-1', 'lab only, no data')).not.toThrow();
  });

  it('refuses an unknown or lowercase rule id, listing the ids it knows', () => {
    expect(() => suppressRule(testStack(), 'vp-pol-1', 'break-glass admin policy for the runbook')).toThrow(/^suppressRule 'Test': 'ruleId' must be the id of a rule of the pack, in capitals \(.*VP-ACME-1, .*VP-TLS-2\), or a custom Rule object \(got 'vp-pol-1'\)$/);
    expect(() => suppressRule(testStack(), 'VP-POL-9', 'break-glass admin policy for the runbook')).toThrow(/'ruleId' .* \(got 'VP-POL-9'\)/);
  });

  it("accepts a custom rule's id once the rule is known", () => {
    const custom: Rule = { id: 'TEAM-NAME-1', level: 'warning', summary: 's', why: 'w', appliesTo: [], check: () => [] };
    expect(() => suppressRule(testStack(), 'TEAM-NAME-1', 'we know this one is noisy')).toThrow(/'ruleId'/);
    new SecurityChecks({ rules: [custom] });
    expect(() => suppressRule(testStack(), 'TEAM-NAME-1', 'we know this one is noisy')).not.toThrow();
  });

  it('refuses the App root, which would waive the rule for every stack', () => {
    const app = testApp();
    expect(() => suppressRule(app, 'VP-POL-1', 'nothing here is production anyway')).toThrow(/^suppressRule '': 'construct' must be a stack or a construct inside one: a suppression on the App would waive the rule for every stack \(got '\(the App\)'\)$/);
    expect(() => suppressRule(new Construct(app, 'Loose'), 'VP-POL-1', 'nothing here is production anyway')).toThrow(/'construct' must be a stack or a construct inside one.*\(got 'Loose'\)/);
  });

  it('names every problem in one error', () => {
    expect(() => suppressRule(testApp(), 'nope', 'x')).toThrow(/'ruleId'[\s\S]*'reason'[\s\S]*'construct'/);
  });
});

describe('failOnError holds in any environment', () => {
  const ENV = 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS';
  const insecure = (options: { skipValidation?: boolean } = {}) => {
    const { app, stack } = appStack(options);
    new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    SecurityChecks.applyTo(app, { failOnError: true });
    return app;
  };

  it('throws one readable error listing the error findings, with the construct of each', () => {
    let thrown: unknown;
    try {
      insecure().synth();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SecurityChecksError);
    const error = thrown as SecurityChecksError;
    expect(error.stackPath).toBe('Test');
    expect(error.findings.map((f) => [f.ruleId, f.path])).toEqual([['VP-POL-1', 'Test/Raw']]);
    expect(error.message).toMatch(/^SecurityChecks: stack 'Test' has 1 unsuppressed error finding \(fix it, or suppressRule\(construct, ruleId, reason\) .*\):\n {2}\[Test\/Raw\] \[VP-POL-1\] Vault policy grants/);
  });

  it(`still fails when ${ENV} is set, which turns cdktf's own error-annotation gate off`, () => {
    const saved = process.env[ENV];
    process.env[ENV] = 'true';
    try {
      // cdktf reads the variable when a stack is created, and only checks that it is set.
      const app = insecure();
      expect(() => app.synth()).toThrow(SecurityChecksError);
    } finally {
      if (saved === undefined) delete process.env[ENV];
      else process.env[ENV] = saved;
    }
  });

  it('fails a second synth of the same app too', () => {
    const app = insecure();
    expect(() => app.synth()).toThrow(SecurityChecksError);
    expect(() => app.synth()).toThrow(SecurityChecksError);
  });

  it('still fails when the App skips validations', () => {
    expect(() => insecure({ skipValidation: true }).synth()).toThrow(SecurityChecksError);
  });

  it('still fails when the synth renders HCL (SYNTH_HCL_OUTPUT)', () => {
    const saved = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const app = insecure();
      expect(() => app.synth()).toThrow(SecurityChecksError);
    } finally {
      if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = saved;
    }
  });

  it('does not fail on warnings, nor without failOnError', () => {
    const { app, stack } = appStack();
    new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    const checks = SecurityChecks.applyTo(app);
    expect(() => app.synth()).not.toThrow();
    expect(checks.unsuppressed).toHaveLength(1);
  });
});

describe('SecurityChecks finds owners in the tree, not in the JSON', () => {
  it('does not believe a // path an override forges to borrow another construct\'s suppression', () => {
    const stack = testStack();
    const innocent = new Construct(stack, 'Innocent');
    new Policy(innocent, 'Resource', { name: 'reader', policy: 'path "kv/data/app" {\n  capabilities = ["read"]\n}\n' });
    suppressRule(innocent, 'VP-POL-1', 'this team may hold a wide policy');
    stack.addOverride('resource.vault_policy.x', { name: 'sneaky', policy: ADMIN, '//': { metadata: { path: 'Test/Innocent/Resource' } } });
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    synth(stack);
    expect(checks.findings).toEqual([expect.objectContaining({ path: 'Test', address: 'vault_policy.x', suppressedBecause: undefined })]);
  });
});

describe('the rule pack on cdktf', () => {
  it("uses only cdktf's public API: nothing under lib/ imports cdktf/lib/* (such as cdktf/lib/_tokens)", () => {
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const lib = path.join(__dirname, '..', '..', 'lib');
    const offenders = files(lib).filter((f) => /['"]cdktf\/lib\//.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(lib, f));
    expect(offenders).toEqual([]);
  });
});

// What the engine hands a rule and where each finding lands, seen through a
// rule that reports every element it is shown (issue #19: survivors of
// security-checks.ts and suppressions.ts).

/** A warning-level rule that reports every element it sees, with what it saw. */
function spyRule(appliesTo: string[], id = 'TEAM-SPY-1'): Rule {
  return {
    id, level: 'warning', summary: 'Spy sees an element', why: 'It reports every element it is shown.', appliesTo,
    check: (e) => [`${e.kind} ${e.type} node=${e.node.node.path} construct=${e.construct.node.path}`],
  };
}

/** The unsuppressed findings of `rules` over the stack `build` makes, as `[address, path, message]`. */
function spied(build: (stack: TerraformStack) => void, rules: Rule[]): string[][] {
  const stack = testStack();
  build(stack);
  const checks = SecurityChecks.applyTo(stack, { rules });
  synth(stack);
  return checks.findings.map((f) => [f.address, f.path, f.message]);
}

describe('SecurityChecks shows each rule every element of its types', () => {
  it('resources, data sources, providers with and without alias, and outputs, each at its address', () => {
    const found = spied((s) => {
      new VaultPolicy(s, 'Lib', { policyName: 'lib', rules: [{ path: 'kv/data/app', capabilities: ['read'] }] });
      new Policy(s, 'Raw', { name: 'raw', policy: ADMIN });
      new DataVaultPolicyDocument(s, 'Doc', { rule: [{ path: 'kv/data/app', capabilities: ['read'] }] });
      new VaultProvider(s, 'vault', {});
      new VaultProvider(s, 'lab', { alias: 'lab' });
      new TerraformOutput(s, 'Out', { value: 'plain' });
    }, [spyRule(['vault_policy', 'vault_policy_document', 'provider.vault', 'output'])]);
    const lib = found[0][0];
    expect(lib).toMatch(/^vault_policy\.Lib_[0-9A-F]{8}$/);
    expect(found).toEqual([
      [lib, 'Test/Lib', '[TEAM-SPY-1] Spy sees an element: resource vault_policy node=Test/Lib/Resource construct=Test/Lib. It reports every element it is shown.'],
      ['vault_policy.Raw', 'Test/Raw', expect.stringContaining(': resource vault_policy node=Test/Raw construct=Test/Raw.')],
      ['data.vault_policy_document.Doc', 'Test/Doc', expect.stringContaining(': data vault_policy_document node=Test/Doc construct=Test/Doc.')],
      ['provider.vault', 'Test/vault', expect.stringContaining(': provider provider.vault node=Test/vault construct=Test/vault.')],
      ['provider.vault.lab', 'Test/lab', expect.stringContaining(': provider provider.vault node=Test/lab construct=Test/lab.')],
      ['output.Out', 'Test/Out', expect.stringContaining(': output output node=Test/Out construct=Test/Out.')],
    ]);
  });

  it('shows nothing of types no rule applies to, and runs every rule of a type', () => {
    const found = spied((s) => {
      new Policy(s, 'Raw', { name: 'raw', policy: ADMIN });
      new VaultProvider(s, 'vault', {});
      new TerraformOutput(s, 'Out', { value: 'plain' });
    }, [spyRule(['vault_policy'], 'TEAM-SPY-1'), spyRule(['vault_policy'], 'TEAM-SPY-2')]);
    expect(found.map(([address, , message]) => `${address} ${message.slice(0, 12)}`)).toEqual(['vault_policy.Raw [TEAM-SPY-1]', 'vault_policy.Raw [TEAM-SPY-2]']);
  });

  it('reads a provider configuration an override writes as one object rather than a list', () => {
    const found = spied((s) => { s.addOverride('provider.vault', { address: 'https://vault:8200', skip_tls_verify: true }); }, ALL_RULES.slice());
    expect(found).toEqual([['provider.vault', 'Test', expect.stringMatching(/^\[VP-TLS-1\] .*vault provider sets skip_tls_verify = true/)]]);
  });

  it('skips blocks an override wrote as something other than an object', () => {
    const found = spied((s) => {
      s.addOverride('resource.vault_policy.text', 'admin');
      s.addOverride('resource.vault_policy.number', 5);
      s.addOverride('resource.vault_policy.empty', null);
      new Policy(s, 'Raw', { name: 'raw', policy: ADMIN });
    }, [spyRule(['vault_policy'])]);
    expect(found.map(([address]) => address)).toEqual(['vault_policy.Raw']);
  });

  it('judges below each construct the pack was added to, and each element once', () => {
    const stack = testStack();
    const [a, b, c] = ['A', 'B', 'C'].map((id) => new Construct(stack, id));
    for (const scope of [a, b, c]) new Policy(scope, 'Raw', { name: scope.node.id, policy: ADMIN });
    const inner = new Construct(a, 'Inner');
    new Policy(inner, 'Raw', { name: 'inner', policy: ADMIN });
    const checks = new SecurityChecks({ rules: [spyRule(['vault_policy'])] });
    Aspects.of(a).add(checks);
    Aspects.of(inner).add(checks);
    Aspects.of(c).add(checks);
    synth(stack);
    expect(checks.findings.map((f) => f.path)).toEqual(['Test/A/Raw', 'Test/A/Inner/Raw', 'Test/C/Raw']);
  });
});

describe('SecurityChecks reports a rule that throws anything', () => {
  it('names what was thrown when it is not an Error', () => {
    const throwsText: Rule = { ...spyRule(['vault_policy'], 'TEAM-THROWS-1'), check: () => { throw 'no policy text'; } };
    const found = spied((s) => { new Policy(s, 'Raw', { name: 'raw', policy: ADMIN }); }, [throwsText]);
    expect(found).toEqual([[
      'vault_policy.Raw', 'Test/Raw',
      "[TEAM-THROWS-1] the rule failed on vault_policy.Raw (Test/Raw): no policy text. Report it as a bug in the rule; suppressRule(construct, 'TEAM-THROWS-1', reason) silences it meanwhile",
    ]]);
  });
});

describe('SecurityChecksError', () => {
  it('counts and lists every unsuppressed error finding, one per line', () => {
    const { app, stack } = appStack();
    new Policy(stack, 'One', { name: 'one', policy: ADMIN });
    new Policy(stack, 'Two', { name: 'two', policy: ADMIN });
    SecurityChecks.applyTo(app, { failOnError: true });
    let thrown: unknown;
    try {
      app.synth();
    } catch (e) {
      thrown = e;
    }
    const error = thrown as SecurityChecksError;
    expect(error.name).toBe('SecurityChecksError');
    expect(error.message).toMatch(/^SecurityChecks: stack 'Test' has 2 unsuppressed error findings \(/);
    expect(error.message.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^ {2}\[Test\/One\] \[VP-POL-1\] .*policy 'one' has path "\*"/),
      expect.stringMatching(/^ {2}\[Test\/Two\] \[VP-POL-1\] .*policy 'two' has path "\*"/),
    ]);
  });
});

describe('SecurityChecks writes every waived finding of a block', () => {
  it('also into a block only an override declares, and two findings of one rule in one block', () => {
    const { app, stack } = appStack();
    stack.addOverride('resource.vault_policy.x', { name: 'sneaky', policy: 'path "*" {\n  capabilities = ["sudo"]\n}\n' });
    suppressRule(stack, 'VP-POL-1', 'lab stack, torn down every night');
    const checks = SecurityChecks.applyTo(app, { failOnError: true });
    app.synth();
    expect(checks.unsuppressed).toEqual([]);
    const suppressed = written(app).resource.vault_policy.x['//'].suppressed;
    expect(suppressed.map((s: any) => [s.rule, s.reason, s.suppressedOn])).toEqual([
      ['VP-POL-1', 'lab stack, torn down every night', 'Test'], ['VP-POL-1', 'lab stack, torn down every night', 'Test'],
    ]);
    expect(suppressed[0].finding).not.toEqual(suppressed[1].finding);
  });
});

describe('SecurityChecks with SYNTH_HCL_OUTPUT', () => {
  it('judges the stack once and writes the HCL', () => {
    const saved = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const { app, stack } = appStack();
      new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
      const checks = SecurityChecks.applyTo(app);
      app.synth();
      expect(checks.findings.map((f) => [f.ruleId, f.path])).toEqual([['VP-POL-1', 'Test/Raw']]);
      expect(fs.readFileSync(path.join(app.outdir, 'stacks', 'Test', 'cdk.tf'), 'utf8')).toMatch(/resource "vault_policy" "Raw"/);
    } finally {
      if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = saved;
    }
  });
});

describe('SecurityChecks with SYNTH_HCL_OUTPUT, synthesized twice', () => {
  it('renders the JSON configuration once, to judge it, however often the app writes HCL', () => {
    const saved = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const { app, stack } = appStack();
      new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
      const render = jest.spyOn(TerraformStack.prototype, 'toTerraform');
      try {
        const checks = SecurityChecks.applyTo(app);
        app.synth();
        app.synth();
        expect(render).toHaveBeenCalledTimes(1);
        expect(checks.findings.map((f) => [f.ruleId, f.path])).toEqual([['VP-POL-1', 'Test/Raw']]);
      } finally {
        render.mockRestore();
      }
    } finally {
      if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = saved;
    }
  });
});

describe('suppressRule, in detail', () => {
  it('takes the suppression nearest to the element', () => {
    const stack = testStack();
    const team = new Construct(stack, 'Team');
    new Policy(team, 'Raw', { name: 'admin', policy: ADMIN });
    suppressRule(stack, 'VP-POL-1', 'the whole stack is a lab');
    suppressRule(team, 'VP-POL-1', 'this team runs the break-glass policy');
    const checks = SecurityChecks.applyTo(stack);
    synth(stack);
    expect(checks.findings.map((f) => f.suppressedBecause)).toEqual(['this team runs the break-glass policy']);
  });

  it('keeps the reason trimmed and where it was declared', () => {
    const { app, stack } = appStack();
    new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    suppressRule(stack, 'VP-POL-1', '  lab stack, torn down nightly \n');
    const checks = SecurityChecks.applyTo(app);
    app.synth();
    expect(checks.findings.map((f) => f.suppressedBecause)).toEqual(['lab stack, torn down nightly']);
    expect(written(app).resource.vault_policy.Raw['//'].suppressed).toEqual([
      { rule: 'VP-POL-1', finding: 'policy \'admin\' has path "*"', reason: 'lab stack, torn down nightly', suppressedOn: 'Test' },
    ]);
  });

  it('counts words with letters, split on any whitespace', () => {
    expect(() => suppressRule(testStack(), 'VP-POL-1', 'lab\tonly,\nno  data')).not.toThrow();
    expect(() => suppressRule(testStack(), 'VP-POL-1', 'lab only, 42 data')).toThrow(/'reason' for VP-POL-1 must say why in at least four words/);
    expect(() => suppressRule(testStack(), 'VP-POL-1', 'lab only data')).toThrow(/'reason'/);
    expect(() => suppressRule(testStack(), 'VP-POL-1', undefined as unknown as string)).toThrow(/'reason' for VP-POL-1 must say why/);
  });

  it('makes a custom rule passed as an object known by its id', () => {
    const custom = spyRule([], 'TEAM-KNOWN-1');
    suppressRule(testStack(), custom, 'we know this one is noisy');
    expect(() => suppressRule(testStack(), 'TEAM-KNOWN-1', 'we know this one is noisy')).not.toThrow();
  });

  it('honours a suppression on a stack that is the root of its tree, with no App above it', () => {
    const stack = new TerraformStack(undefined as never, 'Root');
    new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    suppressRule(stack, 'VP-POL-1', 'lab stack, torn down nightly');
    const checks = SecurityChecks.applyTo(stack);
    Testing.synth(stack);
    expect(checks.findings.map((f) => [f.ruleId, f.path, f.suppressedBecause])).toEqual([['VP-POL-1', 'Root/Raw', 'lab stack, torn down nightly']]);
    expect(checks.unsuppressed).toEqual([]);
  });

  it('accepts a construct deep inside a stack', () => {
    const stack = testStack();
    const deep = new Construct(new Construct(stack, 'A'), 'B');
    new Policy(deep, 'Raw', { name: 'admin', policy: ADMIN });
    suppressRule(deep, 'VP-POL-1', 'a lab corner of the stack');
    const checks = SecurityChecks.applyTo(stack);
    synth(stack);
    expect(checks.findings.map((f) => [f.path, f.suppressedBecause])).toEqual([['Test/A/B/Raw', 'a lab corner of the stack']]);
  });
});

describe('SecurityChecks across repeated synths', () => {
  it("fails every synth of a failed stack, also when validations are skipped and cdktf's own gate is off", () => {
    const ENV = 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS';
    const saved = process.env[ENV];
    process.env[ENV] = 'true';
    try {
      const { app, stack } = appStack({ skipValidation: true });
      new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
      SecurityChecks.applyTo(app, { failOnError: true });
      expect(() => app.synth()).toThrow(SecurityChecksError);
      expect(() => app.synth()).toThrow(SecurityChecksError);
    } finally {
      if (saved === undefined) delete process.env[ENV];
      else process.env[ENV] = saved;
    }
  });

  it('fails every HCL synth of a failed stack', () => {
    const saved = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const { app, stack } = appStack();
      new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
      SecurityChecks.applyTo(app, { failOnError: true });
      expect(() => app.synth()).toThrow(SecurityChecksError);
      expect(() => app.synth()).toThrow(SecurityChecksError);
    } finally {
      if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = saved;
    }
  });

  it('writes what the stack holds at each synth, judging it once', () => {
    const { app, stack } = appStack();
    new Policy(stack, 'First', { name: 'first', policy: ADMIN });
    const checks = SecurityChecks.applyTo(app);
    app.synth();
    new Policy(stack, 'Second', { name: 'second', policy: ADMIN });
    app.synth();
    expect(Object.keys(written(app).resource.vault_policy)).toEqual(['First', 'Second']);
    expect(checks.findings.map((f) => f.path)).toEqual(['Test/First']);
  });
});

describe('SecurityChecks places what the JSON does not', () => {
  it('finds outputs and providers declared below a construct', () => {
    const found = spied((s) => {
      const team = new Construct(s, 'Team');
      new VaultProvider(team, 'vault', { alias: 'team' });
      new TerraformOutput(team, 'Out', { value: 'plain' });
    }, [spyRule(['provider.vault', 'output'])]);
    expect(found.map(([address, where]) => [address, where])).toEqual([['provider.vault.team', 'Test/Team/vault'], [expect.stringMatching(/^output\.Team_Out_[0-9A-F]{8}$/), 'Test/Team/Out']]);
  });

  it('reports on the stack a block whose // path names nothing in the tree', () => {
    const found = spied((s) => {
      s.addOverride('resource.vault_policy.x', { name: 'x', policy: ADMIN, '//': { metadata: { path: 'Test/Nowhere/Deeper/Resource' } } });
    }, [spyRule(['vault_policy'])]);
    expect(found.map(([address, where]) => [address, where])).toEqual([['vault_policy.x', 'Test']]);
  });

  it('skips a provider entry an override left empty', () => {
    const found = spied((s) => { s.addOverride('provider.vault', [null, { alias: 'lab', skip_tls_verify: true }]); }, ALL_RULES.slice());
    expect(found.map(([address, where]) => [address, where])).toEqual([['provider.vault.lab', 'Test']]);
  });
});

describe('SecurityChecks.applyTo on a tree of another cdktf copy', () => {
  it('refuses a stack that is not this copy\'s, rather than judging nothing', () => {
    const root = new Construct(undefined as never, '');
    const foreign = new Construct(root, 'Other');
    Object.defineProperty(foreign, Symbol.for('cdktf/TerraformStack'), { value: true });
    expect(() => SecurityChecks.applyTo(root)).toThrow(/two copies of 'cdktf' are loaded/);
  });
});

describe('SecurityChecks costs no extra render on later synths', () => {
  it('renders a stack as often as plain cdktf when the app synthesizes twice', () => {
    const renders = (withPack: boolean): number => {
      const { app, stack } = appStack();
      new Policy(stack, 'Raw', { name: 'reader', policy: 'path "kv/data/app" {\n  capabilities = ["read"]\n}\n' });
      const render = jest.spyOn(TerraformStack.prototype, 'toTerraform');
      try {
        if (withPack) SecurityChecks.applyTo(app);
        app.synth();
        app.synth();
        return render.mock.calls.length;
      } finally {
        render.mockRestore();
      }
    };
    expect(renders(true)).toBe(renders(false));
  });
});

describe('only suppressRule suppresses', () => {
  it('ignores other metadata that happens to name a rule', () => {
    const stack = testStack();
    new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    // Typed as another tool's, or not typed at all.
    for (const type of ['team:review', '']) stack.node.addMetadata(type, { ruleId: 'VP-POL-1', reason: 'looked at it once, seemed fine', path: 'Test' });
    const checks = SecurityChecks.applyTo(stack);
    synth(stack);
    expect(checks.findings.map((f) => [f.ruleId, f.suppressedBecause])).toEqual([['VP-POL-1', undefined]]);
  });
});

describe('SecurityChecks when an override rewrites the // path of a block', () => {
  it('still reports a resource and a data source on their constructs, found by address in the tree', () => {
    const found = spied((s) => {
      const team = new Construct(s, 'Team');
      const raw = new Policy(team, 'Raw', { name: 'raw', policy: ADMIN });
      const doc = new DataVaultPolicyDocument(team, 'Doc', { rule: [{ path: 'kv/data/app', capabilities: ['read'] }] });
      s.addOverride(`resource.vault_policy.${raw.friendlyUniqueId}.//.metadata.path`, 'Test/Elsewhere');
      s.addOverride(`data.vault_policy_document.${doc.friendlyUniqueId}.//.metadata.path`, 'Test/Team/Raw');
    }, [spyRule(['vault_policy', 'vault_policy_document'])]);
    expect(found.map(([address, where]) => [address, where])).toEqual([
      [expect.stringMatching(/^vault_policy\.Team_Raw_[0-9A-F]{8}$/), 'Test/Team/Raw'],
      [expect.stringMatching(/^data\.vault_policy_document\.Team_Doc_[0-9A-F]{8}$/), 'Test/Team/Doc'],
    ]);
  });
});

// What placing an element costs (issue #19: the engine survivors). The pack
// reads each element's owner from the construct tree only when a rule or a
// finding needs it, goes straight to the construct a block's `//` path names,
// and indexes the tree (once) only for what that path does not name. Counted
// as the tree reads the pack makes while rules run: children listed, child
// looked up by id.

interface TreeReads { listed: number; lookedUp: number }

/**
 * Runs `rules` over the stack `build` makes, with `Node.children` and
 * `Node.tryFindChild` counted from the moment the stack is rendered (so only
 * the pack's own reads count). `read(reads)` gives the count so far.
 */
function countingTreeReads(build: (stack: TerraformStack) => void, rules: (reads: () => TreeReads) => Rule[], attach: 'applyTo' | 'aspect' = 'applyTo'): SecurityChecks {
  const stack = testStack();
  build(stack);
  const listed = jest.spyOn(Node.prototype, 'children', 'get');
  const lookedUp = jest.spyOn(Node.prototype, 'tryFindChild');
  try {
    const render = stack.toTerraform.bind(stack);
    stack.toTerraform = () => {
      const tf = render();
      listed.mockClear();
      lookedUp.mockClear();
      return tf;
    };
    const reads = (): TreeReads => ({ listed: listed.mock.calls.length, lookedUp: lookedUp.mock.calls.length });
    let checks: SecurityChecks;
    if (attach === 'applyTo') {
      checks = SecurityChecks.applyTo(stack, { rules: rules(reads) });
    } else {
      checks = new SecurityChecks({ rules: rules(reads) });
      Aspects.of(stack).add(checks);
    }
    synth(stack);
    return checks;
  } finally {
    listed.mockRestore();
    lookedUp.mockRestore();
  }
}

describe('SecurityChecks places an element only when asked, and cheaply', () => {
  const quietRule = (appliesTo: string[], seen: TreeReads[], reads: () => TreeReads): Rule => ({
    id: 'TEAM-QUIET-1', level: 'warning', summary: 'Reads only the configuration', why: 'It never finds anything.', appliesTo,
    check: () => {
      seen.push(reads());
      return [];
    },
  });

  it('reads no tree for a rule that reads only the configuration and finds nothing, also as an Aspect on the stack', () => {
    for (const attach of ['applyTo', 'aspect'] as const) {
      const seen: TreeReads[] = [];
      const checks = countingTreeReads((s) => {
        const team = new Construct(s, 'Team');
        new Policy(team, 'A', { name: 'a', policy: ADMIN });
        new Policy(s, 'B', { name: 'b', policy: ADMIN });
        new VaultProvider(s, 'vault', {});
      }, (reads) => [quietRule(['vault_policy', 'provider.vault'], seen, reads)], attach);
      expect(checks.findings).toEqual([]);
      expect(seen).toEqual([{ listed: 0, lookedUp: 0 }, { listed: 0, lookedUp: 0 }, { listed: 0, lookedUp: 0 }]);
    }
  });

  it("goes straight to the resource or data source a block's // path names, without listing the tree, and only once", () => {
    const placed: Array<[string, TreeReads, TreeReads]> = [];
    countingTreeReads((s) => {
      const team = new Construct(s, 'Team');
      new Policy(new Construct(team, 'Inner'), 'Raw', { name: 'raw', policy: ADMIN });
      new DataVaultPolicyDocument(team, 'Doc', { rule: [{ path: 'kv/data/app', capabilities: ['read'] }] });
    }, (reads) => [{
      ...spyRule(['vault_policy', 'vault_policy_document']),
      check: (view) => {
        const before = reads();
        const path = view.node.node.path;
        const first = reads();
        expect(view.construct.node.path).toBe(path);
        expect(view.node.node.path).toBe(path);
        const again = reads();
        placed.push([path, { listed: first.listed - before.listed, lookedUp: first.lookedUp - before.lookedUp }, { listed: again.listed - first.listed, lookedUp: again.lookedUp - first.lookedUp }]);
        return [];
      },
    }]);
    // One child look-up per step of the path below the stack; nothing more to read it again.
    expect(placed).toEqual([
      ['Test/Team/Inner/Raw', { listed: 0, lookedUp: 3 }, { listed: 0, lookedUp: 0 }],
      ['Test/Team/Doc', { listed: 0, lookedUp: 2 }, { listed: 0, lookedUp: 0 }],
    ]);
  });

  it("finds a provider or an output among the stack's own children without walking the tree below them", () => {
    const placed: Array<[string, number]> = [];
    countingTreeReads((s) => {
      const team = new Construct(s, 'Team');
      new Policy(new Construct(team, 'Inner'), 'Raw', { name: 'raw', policy: ADMIN });
      new VaultProvider(s, 'vault', {});
      new TerraformOutput(s, 'Out', { value: 'plain' });
    }, (reads) => [{
      ...spyRule(['provider.vault', 'output']),
      check: (view) => {
        const before = reads().listed;
        placed.push([view.node.node.path, reads().listed - before]);
        return [];
      },
    }]);
    // The stack's children are listed once, for the first of them; the second reads the same index.
    expect(placed).toEqual([['Test/vault', 1], ['Test/Out', 0]]);
  });
});

describe('SecurityChecks reads a // entry without metadata', () => {
  it('lets a second pack judge a block only an override declares, after the first wrote its waiver there', () => {
    const { app, stack } = appStack();
    stack.addOverride('resource.vault_policy.x', { name: 'sneaky', policy: ADMIN });
    suppressRule(stack, 'VP-POL-1', 'lab stack, torn down every night');
    const first = SecurityChecks.applyTo(app);
    const second = new SecurityChecks({ rules: [ALL_RULES.find((r) => r.id === 'VP-POL-1')!] });
    Aspects.of(stack).add(second);
    app.synth();
    for (const checks of [first, second]) {
      expect(checks.findings.map((f) => [f.ruleId, f.address, f.path, f.suppressedBecause])).toEqual([['VP-POL-1', 'vault_policy.x', 'Test', 'lab stack, torn down every night']]);
    }
    expect(written(app).resource.vault_policy.x['//'].suppressed.map((s: any) => s.rule)).toEqual(['VP-POL-1', 'VP-POL-1']);
  });
});

describe('SecurityChecks reads only what its rules apply to', () => {
  it('never reads the resources, providers or outputs of a type no rule applies to', () => {
    const stack = testStack();
    new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    const read: string[] = [];
    /** An object whose one key counts its reads. */
    const watched = (key: string, value: unknown) => Object.defineProperty({}, key, { enumerable: true, get: () => (read.push(key), value) });
    const render = stack.toTerraform.bind(stack);
    stack.toTerraform = () => {
      const tf = render();
      tf.resource.kubernetes_namespace = watched('Apps', { metadata: [{ name: 'apps' }] });
      tf.provider = { helm: watched('alias', 'lab') };
      tf.output = watched('Out', { value: 'plain' });
      return tf;
    };
    const seen: string[] = [];
    SecurityChecks.applyTo(stack, { rules: [{ ...spyRule(['vault_policy']), check: (view) => (seen.push(view.type), []) }] });
    stack.toTerraform();
    expect(seen).toEqual(['vault_policy']);
    expect(read).toEqual([]);
  });
});

describe('SecurityChecks places an address only a stack override declares', () => {
  it('on the stack, never on an element of a stack nested in it, nor on a construct that is no element', () => {
    const stack = testStack();
    const inner = new TerraformStack(stack, 'Inner');
    new Policy(inner, 'Raw', { name: 'inner', policy: ADMIN });
    new Construct(stack, 'Team');
    stack.addOverride('resource.vault_policy.Raw', { name: 'sneaky', policy: ADMIN });
    // A provider name that is no provider's: nothing in the tree synthesizes at this address.
    stack.addOverride('provider.undefined', { region: 'x' });
    const checks = new SecurityChecks({ rules: [spyRule(['vault_policy', 'provider.undefined'])] });
    checks.visit(stack);
    synth(stack);
    expect(checks.findings.map((f) => [f.address, f.path])).toEqual([['vault_policy.Raw', 'Test'], ['provider.undefined', 'Test']]);
  });
});

describe('SecurityChecks with failOnError and findings of both levels', () => {
  const annotated = (scope: Construct, type: '@cdktf/warn' | '@cdktf/error') => scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === type).map((m) => `${c.node.path} ${String(m.data).slice(0, 14)}`));
  const rules = () => [ALL_RULES.find((r) => r.id === 'VP-POL-1')!, spyRule(['vault_policy'])];

  it('fails on the error-level findings only, annotating those as errors and the warnings as warnings', () => {
    const { app, stack } = appStack();
    new Policy(stack, 'Raw', { name: 'admin', policy: ADMIN });
    const checks = SecurityChecks.applyTo(app, { failOnError: true, rules: rules() });
    let thrown: unknown;
    try {
      app.synth();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SecurityChecksError);
    expect((thrown as SecurityChecksError).findings.map((f) => [f.ruleId, f.level])).toEqual([['VP-POL-1', 'error']]);
    expect(checks.findings.map((f) => [f.ruleId, f.level])).toEqual([['VP-POL-1', 'error'], ['TEAM-SPY-1', 'warning']]);
    expect(annotated(stack, '@cdktf/error')).toEqual(['Test/Raw [VP-POL-1] Vau']);
    expect(annotated(stack, '@cdktf/warn')).toEqual(['Test/Raw [TEAM-SPY-1] S']);
  });

  it('passes with warning-level findings only, annotated as warnings', () => {
    const { app, stack } = appStack();
    new Policy(stack, 'Raw', { name: 'reader', policy: 'path "kv/data/app" {\n  capabilities = ["read"]\n}\n' });
    const checks = SecurityChecks.applyTo(app, { failOnError: true, rules: rules() });
    app.synth();
    expect(checks.findings.map((f) => [f.ruleId, f.level])).toEqual([['TEAM-SPY-1', 'warning']]);
    expect(annotated(stack, '@cdktf/error')).toEqual([]);
    expect(annotated(stack, '@cdktf/warn')).toEqual(['Test/Raw [TEAM-SPY-1] S']);
  });
});
