import { TerraformStack } from 'cdktf';
import { Certificate, CertificateProps } from '../../lib/cert-manager/certificate';
import { VaultIssuer } from '../../lib/cert-manager/vault-issuer';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { PkiIssuer } from '../../lib/vault/pki-issuer';
import { PkiRoleOptions } from '../../lib/vault/pki-role';
import { manifestsOf, resourcesOf, synth, testStack } from '../helpers';

/** A Vault issuer in `apps` whose PKI role signs subdomains of example.com for at most 72h. */
function issuer(stack: TerraformStack, role: Partial<PkiRoleOptions> = {}, namespace: string | null = 'apps') {
  const pki = new PkiIssuer(stack, 'Pki', { rootCa: { commonName: 'example.com' } });
  const pkiRole = pki.addRole('Web', { roleName: 'web', allowedDomains: ['example.com'], allowSubdomains: true, ...role });
  const authRole = new VaultK8sAuth(stack, 'Auth').addRole('IssuerRole', { roleName: 'issuer', serviceAccountNames: ['issuer'], namespaces: [namespace ?? 'cert-manager'] });
  return new VaultIssuer(stack, 'Issuer', { name: 'vault', namespace: namespace ?? undefined, server: { address: 'https://vault:8200' }, pkiRole, authRole });
}
const cert = (stack: TerraformStack, o: Partial<CertificateProps> = {}) => new Certificate(stack, 'Cert', {
  name: 'web', namespace: 'apps', issuer: o.issuer ?? issuer(stack), dnsNames: ['www.example.com'], ...o,
});

describe('Certificate', () => {
  it('defaults the secret, common name, lifetime and key from the issuer objects', () => {
    const stack = testStack();
    cert(stack);
    expect(manifestsOf(stack, 'Certificate')[0]).toEqual({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'web', namespace: 'apps' },
      spec: {
        secretName: 'web-tls',
        commonName: 'www.example.com',
        dnsNames: ['www.example.com'],
        duration: '72h',
        issuerRef: { name: 'vault', kind: 'Issuer', group: 'cert-manager.io' },
        privateKey: { rotationPolicy: 'Always', algorithm: 'RSA', size: 2048 },
      },
    });
    expect(resourcesOf(stack, 'kubernetes_manifest').find((r) => r.manifest.kind === 'Certificate').depends_on)
      .toEqual([expect.stringMatching(/^kubernetes_manifest\.Issuer_/)]);
  });

  it('renders given secret name, duration, renewBefore and an ec key', () => {
    const stack = testStack();
    cert(stack, { issuer: issuer(stack, { keyType: 'ec', keyBits: 384 }), secretName: 'web-cert', duration: '48h', renewBefore: '16h' });
    expect(manifestsOf(stack, 'Certificate')[0].spec).toMatchObject({ secretName: 'web-cert', duration: '48h', renewBefore: '16h', privateKey: { algorithm: 'ECDSA', size: 384 } });
  });

  it('refers to a ClusterIssuer from any namespace', () => {
    const stack = testStack();
    cert(stack, { issuer: issuer(stack, {}, null) });
    expect(manifestsOf(stack, 'Certificate')[0].spec.issuerRef).toEqual({ name: 'vault', kind: 'ClusterIssuer', group: 'cert-manager.io' });
  });

  it('fails when an Issuer is in another namespace', () => {
    expect(() => cert(testStack(), { namespace: 'web' }))
      .toThrow(/Certificate 'Test\/Cert': 'namespace' must be 'apps', the namespace of Issuer 'vault'.*\(got 'web'\)/);
  });

  it('fails on a name the PKI role does not sign', () => {
    expect(() => cert(testStack(), { dnsNames: ['www.example.org'] }))
      .toThrow(/Certificate 'Test\/Cert': 'dnsNames' must be allowed by PKI role 'web'.*\(got 'www.example.org'\)/);
    expect(() => cert(testStack(), { dnsNames: ['example.com'] }))
      .toThrow(/'dnsNames' must be allowed by PKI role 'web'.*bare domains not allowed\) \(got 'example.com'\)/);
  });

  it('accepts a wildcard name only when the PKI role allows wildcards', () => {
    expect(() => cert(testStack(), { dnsNames: ['*.www.example.com'] })).toThrow(/'dnsNames' must be allowed by PKI role 'web'.*\(got '\*\.www\.example\.com'\)/);
    const stack = testStack();
    cert(stack, { issuer: issuer(stack, { allowWildcardCertificates: true }), dnsNames: ['*.www.example.com'] });
    expect(manifestsOf(stack, 'Certificate')[0].spec.dnsNames).toEqual(['*.www.example.com']);
  });

  it('fails on a malformed DNS name and an empty list', () => {
    expect(() => cert(testStack(), { dnsNames: ['WWW.example.com'] })).toThrow(/'dnsNames' must hold lowercase DNS names.*\(got 'WWW.example.com'\)/);
    expect(() => cert(testStack(), { dnsNames: [] })).toThrow(/'dnsNames' must not be empty \(got \[\]\)/);
  });

  it('fails on a common name that is not a DNS name of the certificate', () => {
    expect(() => cert(testStack(), { commonName: 'api.example.com' })).toThrow(/'commonName' must be one of dnsNames \(got 'api.example.com'\)/);
  });

  it('fails on a duration that is not a Go duration', () => {
    expect(() => cert(testStack(), { duration: '3d' })).toThrow(/Certificate 'Test\/Cert': 'duration' must be a Go duration like 72h.*\(got '3d'\)/);
    expect(() => cert(testStack(), { duration: '7200' })).toThrow(/'duration' must be a Go duration.*\(got '7200'\)/);
  });

  it('fails on a duration above the PKI role max TTL or below 1h', () => {
    expect(() => cert(testStack(), { duration: '2160h' })).toThrow(/'duration' must not exceed PKI role 'web''s max TTL \(72h\) \(got '2160h'\)/);
    expect(() => cert(testStack(), { duration: '30m' })).toThrow(/'duration' must be at least 1h.*\(got '30m'\)/);
  });

  it('fails on renewBefore not below duration, below 5m, or malformed', () => {
    expect(() => cert(testStack(), { duration: '24h', renewBefore: '24h' })).toThrow(/'renewBefore' must be shorter than duration \(24h\) \(got '24h'\)/);
    expect(() => cert(testStack(), { renewBefore: '1m' })).toThrow(/'renewBefore' must be at least 5m.*\(got '1m'\)/);
    expect(() => cert(testStack(), { renewBefore: '1 day' })).toThrow(/'renewBefore' must be a Go duration.*\(got '1 day'\)/);
  });

  it('fails on bad object names', () => {
    expect(() => cert(testStack(), { name: 'Web' })).toThrow(/'name' must be a DNS-1123 subdomain.*\(got 'Web'\)/);
    expect(() => cert(testStack(), { secretName: 'web_tls' })).toThrow(/'secretName' must be a DNS-1123 subdomain.*\(got 'web_tls'\)/);
  });

  it('reads durations as cert-manager does, with Go syntax and no sign', () => {
    for (const duration of ['72h', '1h30m', '1.5h', '90m', '4320m0s']) expect(() => cert(testStack(), { duration, renewBefore: '30m' })).not.toThrow();
    for (const duration of ['3d', '7200', '', 'h', '+2h']) expect(() => cert(testStack(), { duration })).toThrow(/'duration' must be a Go duration/);
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    cert(stack);
    expect(synth(stack)).toMatchSnapshot();
  });
});
