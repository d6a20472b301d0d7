import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { RoleV1 } from '@cdktf/provider-kubernetes/lib/role-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { VaultIssuer, VaultIssuerProps } from '../../lib/cert-manager/vault-issuer';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { VaultK8sAuthRoleOptions } from '../../lib/vault/k8s-auth-role';
import { PkiIssuer } from '../../lib/vault/pki-issuer';
import { manifestsOf, resourcesOf, synth, testStack, warningsOf } from '../helpers';

const SERVER = { address: 'https://vault.vault.svc:8200', caCert: { name: 'vault-ca', key: 'ca.crt' } };
const AUTH_ROLE: VaultK8sAuthRoleOptions = { roleName: 'issuer', serviceAccountNames: ['issuer'], namespaces: ['default'] };

/** A PKI with one role, a Kubernetes auth mount with one role, and an issuer wired to both. */
function build(stack: TerraformStack, o: Partial<VaultIssuerProps> = {}, role: Partial<VaultK8sAuthRoleOptions> = {}) {
  const pki = new PkiIssuer(stack, 'Pki', { rootCa: { commonName: 'example.com' } });
  const pkiRole = pki.addRole('Web', { roleName: 'example-dot-com', allowedDomains: ['example.com'], allowSubdomains: true });
  const authRole = new VaultK8sAuth(stack, 'Auth', { path: 'k8s' }).addRole('IssuerRole', { ...AUTH_ROLE, ...role });
  const issuer = new VaultIssuer(stack, 'Issuer', { name: 'vault-issuer', namespace: 'default', server: SERVER, pkiRole, authRole, ...o });
  return { pki, pkiRole, authRole, issuer };
}

