import { Mount } from '@cdktf/provider-vault/lib/mount';
import { PkiSecretBackendConfigUrls } from '@cdktf/provider-vault/lib/pki-secret-backend-config-urls';
import { PkiSecretBackendIntermediateCertRequest } from '@cdktf/provider-vault/lib/pki-secret-backend-intermediate-cert-request';
import { PkiSecretBackendIntermediateSetSigned } from '@cdktf/provider-vault/lib/pki-secret-backend-intermediate-set-signed';
import { PkiSecretBackendRole } from '@cdktf/provider-vault/lib/pki-secret-backend-role';
import { PkiSecretBackendRootCert } from '@cdktf/provider-vault/lib/pki-secret-backend-root-cert';
import { PkiSecretBackendRootSignIntermediate } from '@cdktf/provider-vault/lib/pki-secret-backend-root-sign-intermediate';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { TerraformStack } from 'cdktf';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { PkiIssuer, PkiIssuerProps } from '../../lib/vault/pki-issuer';
import { PkiRoleOptions } from '../../lib/vault/pki-role';
import { resourcesOf, synth, synthObject, testStack, warningsOf } from '../helpers';

const pki = (s: TerraformStack, o: Partial<PkiIssuerProps> = {}) => new PkiIssuer(s, 'Pki', { rootCa: { commonName: 'example.com' }, ...o });
const ROLE: PkiRoleOptions = { roleName: 'web', allowedDomains: ['example.com'], allowSubdomains: true };
const authRole = (s: TerraformStack) => new VaultK8sAuth(s, 'Auth').addRole('Role', { roleName: 'issuer', serviceAccountNames: ['issuer'], namespaces: ['default'] });

