import { Policy } from '@cdktf/provider-vault/lib/policy';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { SecurityChecks, suppressRule } from '../../lib/checks';
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

  it('requires a reason of at least four words', () => {
    expect(() => suppressRule(testStack(), 'VP-POL-1', 'needed')).toThrow(/suppressRule 'Test': 'reason' for VP-POL-1 must say why in at least four words \(got 'needed'\)/);
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
