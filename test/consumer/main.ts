import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { SecurityChecks } from 'vault-platform-constructs/checks';
import { ExternalSecret, VaultSecretStore } from 'vault-platform-constructs/secrets-sync';
import { KvV2Mount, VaultK8sAuth } from 'vault-platform-constructs/vault';

/** The payments team's secrets: its own KV mount, read by its API through ESO. */
export class PaymentsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new VaultProvider(this, 'vault', {});
    new KubernetesProvider(this, 'kubernetes', {});

    const kv = new KvV2Mount(this, 'Kv', { path: 'payments' });
    // The platform team's stacks own the auth mount at `kubernetes`: add a role to it, never a second mount.
    const auth = VaultK8sAuth.fromMount(this, 'KubernetesAuth', 'kubernetes');
    const role = auth.addRole('Api', {
      roleName: 'payments-api',
      serviceAccountNames: ['payments-api'],
      namespaces: ['payments'],
      tokenTtl: '15m',
    });
    kv.grantRead(role, 'api/*');

    const store = new VaultSecretStore(this, 'Store', {
      name: 'payments-vault',
      namespace: 'payments',
      server: { address: 'https://vault.vault.svc.cluster.local:8200' },
      kv,
      role,
    });
    new ExternalSecret(this, 'DbPassword', {
      name: 'db-password',
      namespace: 'payments',
      store,
      targetSecretName: 'db-password',
      data: [{ secretKey: 'password', key: 'payments/api/db', property: 'password' }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new PaymentsStack(app, 'team-payments');
  SecurityChecks.applyTo(app, { failOnError: true });
  app.synth();
}
