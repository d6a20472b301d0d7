import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Mount } from '@cdktf/provider-vault/lib/mount';
import { PkiSecretBackendConfigUrls } from '@cdktf/provider-vault/lib/pki-secret-backend-config-urls';
import { PkiSecretBackendRole } from '@cdktf/provider-vault/lib/pki-secret-backend-role';
import { PkiSecretBackendRootCert } from '@cdktf/provider-vault/lib/pki-secret-backend-root-cert';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { RoleV1 } from '@cdktf/provider-kubernetes/lib/role-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { vaultPkiCertManager } from '../../examples/vault-pki-cert-manager';
import { manifestsOf, resourcesOf, synth, testApp, warningsOf } from '../helpers';

describe('example vault-pki-cert-manager (S4)', () => {
  const stack = vaultPkiCertManager(testApp());
  const json = synth(stack);

  it('mounts pki with root CA moelove.info for 8760h, kept with prevent_destroy', () => {
    expect(json).toHaveResourceWithProperties(Mount, { path: 'pki', type: 'pki', max_lease_ttl_seconds: 31536000, lifecycle: { prevent_destroy: true } });
    expect(json).toHaveResourceWithProperties(PkiSecretBackendRootCert, { type: 'internal', common_name: 'moelove.info', ttl: '31536000', lifecycle: { prevent_destroy: true } });
  });

  it('sets issuing and CRL URLs at the address Vault serves (S4\'s were a dev-mode Vault\'s)', () => {
    expect(json).toHaveResourceWithProperties(PkiSecretBackendConfigUrls, {
      issuing_certificates: ['https://vault.vault.svc.cluster.local:8200/v1/pki/ca'],
      crl_distribution_points: ['https://vault.vault.svc.cluster.local:8200/v1/pki/crl'],
    });
  });

  it('writes role moelove-dot-info for moelove.info and its subdomains, 72h, hostnames enforced', () => {
    expect(json).toHaveResourceWithProperties(PkiSecretBackendRole, {
      backend: 'pki', name: 'moelove-dot-info', allowed_domains: ['moelove.info'], allow_subdomains: true, allow_bare_domains: true,
      max_ttl: '259200', enforce_hostnames: true, allow_any_name: false,
    });
  });

  it('binds Vault role issuer to SA issuer in default for 20m with only the sign policy', () => {
    expect(json).toHaveResourceWithProperties(KubernetesAuthBackendRole, {
      backend: 'kubernetes-pki', role_name: 'issuer', bound_service_account_names: ['issuer'], bound_service_account_namespaces: ['default'],
      token_ttl: 1200, token_policies: ['issuer-pki-sign'], audience: 'vault',
    });
    expect(json).toHaveResourceWithProperties(Policy, { name: 'issuer-pki-sign', policy: 'path "pki/sign/moelove-dot-info" {\n  capabilities = ["create", "update"]\n}\n' });
    expect(json).not.toMatch(/pki\*/);
  });

  it('creates Issuer vault-issuer logging in as role issuer with short-lived tokens', () => {
    const [issuer] = manifestsOf(stack, 'Issuer');
    expect(issuer.metadata).toEqual({ name: 'vault-issuer', namespace: 'default' });
    expect(issuer.spec.vault).toEqual({
      server: 'https://vault.vault.svc.cluster.local:8200',
      path: 'pki/sign/moelove-dot-info',
      caBundleSecretRef: { name: 'vault-ca', key: 'ca.crt' },
      auth: { kubernetes: { mountPath: '/v1/auth/kubernetes-pki', role: 'issuer', serviceAccountRef: { name: 'issuer', audiences: ['vault'] } } },
    });
    expect(json).toHaveResourceWithProperties(ServiceAccountV1, { metadata: { name: 'issuer', namespace: 'default' } });
    expect(json).toHaveResourceWithProperties(RoleV1, { rule: [{ api_groups: [''], resources: ['serviceaccounts/token'], resource_names: ['issuer'], verbs: ['create'] }] });
    expect(json).not.toHaveResource(SecretV1);
  });

  it('requests Certificate moelove-info into Secret moelove-info-tls for www.moelove.info and moelove.info', () => {
    const [cert] = manifestsOf(stack, 'Certificate');
    expect(cert.metadata).toEqual({ name: 'moelove-info', namespace: 'default' });
    expect(cert.spec).toMatchObject({
      secretName: 'moelove-info-tls', commonName: 'www.moelove.info', dnsNames: ['www.moelove.info', 'moelove.info'], duration: '72h',
      issuerRef: { name: 'vault-issuer', kind: 'Issuer', group: 'cert-manager.io' },
    });
  });

  it('serves Secret moelove-info-tls on the APISIX ingress for host moelove.info', () => {
    const [tls] = manifestsOf(stack, 'ApisixTls');
    expect(tls).toEqual({
      apiVersion: 'apisix.apache.org/v2',
      kind: 'ApisixTls',
      metadata: { name: 'moelove-info', namespace: 'default' },
      spec: { hosts: ['moelove.info'], secret: { name: 'moelove-info-tls', namespace: 'default' } },
    });
  });

  it('verifies Vault\'s TLS and emits no warning', () => {
    expect(warningsOf(stack)).toEqual([]);
    expect(resourcesOf(stack, 'helm_release')).toEqual([]);
  });

  it('matches the snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});
