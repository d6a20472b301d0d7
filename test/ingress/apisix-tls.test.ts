import { TerraformStack, TerraformVariable } from 'cdktf';
import { Certificate } from '../../lib/cert-manager/certificate';
import { VaultIssuer } from '../../lib/cert-manager/vault-issuer';
import { collectSecretFlows } from '../../lib/core/diagram';
import { ApisixTls, ApisixTlsProps } from '../../lib/ingress/apisix-tls';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { PkiIssuer } from '../../lib/vault/pki-issuer';
import { manifestsOf, resourcesOf, synth, testStack } from '../helpers';

/** S4's certificate: Secret moelove-info-tls in default, from a Vault PKI role for moelove.info and its subdomains. */
function certificate(stack: TerraformStack, dnsNames: string[] = ['www.moelove.info']): Certificate {
  const pki = new PkiIssuer(stack, 'Pki', { rootCa: { commonName: 'moelove.info' } });
  const pkiRole = pki.addRole('Role', { roleName: 'moelove-dot-info', allowedDomains: ['moelove.info'], allowSubdomains: true, allowBareDomains: true, allowWildcardCertificates: true });
  const authRole = new VaultK8sAuth(stack, 'Auth').addRole('IssuerRole', { roleName: 'issuer', serviceAccountNames: ['issuer'], namespaces: ['default'] });
  const issuer = new VaultIssuer(stack, 'Issuer', { name: 'vault-issuer', namespace: 'default', server: { address: 'https://vault:8200' }, pkiRole, authRole });
  return new Certificate(stack, 'Cert', { name: 'moelove-info', namespace: 'default', issuer, secretName: 'moelove-info-tls', dnsNames });
}

function build(props: Partial<ApisixTlsProps> = {}, dnsNames?: string[]): { stack: TerraformStack; tls: ApisixTls } {
  const stack = testStack();
  const tls = new ApisixTls(stack, 'Tls', { name: 'moelove-info', certificate: certificate(stack, dnsNames), ...props });
  return { stack, tls };
}

describe('ApisixTls', () => {
  it('serves the certificate\'s Secret for its DNS names by default, as the official v2 CRD shapes it', () => {
    const { stack } = build();
    expect(manifestsOf(stack, 'ApisixTls')).toEqual([{
      apiVersion: 'apisix.apache.org/v2',
      kind: 'ApisixTls',
      metadata: { name: 'moelove-info', namespace: 'default' },
      // spec.hosts (minItems 1) and spec.secret {name, namespace} are the CRD's required fields.
      spec: { hosts: ['www.moelove.info'], secret: { name: 'moelove-info-tls', namespace: 'default' } },
    }]);
  });

  it('takes the Secret from the certificate, wherever the ApisixTls lives', () => {
    const { stack } = build({ namespace: 'ingress-apisix', ingressClassName: 'apisix', hosts: ['moelove.info'] }, ['www.moelove.info', 'moelove.info']);
    const [tls] = manifestsOf(stack, 'ApisixTls');
    expect(tls.metadata).toEqual({ name: 'moelove-info', namespace: 'ingress-apisix' });
    expect(tls.spec).toEqual({ ingressClassName: 'apisix', hosts: ['moelove.info'], secret: { name: 'moelove-info-tls', namespace: 'default' } });
  });

  it('is created after the certificate', () => {
    const { stack } = build();
    const tls = resourcesOf(stack, 'kubernetes_manifest').find((r) => r.manifest.kind === 'ApisixTls');
    expect(tls.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^kubernetes_manifest\.Cert_/)]));
  });

  it('accepts a host matched by one of the certificate\'s wildcards, one label deep', () => {
    expect(() => build({ hosts: ['api.moelove.info'] }, ['*.moelove.info'])).not.toThrow();
    expect(() => build({ hosts: ['*.moelove.info'] }, ['*.moelove.info'])).not.toThrow();
  });

  it('fails on S4\'s mismatch: host moelove.info on a certificate for www.moelove.info only', () => {
    expect(() => build({ hosts: ['moelove.info'] })).toThrow(
      /ApisixTls 'Test\/Tls': 'hosts' must be covered by the DNS names of Certificate 'Test\/Cert' \(\["www.moelove.info"\]\): add the host to the certificate's dnsNames \(got 'moelove.info'\)/,
    );
  });

  const bad: Array<[string, Partial<ApisixTlsProps>, string[] | undefined, RegExp]> = [
    ['a host two labels under a wildcard', { hosts: ['a.b.moelove.info'] }, ['*.moelove.info'], /'hosts' must be covered by the DNS names.*\(got 'a.b.moelove.info'\)/],
    ['a wildcard host on a certificate for one name', { hosts: ['*.moelove.info'] }, undefined, /'hosts' must be covered.*\(got '\*.moelove.info'\)/],
    ['a host with a path', { hosts: ['moelove.info/app'] }, undefined, /'hosts' must hold host names like www.example.com or \*.example.com \(got 'moelove.info\/app'\)/],
    ['no host', { hosts: [] }, undefined, /'hosts' must not be empty/],
    ['a repeated host', { hosts: ['www.moelove.info', 'www.moelove.info'] }, undefined, /'hosts' must not repeat a host \(got 'www.moelove.info'\)/],
    ['a bad name', { name: 'Moelove_Info' }, undefined, /'name' must be a DNS-1123 subdomain.*\(got 'Moelove_Info'\)/],
    ['a bad namespace', { namespace: 'Ingress' }, undefined, /'namespace' must be a DNS-1123 label.*\(got 'Ingress'\)/],
    ['a bad ingress class', { ingressClassName: 'APISIX class' }, undefined, /'ingressClassName' must be a DNS-1123 subdomain.*\(got 'APISIX class'\)/],
  ];
  it.each(bad)('fails on %s', (_what, props, dnsNames, message) => {
    expect(() => build(props, dnsNames)).toThrow(new RegExp(`ApisixTls 'Test/Tls': .*${message.source}`));
  });

  it('accepts hosts known only at apply time', () => {
    const stack = testStack();
    const host = new TerraformVariable(stack, 'host', { type: 'string' });
    expect(() => new ApisixTls(stack, 'Tls', { name: 'moelove-info', certificate: certificate(stack), hosts: [host.stringValue] })).not.toThrow();
  });

  it('draws the Secret flowing to the APISIX ingress', () => {
    const { stack } = build();
    expect(collectSecretFlows(stack).map((e) => `${e.from.label} -> ${e.to.label}: ${e.label}`))
      .toContain('Secret default/moelove-info-tls -> ApisixTls default/moelove-info: served for www.moelove.info');
  });

  it('matches the snapshot', () => {
    expect(synth(build().stack)).toMatchSnapshot();
  });
});
