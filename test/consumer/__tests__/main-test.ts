import 'cdktf/lib/testing/adapters/jest';
import { App, Testing, TerraformStack } from 'cdktf';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { SecurityChecks } from 'vault-platform-constructs/checks';
import { PaymentsStack } from '../main';

describe('PaymentsStack', () => {
  const synthesized = () => Testing.synth(new PaymentsStack(Testing.app(), 'team-payments'));

  it('binds the role to the API service account on the platform auth mount', () => {
    expect(synthesized()).toHaveResourceWithProperties(KubernetesAuthBackendRole, {
      backend: 'kubernetes',
      role_name: 'payments-api',
      bound_service_account_names: ['payments-api'],
      bound_service_account_namespaces: ['payments'],
    });
  });

  it('grants read on the API paths only', () => {
    expect(synthesized()).toHaveResourceWithProperties(Policy, {
      policy: expect.stringContaining('path "payments/data/api/*"'),
    });
  });

  it('keeps the depends_on the library writes', () => {
    const manifests = JSON.parse(synthesized()).resource[Manifest.tfResourceType] as Record<string, { depends_on?: string[] }>;
    const externalSecret = Object.entries(manifests).find(([id]) => id.startsWith('DbPassword'));
    expect(externalSecret?.[1].depends_on).toEqual(expect.arrayContaining([expect.stringContaining('kubernetes_manifest.Store')]));
  });

  it('matches the snapshot', () => {
    expect(synthesized()).toMatchSnapshot();
  });

  it('fails the synth of a hand-written path "*" sudo policy', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'rogue');
    new VaultProvider(stack, 'vault', {});
    new Policy(stack, 'Admin', { name: 'admin', policy: 'path "*" {\n  capabilities = ["create", "read", "update", "delete", "list", "sudo"]\n}\n' });
    SecurityChecks.applyTo(app, { failOnError: true });
    expect(() => (app as App).synth()).toThrow(/\[VP-POL-1\]/);
  });
});

describe('entry points', () => {
  it('resolve under jest', () => {
    const { entryPoints } = require('../entry-points') as typeof import('../entry-points');
    for (const [name, entry] of Object.entries(entryPoints)) expect([name, Object.keys(entry).length > 0]).toEqual([name, true]);
  });
});
