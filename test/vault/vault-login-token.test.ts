import { TerraformStack, TerraformVariable } from 'cdktf';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { VaultK8sAuthRoleOptions } from '../../lib/vault/k8s-auth-role';
import { VaultLoginToken, VaultLoginTokenProps } from '../../lib/vault/vault-login-token';
import { synthObject, testStack } from '../helpers';

function build(props: Partial<VaultLoginTokenProps> = {}, role: Partial<VaultK8sAuthRoleOptions> = {}, stack: TerraformStack = testStack()): VaultLoginToken {
  const authRole = new VaultK8sAuth(stack, 'Auth', { path: 'atlantis' }).addRole('Role', { roleName: 'atlantis', serviceAccountNames: ['atlantis'], namespaces: ['atlantis'], ...role });
  return new VaultLoginToken(stack, 'Login', { role: authRole, server: { address: 'https://vault.example.com:8200' }, ...props });
}

describe('VaultLoginToken', () => {
  it('projects a token with the role\'s audience for the role\'s ServiceAccount, and sets VAULT_ADDR', () => {
    const login = build();
    expect(login.serviceAccount).toEqual({ name: 'atlantis', namespace: 'atlantis' });
    expect(login.audience).toBe('vault');
    expect(login.volumes).toEqual([{
      name: 'vault-token',
      projected: { defaultMode: 292, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 600, audience: 'vault' } }] },
    }]);
    expect(login.volumeMounts).toEqual([{ name: 'vault-token', mountPath: '/var/run/secrets/vault', readOnly: true }]);
    expect(login.environment).toEqual({ VAULT_ADDR: 'https://vault.example.com:8200' });
    expect(login.tokenFile).toBe('/var/run/secrets/vault/token');
    expect(login.loginPath).toBe('auth/atlantis/login');
    expect(login.roleName).toBe('atlantis');
  });

  it('follows the role\'s audience, so the token and the role cannot disagree', () => {
    expect(build({}, { audience: 'https://vault.example.com' }).volumes[0]).toMatchObject({ projected: { sources: [{ serviceAccountToken: { audience: 'https://vault.example.com' } }] } });
  });

  it('mounts Vault\'s CA beside the token and points VAULT_CACERT at it', () => {
    const login = build({ server: { address: 'https://vault.example.com:8200', caCert: { name: 'vault-ca', key: 'ca.pem', namespace: 'atlantis' } }, directory: '/vault' });
    expect((login.volumes[0] as any).projected.sources[1]).toEqual({ secret: { name: 'vault-ca', items: [{ key: 'ca.pem', path: 'ca.crt' }] } });
    expect(login.environment).toEqual({ VAULT_ADDR: 'https://vault.example.com:8200', VAULT_CACERT: '/vault/ca.crt' });
  });

  it('creates no resource', () => {
    const stack = testStack();
    build({}, {}, stack);
    expect(Object.keys(synthObject(stack).resource ?? {}).sort()).toEqual(['vault_auth_backend', 'vault_kubernetes_auth_backend_config', 'vault_kubernetes_auth_backend_role']);
  });

  const bad: Array<[string, Partial<VaultLoginTokenProps>, Partial<VaultK8sAuthRoleOptions>, RegExp]> = [
    ['a role binding two ServiceAccounts', {}, { serviceAccountNames: ['atlantis', 'other'] }, /'role' must be a role that binds exactly one ServiceAccount.*\(got 'atlantis'\)/],
    ['plain http', { server: { address: 'http://vault:8200' } }, {}, /'server.address' must be an https:\/\/ URL/],
    ['a CA Secret in another namespace', { server: { address: 'https://vault:8200', caCert: { name: 'ca', key: 'ca.crt', namespace: 'vault' } } }, {},
      /'server.caCert.namespace' must be 'atlantis', the namespace of the ServiceAccount role 'atlantis' binds.*\(got 'vault'\)/],
    ['a relative directory', { directory: 'vault' }, {}, /'directory' must be an absolute directory path.*\(got 'vault'\)/],
    ['a token shorter than Kubernetes allows', { expirationSeconds: 60 }, {}, /'expirationSeconds' must be a whole number of seconds from 600.*\(got 60\)/],
    ['a bad volume name', { volumeName: 'Vault_Token' }, {}, /'volumeName' must be a DNS-1123 label.*\(got 'Vault_Token'\)/],
  ];
  it.each(bad)('fails on %s', (_what, props, role, message) => {
    expect(() => build(props, role)).toThrow(new RegExp(`VaultLoginToken 'Test/Login': .*${message.source}`));
  });

  it('accepts values known only at apply time', () => {
    const stack = testStack();
    const addr = new TerraformVariable(stack, 'addr', { type: 'string' });
    const ttl = new TerraformVariable(stack, 'ttl', { type: 'number' });
    expect(() => build({ server: { address: addr.stringValue }, expirationSeconds: ttl.numberValue }, {}, stack)).not.toThrow();
  });
});
