/**
 * The "N teams" platform `npm run bench` synthesizes at N = 10, 200 and 1000
 * (`BENCH_TEAMS=200 node -r ./scripts/register.js scripts/bench-teams-app.ts`).
 * One stack: a shared Kubernetes auth backend, PKI issuer and VSO connection,
 * and per team a KV mount, an auth role with a read grant, an ESO store with
 * three ExternalSecrets, a VSO VaultAuth and VaultStaticSecret, a PKI role, a
 * Vault Issuer and a Certificate; the rule pack judges it with failOnError, as
 * `npm run synth` does.
 */
import { App } from 'cdktf';
import { Construct } from 'constructs';
import { Certificate } from '../lib/cert-manager/certificate';
import { VaultIssuer } from '../lib/cert-manager/vault-issuer';
import { SecurityChecks } from '../lib/checks';
import { PlatformStack } from '../lib/platform';
import { ExternalSecret } from '../lib/secrets-sync/external-secret';
import { VaultAuth } from '../lib/secrets-sync/vault-auth';
import { VaultConnection } from '../lib/secrets-sync/vault-connection';
import { VaultSecretStore } from '../lib/secrets-sync/vault-secret-store';
import { VaultStaticSecret } from '../lib/secrets-sync/vault-static-secret';
import { VaultK8sAuth } from '../lib/vault/k8s-auth';
import { KvV2Mount } from '../lib/vault/kv-v2';
import { PkiIssuer } from '../lib/vault/pki-issuer';
import { VaultServer } from '../lib/vault/vault-server';

const SERVER: VaultServer = {
  address: 'https://vault.vault.svc.cluster.local:8200',
  caCert: { name: 'vault-ca', key: 'ca.crt' },
};

/** Builds the platform of `teams` teams into `app` as stack `teams`. */
export function buildTeams(app: App, teams: number): PlatformStack {
  const stack = new PlatformStack(app, 'teams', { providers: ['vault', 'kubernetes'] });
  const auth = new VaultK8sAuth(stack, 'KubernetesAuth');
  const pki = new PkiIssuer(stack, 'Pki', { path: 'pki', rootCa: { commonName: 'teams.example.com', ttl: '8760h' }, urlBase: SERVER.address });
  const connection = new VaultConnection(stack, 'VsoConnection', { name: 'vault', namespace: 'vault-secrets-operator', server: SERVER });
  for (let i = 0; i < teams; i++) {
    const team = `team${String(i).padStart(4, '0')}`;
    const scope = new Construct(stack, team);
    const kv = new KvV2Mount(scope, 'Kv', { path: `${team}-kv`, description: `secrets of ${team}` });
    const role = auth.addRole(`${team}Role`, { roleName: team, serviceAccountNames: [team], namespaces: [team], tokenTtl: '15m' });
    kv.grantRead(role, 'apps/*', { policyName: `${team}-read` });
    const store = new VaultSecretStore(scope, 'Store', { name: 'vault', namespace: team, server: { ...SERVER, caCert: { name: 'vault-ca', key: 'ca.crt', namespace: team } }, kv, role });
    for (const app of ['api', 'worker', 'web']) {
      new ExternalSecret(scope, `${app}Secret`, {
        name: `${app}-config`,
        namespace: team,
        store,
        targetSecretName: `${app}-config`,
        data: [{ secretKey: 'password', key: `apps/${app}`, property: 'password' }],
      });
    }
    const vaultAuth = new VaultAuth(scope, 'VsoAuth', { name: 'vault', namespace: team, connection, role });
    new VaultStaticSecret(scope, 'StaticSecret', { name: 'db', namespace: team, auth: vaultAuth, kv, path: 'apps/db', secretName: 'db-credentials' });
    const pkiRole = pki.addRole(`${team}Pki`, { roleName: team, allowedDomains: [`${team}.teams.example.com`], allowSubdomains: true, maxTtl: '72h' });
    const issuer = new VaultIssuer(scope, 'Issuer', { name: 'vault-issuer', namespace: team, server: { ...SERVER, caCert: { name: 'vault-ca', key: 'ca.crt', namespace: team } }, pkiRole, authRole: role });
    new Certificate(scope, 'Certificate', { name: 'www', namespace: team, issuer, secretName: 'www-tls', dnsNames: [`www.${team}.teams.example.com`] });
  }
  // BENCH_NO_PACK=1: the same platform without the rule pack, to show what judging it costs.
  if (!process.env.BENCH_NO_PACK) SecurityChecks.applyTo(app, { failOnError: true });
  return stack;
}

function main(): void {
  const teams = Number(process.env.BENCH_TEAMS ?? 10);
  const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
  buildTeams(app, teams);
  app.synth();
}

if (require.main === module) setImmediate(main);