describe('VaultIssuer', () => {
  it('renders spec.vault from the PKI role and the auth role objects', () => {
    const stack = testStack();
    build(stack);
    const [issuer] = manifestsOf(stack, 'Issuer');
    expect(issuer).toEqual({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: 'vault-issuer', namespace: 'default' },
      spec: {
        vault: {
          server: 'https://vault.vault.svc:8200',
          path: 'pki/sign/example-dot-com',
          caBundleSecretRef: { name: 'vault-ca', key: 'ca.crt' },
          auth: { kubernetes: { mountPath: '/v1/auth/k8s', role: 'issuer', serviceAccountRef: { name: 'issuer', audiences: ['vault'] } } },
        },
      },
    });
    expect(warningsOf(stack)).toEqual([]);
  });

  it('creates the login ServiceAccount and lets only cert-manager request its tokens', () => {
    const stack = testStack();
    build(stack);
    const json = synth(stack);
    expect(json).toHaveResourceWithProperties(ServiceAccountV1, { metadata: { name: 'issuer', namespace: 'default' }, automount_service_account_token: false });
    expect(json).toHaveResourceWithProperties(RoleV1, {
      metadata: { name: 'vault-issuer-token-request', namespace: 'default' },
      rule: [{ api_groups: [''], resources: ['serviceaccounts/token'], resource_names: ['issuer'], verbs: ['create'] }],
    });
    expect(json).toHaveResourceWithProperties(RoleBindingV1, {
      metadata: { name: 'vault-issuer-token-request', namespace: 'default' },
      role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'Role', name: 'vault-issuer-token-request' },
      subject: [{ kind: 'ServiceAccount', name: 'cert-manager', namespace: 'cert-manager' }],
    });
    expect(json).not.toHaveResource(SecretV1);
  });

  it('takes another cert-manager ServiceAccount', () => {
    const stack = testStack();
    build(stack, { certManagerServiceAccount: { name: 'cm', namespace: 'certs' } });
    expect(synth(stack)).toHaveResourceWithProperties(RoleBindingV1, { subject: [{ kind: 'ServiceAccount', name: 'cm', namespace: 'certs' }] });
  });

  it('skips the ServiceAccount when it exists already', () => {
    const stack = testStack();
    build(stack, { createServiceAccount: false });
    expect(synth(stack)).not.toHaveResource(ServiceAccountV1);
  });

  it('grants the auth role sign on exactly the PKI role', () => {
    const stack = testStack();
    const { issuer } = build(stack);
    expect(issuer.signPolicy?.policyName).toBe('issuer-pki-sign');
    const json = synth(stack);
    expect(json).toHaveResourceWithProperties(Policy, { name: 'issuer-pki-sign', policy: 'path "pki/sign/example-dot-com" {\n  capabilities = ["create", "update"]\n}\n' });
    expect(json).toHaveResourceWithProperties(KubernetesAuthBackendRole, { role_name: 'issuer', token_policies: ['issuer-pki-sign'] });
  });

  it('leaves the grant out with grantSign: false', () => {
    const stack = testStack();
    build(stack, { grantSign: false });
    expect(synth(stack)).not.toHaveResource(Policy);
  });

  it('cannot express a role-name mismatch: the rendered role is always the Vault role', () => {
    // S4 wrote role 'moelove-dot-info' into the Issuer while Vault's role was
    // 'issuer'. Here the issuer has no string for the role: it takes the object.
    const stack = testStack();
    const { authRole } = build(stack, {}, { roleName: 'issuer' });
    const rendered = manifestsOf(stack, 'Issuer')[0].spec.vault.auth.kubernetes;
    const vaultRole = resourcesOf(stack, 'vault_kubernetes_auth_backend_role')[0];
    expect(rendered.role).toBe(vaultRole.role_name);
    expect(rendered.mountPath).toBe(`/v1/auth/${authRole.mountPath}`);
    expect(rendered.serviceAccountRef).toEqual({ name: vaultRole.bound_service_account_names[0], audiences: [vaultRole.audience] });
    // @ts-expect-error a role name string is not accepted
    expect(() => new VaultIssuer(stack, 'Bad', { name: 'bad', namespace: 'default', server: SERVER, pkiRole: build(testStack()).pkiRole, authRole: 'moelove-dot-info' })).toThrow();
  });

  it('rejects an auth role binding a ServiceAccount of another namespace', () => {
    expect(() => build(testStack(), {}, { namespaces: ['other'] }))
      .toThrow(/VaultIssuer 'Test\/Issuer': 'authRole' must bind a ServiceAccount in 'default' \(the Issuer's namespace\).*the role binds 'other\/issuer' \(got 'issuer'\)/);
  });

  it('rejects an auth role binding several ServiceAccounts', () => {
    expect(() => build(testStack(), {}, { serviceAccountNames: ['issuer', 'other'] }))
      .toThrow(/VaultIssuer 'Test\/Issuer': 'authRole' must be a role that binds exactly one ServiceAccount.*\(got 'issuer'\)/);
  });

  it('rejects a PKI role that was not made by PkiIssuer.addRole', () => {
    const stack = testStack();
    const { pkiRole } = build(stack);
    const fake = Object.create(pkiRole, { node: { value: { scope: stack, path: 'x' } } });
    expect(() => build(testStack(), { pkiRole: fake }))
      .toThrow(/'pkiRole' must be a role created with PkiIssuer.addRole \(got 'example-dot-com'\)/);
  });

  it('rejects a CA Secret in a namespace cert-manager does not read', () => {
    expect(() => build(testStack(), { server: { address: 'https://vault:8200', caCert: { name: 'vault-tls', key: 'ca.crt', namespace: 'vault' } } }))
      .toThrow(/VaultIssuer 'Test\/Issuer': 'server.caCert.namespace' must be 'default' \(or unset\).*\(got 'vault'\)/);
  });

  it('rejects plain http without allowInsecureHttp, and warns with it', () => {
    expect(() => build(testStack(), { server: { address: 'http://vault.default' } }))
      .toThrow(/VaultIssuer 'Test\/Issuer': 'server.address' must be an https:\/\/ URL.*\(got 'http:\/\/vault.default'\)/);
    const stack = testStack();
    build(stack, { server: { address: 'http://vault.default', allowInsecureHttp: true } });
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^allowInsecureHttp: Vault is reached over plain HTTP/)]);
  });

  it('trusts the PKI root CA with caBundleFromPki, but not together with a CA Secret', () => {
    const stack = testStack();
    build(stack, { server: { address: 'https://vault:8200' }, caBundleFromPki: true });
    expect(manifestsOf(stack, 'Issuer')[0].spec.vault.caBundle).toMatch(/^\$\{base64encode\(vault_pki_secret_backend_root_cert\.Pki_RootCa_\w+\.certificate\)\}$/);
    expect(() => build(testStack(), { caBundleFromPki: true }))
      .toThrow(/'caBundleFromPki' must not be set together with server.caCert.*\(got true\)/);
  });

  it('rejects bad names', () => {
    expect(() => build(testStack(), { name: 'Vault_Issuer' })).toThrow(/VaultIssuer 'Test\/Issuer': 'name' must be a DNS-1123 subdomain.*\(got 'Vault_Issuer'\)/);
    expect(() => build(testStack(), { certManagerServiceAccount: { name: 'CM', namespace: 'cert-manager' } }))
      .toThrow(/'certManagerServiceAccount.name' must be a DNS-1123 label.*\(got 'CM'\)/);
    expect(() => build(testStack(), { clusterResourceNamespace: 'Cert_Manager' })).toThrow(/'clusterResourceNamespace' must be a DNS-1123 label.*\(got 'Cert_Manager'\)/);
  });

  it('lists a bad name and the subclass\'s problems in one error', () => {
    expect(() => build(testStack(), { name: 'Vault_Issuer', server: { address: 'http://vault:8200' }, tokenSecretName: 'tok' }))
      .toThrow(/^VaultIssuer 'Test\/Issuer': 'name' must be a DNS-1123 subdomain.*\(got 'Vault_Issuer'\)\nVaultIssuer 'Test\/Issuer': 'server.address' must be an https:\/\/ URL.*\(got 'http:\/\/vault:8200'\)\nVaultIssuer 'Test\/Issuer': 'tokenSecretName' applies only with useLongLivedTokenSecret: true \(got 'tok'\)$/);
  });

  it('lists a bad namespace together with the subclass\'s problems', () => {
    expect(() => build(testStack(), { namespace: 'Default', certManagerServiceAccount: { name: 'CM', namespace: 'cert-manager' } }))
      .toThrow(/^VaultIssuer 'Test\/Issuer': 'namespace' must be a DNS-1123 label.*\(got 'Default'\)\n(.*\n)*.*'certManagerServiceAccount.name' must be a DNS-1123 label.*\(got 'CM'\)/);
  });

  it('never rejects namespaces known only at apply time', () => {
    const stack = testStack();
    const ns = new TerraformVariable(stack, 'Ns', { type: 'string' }).stringValue;
    expect(() => build(stack, { namespace: ns, server: { ...SERVER, caCert: { ...SERVER.caCert, namespace: 'default' } } })).not.toThrow();
    const s2 = testStack();
    const caNs = new TerraformVariable(s2, 'CaNs', { type: 'string' }).stringValue;
    expect(() => build(s2, { server: { ...SERVER, caCert: { ...SERVER.caCert, namespace: caNs } } }, { namespaces: [new TerraformVariable(s2, 'RoleNs', { type: 'string' }).stringValue] })).not.toThrow();
  });

  describe('ClusterIssuer', () => {
    it('uses the cluster resource namespace for the ServiceAccount and CA Secret', () => {
      const stack = testStack();
      build(stack, { namespace: undefined }, { namespaces: ['cert-manager'] });
      const [issuer] = manifestsOf(stack, 'ClusterIssuer');
      expect(issuer.metadata).toEqual({ name: 'vault-issuer' });
      expect(synth(stack)).toHaveResourceWithProperties(RoleV1, { metadata: { name: 'vault-issuer-token-request', namespace: 'cert-manager' } });
    });

    it('rejects a role bound outside the cluster resource namespace', () => {
      expect(() => build(testStack(), { namespace: undefined }))
        .toThrow(/'authRole' must bind a ServiceAccount in 'cert-manager' \(the cluster resource namespace\)/);
    });
  });

  describe('long-lived token Secret (old cert-manager)', () => {
    it('uses secretRef to a ServiceAccount token Secret and warns', () => {
      const stack = testStack();
      build(stack, { useLongLivedTokenSecret: true, tokenSecretName: 'issuer-token-moelove' }, { requireAudience: false });
      expect(manifestsOf(stack, 'Issuer')[0].spec.vault.auth.kubernetes).toEqual({
        mountPath: '/v1/auth/k8s', role: 'issuer', secretRef: { name: 'issuer-token-moelove', key: 'token' },
      });
      const json = synth(stack);
      expect(json).toHaveResourceWithProperties(SecretV1, {
        metadata: { name: 'issuer-token-moelove', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'issuer' } },
        type: 'kubernetes.io/service-account-token',
      });
      expect(json).not.toHaveResource(RoleV1);
      expect(warningsOf(stack)).toEqual(expect.arrayContaining([
        expect.stringMatching(/^useLongLivedTokenSecret: issuer 'vault-issuer'/),
        expect.stringMatching(/^requireAudience: role 'issuer'/),
      ]));
      expect(resourcesOf(stack, 'vault_kubernetes_auth_backend_role')[0].audience).toBeUndefined();
    });

    it('fails when the role still requires an audience the token cannot carry', () => {
      expect(() => build(testStack(), { useLongLivedTokenSecret: true }))
        .toThrow(/'authRole' must set requireAudience: false with useLongLivedTokenSecret.*\(got 'issuer'\)/);
    });

    it('fails on tokenSecretName without the opt-in', () => {
      expect(() => build(testStack(), { tokenSecretName: 'tok' })).toThrow(/'tokenSecretName' applies only with useLongLivedTokenSecret: true \(got 'tok'\)/);
    });
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    build(stack);
    expect(synth(stack)).toMatchSnapshot();
  });
});
