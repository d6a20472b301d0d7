import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  AzureSecretsEngine, Certificate, KvV2Mount, PkiIssuer, VaultAuth, VaultConnection, VaultIssuer, VaultK8sAuth, VaultStaticSecret,
} from '../lib';
import { onlyResource, synth, testStack } from './helpers';

const TENANT = '11111111-1111-1111-1111-111111111111';
const SUB = '22222222-2222-2222-2222-222222222222';
const variable = (stack: TerraformStack, name: string, type = 'string') => new TerraformVariable(stack, name, { type });

describe('values known only at apply time', () => {
  it('binds a role to ServiceAccounts and namespaces given as list variables', () => {
    const stack = testStack();
    const role = new VaultK8sAuth(stack, 'Auth').addRole('Role', {
      roleName: 'app',
      serviceAccountNames: variable(stack, 'sas', 'list(string)').listValue,
      namespaces: variable(stack, 'nss', 'list(string)').listValue,
    });
    expect(role.roleName).toBe('app');
    expect(onlyResource(stack, 'vault_kubernetes_auth_backend_role').bound_service_account_names).toBe('${var.sas}');
  });

  it('writes a PKI role max TTL and a mount max lease TTL given as number variables', () => {
    const stack = testStack();
    const pki = new PkiIssuer(stack, 'Pki', { rootCa: { commonName: 'example.com' }, maxLeaseTtl: variable(stack, 'lease', 'number').numberValue });
    pki.addRole('Web', { roleName: 'web', allowedDomains: ['example.com'], allowSubdomains: true, maxTtl: variable(stack, 'ttl', 'number').numberValue });
    synth(stack);
    expect(onlyResource(stack, 'vault_pki_secret_backend_role').max_ttl).toBe('${var.ttl}');
    expect(onlyResource(stack, 'vault_mount').max_lease_ttl_seconds).toBe('${var.lease}');
  });

  it('accepts namespaces given as variables where props must agree on one', () => {
    const stack = testStack();
    const ns = variable(stack, 'ns').stringValue;
    const other = variable(stack, 'other').stringValue;
    const auth = new VaultK8sAuth(stack, 'Auth');
    const role = auth.addRole('Role', { roleName: 'app', serviceAccountNames: ['app'], namespaces: ['apps'] });
    const connection = new VaultConnection(stack, 'Conn', {
      name: 'vault', namespace: ns, server: { address: 'https://vault.example.com', caCert: { name: 'ca', key: 'ca.crt', namespace: other } },
    });
    const vaultAuth = new VaultAuth(stack, 'VsoAuth', { name: 'app', namespace: ns, connection, role });
    expect(() => new VaultStaticSecret(stack, 'Static', {
      name: 'app', namespace: other, auth: vaultAuth, kv: new KvV2Mount(stack, 'Kv', { path: 'kv' }), path: 'app', secretName: 'app',
    })).not.toThrow();

    const pki = new PkiIssuer(stack, 'Pki', { rootCa: { commonName: 'example.com' } });
    const pkiRole = pki.addRole('Web', { roleName: 'web', allowedDomains: ['example.com'], allowSubdomains: true });
    const issuerRole = auth.addRole('Issuer', { roleName: 'issuer', serviceAccountNames: ['issuer'], namespaces: ['apps'] });
    const issuer = new VaultIssuer(stack, 'Issuer', { name: 'vault-issuer', namespace: 'apps', server: { address: 'https://vault.example.com' }, pkiRole, authRole: issuerRole });
    expect(() => new Certificate(stack, 'Cert', { name: 'www', namespace: other, issuer, dnsNames: ['www.example.com'] })).not.toThrow();
  });

  it('grants an engine\'s credentials only for its own roles, even on the same mount path', () => {
    const stack = testStack();
    const a = new AzureSecretsEngine(stack, 'A', { tenantId: TENANT, subscriptionId: SUB });
    const b = new AzureSecretsEngine(testStack('Other'), 'B', { tenantId: TENANT, subscriptionId: SUB });
    const app = { clientId: TENANT, applicationObjectId: SUB };
    const role = b.addRole('Role', { roleName: 'r', application: app });
    const authRole = new VaultK8sAuth(stack, 'Auth').addRole('Role', { roleName: 'app', serviceAccountNames: ['app'], namespaces: ['apps'] });
    expect(() => a.grantCredentials(role, authRole)).toThrow(/'role' must be a role added with this engine's addRole/);
    expect(() => a.grantCredentials(a.addRole('Own', { roleName: 'own', application: app }), authRole)).not.toThrow();
  });
});