describe('PkiIssuer', () => {
  it('mounts pki with an 8760h max lease TTL and an internal rsa-2048 root CA', () => {
    const stack = testStack();
    pki(stack);
    const json = synth(stack);
    expect(json).toHaveResourceWithProperties(Mount, { path: 'pki', type: 'pki', max_lease_ttl_seconds: 31536000 });
    expect(json).toHaveResourceWithProperties(PkiSecretBackendRootCert, {
      type: 'internal', common_name: 'example.com', ttl: '31536000', key_type: 'rsa', key_bits: 2048, format: 'pem',
    });
    expect(json).not.toHaveResource(PkiSecretBackendConfigUrls);
    expect(json).not.toHaveResource(PkiSecretBackendIntermediateCertRequest);
  });

  it('keeps the mount and root CA with prevent_destroy', () => {
    const stack = testStack();
    pki(stack);
    expect(resourcesOf(stack, 'vault_mount').map((r) => r.lifecycle?.prevent_destroy)).toEqual([true]);
    expect(resourcesOf(stack, 'vault_pki_secret_backend_root_cert').map((r) => r.lifecycle?.prevent_destroy)).toEqual([true]);
    expect(warningsOf(stack)).toEqual([]);
  });

  it('warns when prevent_destroy is turned off', () => {
    const stack = testStack();
    pki(stack, { preventDestroy: false });
    expect(resourcesOf(stack, 'vault_mount')[0].lifecycle.prevent_destroy).toBe(false);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^preventDestroy: PKI mount 'pki'/)]);
  });

  it('sets issuing and CRL URLs from urlBase', () => {
    const stack = testStack();
    pki(stack, { urlBase: 'http://vault.default:8200' });
    expect(synth(stack)).toHaveResourceWithProperties(PkiSecretBackendConfigUrls, {
      issuing_certificates: ['http://vault.default:8200/v1/pki/ca'],
      crl_distribution_points: ['http://vault.default:8200/v1/pki/crl'],
    });
  });

  it('adds an intermediate CA signed by the root, which holds the roles', () => {
    const stack = testStack();
    const p = pki(stack, { rootCa: { commonName: 'Root', ttl: '87600h' }, maxLeaseTtl: '87600h', intermediate: { commonName: 'Intermediate' }, urlBase: 'https://vault.example.com' });
    const role = p.addRole('Web', ROLE);
    expect(p.mountPath).toBe('pki_int');
    expect(p.rootMountPath).toBe('pki');
    expect(role.mountPath).toBe('pki_int');
    const json = synth(stack);
    expect(json).toHaveResourceWithProperties(Mount, { path: 'pki_int', type: 'pki', max_lease_ttl_seconds: 157680000 });
    expect(json).toHaveResourceWithProperties(PkiSecretBackendIntermediateCertRequest, { type: 'internal', common_name: 'Intermediate', key_type: 'rsa', key_bits: 2048 });
    expect(json).toHaveResourceWithProperties(PkiSecretBackendRootSignIntermediate, { common_name: 'Intermediate', ttl: '157680000', format: 'pem' });
    expect(resourcesOf(stack, 'vault_pki_secret_backend_intermediate_set_signed')[0].certificate).toMatch(/^\$\{vault_pki_secret_backend_root_sign_intermediate\.Pki_IntermediateSigned_\w+\.certificate_bundle\}$/);
    expect(json).toHaveResource(PkiSecretBackendIntermediateSetSigned);
    expect(json).toHaveResourceWithProperties(PkiSecretBackendConfigUrls, { issuing_certificates: ['https://vault.example.com/v1/pki_int/ca'] });
    expect(json).toHaveResourceWithProperties(PkiSecretBackendRole, { backend: 'pki_int', name: 'web' });
    const obj = synthObject(stack);
    for (const type of ['vault_mount', 'vault_pki_secret_backend_root_cert', 'vault_pki_secret_backend_intermediate_cert_request', 'vault_pki_secret_backend_root_sign_intermediate', 'vault_pki_secret_backend_intermediate_set_signed']) {
      expect(Object.values(obj.resource![type]).map((r: any) => r.lifecycle?.prevent_destroy)).toEqual(expect.arrayContaining([true]));
      expect(Object.values(obj.resource![type]).every((r: any) => r.lifecycle?.prevent_destroy === true)).toBe(true);
    }
    // Vault writes a mount's URLs into what it signs: the root's into the
    // intermediate, the intermediate's into every leaf a role issues.
    expect(resourcesOf(stack, 'vault_pki_secret_backend_root_sign_intermediate')[0].depends_on).toEqual([
      expect.stringMatching(/^vault_pki_secret_backend_root_cert\./), expect.stringMatching(/^vault_pki_secret_backend_config_urls\.Pki_Urls_/)]);
    expect(resourcesOf(stack, 'vault_pki_secret_backend_role')[0].depends_on).toEqual([
      expect.stringMatching(/^vault_pki_secret_backend_intermediate_set_signed\./), expect.stringMatching(/^vault_pki_secret_backend_config_urls\.Pki_IntermediateUrls_/)]);
  });

  describe('addRole', () => {
    it('writes a least-privilege role by default', () => {
      const stack = testStack();
      pki(stack).addRole('Web', { roleName: 'web', allowedDomains: ['example.com'] });
      expect(synth(stack)).toHaveResourceWithProperties(PkiSecretBackendRole, {
        backend: 'pki',
        name: 'web',
        allowed_domains: ['example.com'],
        allow_subdomains: false,
        allow_bare_domains: false,
        allow_glob_domains: false,
        allow_wildcard_certificates: false,
        allow_ip_sans: false,
        allow_localhost: false,
        allow_any_name: false,
        enforce_hostnames: true,
        max_ttl: '259200',
        ttl: '259200',
        key_type: 'rsa',
        key_bits: 2048,
        key_usage: ['DigitalSignature', 'KeyAgreement', 'KeyEncipherment'],
        server_flag: true,
        client_flag: false,
        code_signing_flag: false,
        email_protection_flag: false,
      });
      expect(resourcesOf(stack, 'vault_pki_secret_backend_role')[0].depends_on).toEqual([expect.stringMatching(/^vault_pki_secret_backend_root_cert\./)]);
    });

    it('allows any name and non-hostnames only when asked, with warnings', () => {
      const stack = testStack();
      pki(stack).addRole('Any', { roleName: 'any', allowAnyName: true, enforceHostnames: false });
      expect(synth(stack)).toHaveResourceWithProperties(PkiSecretBackendRole, { allow_any_name: true, enforce_hostnames: false });
      expect(warningsOf(stack)).toEqual([
        expect.stringMatching(/^allowAnyName: PKI role 'any'/),
        expect.stringMatching(/^enforceHostnames: PKI role 'any'/),
      ]);
    });

    it('fails without allowed domains', () => {
      expect(() => pki(testStack()).addRole('Web', { roleName: 'web' }))
        .toThrow(/PkiRole 'Test\/Pki\/Web': role 'web': 'allowedDomains' must not be empty \(got \[\]\)/);
    });

    it('fails on a wildcard or uppercase domain', () => {
      expect(() => pki(testStack()).addRole('Web', { roleName: 'web', allowedDomains: ['*.example.com'] }))
        .toThrow(/Test\/Pki\/Web.*'allowedDomains' must hold lowercase DNS names.*\(got '\*\.example\.com'\)/);
      expect(() => pki(testStack()).addRole('Web', { roleName: 'web', allowedDomains: ['Example.com'] }))
        .toThrow(/'allowedDomains' must hold lowercase DNS names.*\(got 'Example\.com'\)/);
    });

    it('fails on a bad role name', () => {
      expect(() => pki(testStack()).addRole('Web', { ...ROLE, roleName: 'web/x' }))
        .toThrow(/Test\/Pki\/Web.*'roleName' must be letters, digits.*\(got 'web\/x'\)/);
    });

    it('fails when maxTtl exceeds the CA TTL or mount max lease TTL', () => {
      const p = pki(testStack(), { rootCa: { commonName: 'example.com', ttl: '720h' } });
      expect(() => p.addRole('Web', { ...ROLE, maxTtl: '721h' }))
        .toThrow(/Test\/Pki\/Web.*'maxTtl' must not exceed the root CA's TTL and mount 'pki''s max lease TTL \(720h\).*\(got '721h'\)/);
    });

    it('fails when an intermediate role outlives the intermediate', () => {
      const p = pki(testStack(), { intermediate: { commonName: 'Int', ttl: '100h' } });
      expect(() => p.addRole('Web', { ...ROLE, maxTtl: '101h' }))
        .toThrow(/'maxTtl' must not exceed the intermediate CA's TTL.*\(100h\).*\(got '101h'\)/);
    });

    it('fails on a malformed TTL and a ttl above maxTtl', () => {
      expect(() => pki(testStack()).addRole('Web', { ...ROLE, maxTtl: '3d' }))
        .toThrow(/'maxTtl' must be a duration like 15m or 1h.*\(got '3d'\)/);
      expect(() => pki(testStack()).addRole('Web', { ...ROLE, maxTtl: '1h', ttl: '2h' }))
        .toThrow(/'ttl' must not exceed maxTtl \(1h\) \(got '2h'\)/);
    });

    it('fails on a key type and size Vault does not pair', () => {
      expect(() => pki(testStack()).addRole('Web', { ...ROLE, keyType: 'ec', keyBits: 2048 }))
        .toThrow(/Test\/Pki\/Web.*'keyBits' must be one of 256, 384, 521 for key type 'ec' \(got 2048\)/);
      expect(() => pki(testStack()).addRole('Web', { ...ROLE, keyType: 'dsa' as never }))
        .toThrow(/'keyType' must be one of 'rsa', 'ec', 'ed25519' \(got 'dsa'\)/);
    });

    it('fails on an unknown key usage', () => {
      expect(() => pki(testStack()).addRole('Web', { ...ROLE, keyUsage: ['ServerAuth' as never] }))
        .toThrow(/'keyUsage' must be one of 'DigitalSignature'.* \(got 'ServerAuth'\)/);
    });
  });

  describe('grants', () => {
    it('grantSign writes create+update on <mount>/sign/<role> only', () => {
      const stack = testStack();
      const p = pki(stack);
      const role = p.addRole('Web', ROLE);
      const auth = authRole(stack);
      const policy = p.grantSign(role, auth);
      expect(policy.policyName).toBe('issuer-pki-sign');
      expect(auth.policyNames).toEqual(['issuer-pki-sign']);
      expect(synth(stack)).toHaveResourceWithProperties(Policy, { name: 'issuer-pki-sign', policy: 'path "pki/sign/web" {\n  capabilities = ["create", "update"]\n}\n' });
    });

    it('grantIssue writes create+update on <mount>/issue/<role> only', () => {
      const stack = testStack();
      const p = pki(stack, { intermediate: { commonName: 'Int' } });
      const role = p.addRole('Web', ROLE);
      p.grantIssue(role, authRole(stack), { policyName: 'web-issue' });
      expect(synth(stack)).toHaveResourceWithProperties(Policy, { name: 'web-issue', policy: 'path "pki_int/issue/web" {\n  capabilities = ["create", "update"]\n}\n' });
      expect(synth(stack)).not.toMatch(/pki\*/);
    });

    it('refuses a role of another PKI', () => {
      const stack = testStack();
      const other = new PkiIssuer(stack, 'Other', { path: 'other', rootCa: { commonName: 'other' } }).addRole('Web', ROLE);
      expect(() => pki(stack).grantSign(other, authRole(stack)))
        .toThrow(/PkiIssuer 'Test\/Pki': grantSign: 'pkiRole' must be a role added with this issuer's addRole.*\(got 'web'\)/);
    });
  });

  describe('validation', () => {
    it('fails on a bad mount path', () => {
      expect(() => pki(testStack(), { path: '/pki' })).toThrow(/PkiIssuer 'Test\/Pki': 'path' must be a Vault mount path.*\(got '\/pki'\)/);
    });

    it('fails on a malformed max lease TTL', () => {
      expect(() => pki(testStack(), { maxLeaseTtl: '1y' })).toThrow(/PkiIssuer 'Test\/Pki': 'maxLeaseTtl' must be a duration.*\(got '1y'\)/);
    });

    it('fails when the root CA outlives the mount max lease TTL', () => {
      expect(() => pki(testStack(), { rootCa: { commonName: 'example.com', ttl: '87600h' } }))
        .toThrow(/PkiIssuer 'Test\/Pki': rootCa: 'ttl' must be at most 8760h \(got '87600h'\)/);
    });

    it('fails on an empty or overlong common name', () => {
      expect(() => pki(testStack(), { rootCa: { commonName: '' } })).toThrow(/rootCa: 'commonName' must be a non-empty name of at most 64 characters \(got ''\)/);
      expect(() => pki(testStack(), { rootCa: { commonName: 'x'.repeat(65) } })).toThrow(/rootCa: 'commonName' must be a non-empty name .*\(got 'x{65}'\)/);
    });

    it('fails on a root key type and size Vault does not pair', () => {
      expect(() => pki(testStack(), { rootCa: { commonName: 'r', keyType: 'rsa', keyBits: 1024 } }))
        .toThrow(/PkiIssuer 'Test\/Pki': rootCa: 'keyBits' must be one of 2048, 3072, 4096 for key type 'rsa' \(got 1024\)/);
    });

    it('fails when the intermediate outlives the root or shares its mount', () => {
      expect(() => pki(testStack(), { rootCa: { commonName: 'r', ttl: '100h' }, intermediate: { commonName: 'i', ttl: '200h' } }))
        .toThrow(/intermediate: 'ttl' must be at most 100h \(got '200h'\)/);
      expect(() => pki(testStack(), { intermediate: { commonName: 'i', path: 'pki' } }))
        .toThrow(/intermediate: 'path' must differ from the root mount path 'pki' \(got 'pki'\)/);
      expect(() => pki(testStack(), { intermediate: { commonName: 'i', keyType: 'ec', keyBits: 4096 } }))
        .toThrow(/intermediate: 'keyBits' must be one of 256, 384, 521 for key type 'ec' \(got 4096\)/);
    });

    it('fails on a urlBase that is not a URL or ends in /', () => {
      expect(() => pki(testStack(), { urlBase: 'vault:8200' })).toThrow(/'urlBase' must be an http:\/\/ or https:\/\/ URL.*\(got 'vault:8200'\)/);
      expect(() => pki(testStack(), { urlBase: 'https://vault/' })).toThrow(/'urlBase' .*without a trailing '\/' \(got 'https:\/\/vault\/'\)/);
    });

    it('lists every problem in one error', () => {
      let message = '';
      try {
        pki(testStack(), { path: '/x', maxLeaseTtl: 'forever', rootCa: { commonName: '', keyBits: 1 } });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message.split('\n')).toHaveLength(4);
    });
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    pki(stack).addRole('Web', ROLE);
    expect(synth(stack)).toMatchSnapshot();
  });
});

describe('PkiRole.permitsName', () => {
  const role = (opts: { allowSubdomains?: boolean; allowBareDomains?: boolean }) =>
    new PkiIssuer(testStack(), 'Pki', { rootCa: { commonName: 'example.com' } })
      .addRole('Web', { roleName: 'web', allowedDomains: ['example.com'], allowWildcardCertificates: true, ...opts });

  it('admits a wildcard of the domain under subdomains, as Vault does', () => {
    const r = role({ allowSubdomains: true });
    expect(r.permitsName('*.example.com')).toBe(true);
    expect(r.permitsName('*.www.example.com')).toBe(true);
    expect(r.permitsName('WWW.Example.com')).toBe(true);
    expect(r.permitsName('example.com')).toBe(false);
  });

  it('never admits a wildcard through a bare-domain match, as Vault does', () => {
    const r = role({ allowBareDomains: true });
    expect(r.permitsName('example.com')).toBe(true);
    expect(r.permitsName('*.example.com')).toBe(false);
    expect(r.permitsName('www.example.com')).toBe(false);
  });
});
