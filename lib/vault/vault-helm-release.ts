import { dependable, Token } from 'cdktf';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { warnInsecure } from '../core/annotations';
import { isDnsLabel, PropValidator } from '../core/validation';
import { createOperatorRelease } from '../helm/operator-chart';
import { VAULT_USERCONFIG_DIR, VaultSealConfig } from './seal-config';

/** The `vault` chart version this library is tested against (values validated against its schema). */
export const VAULT_CHART_VERSION = '0.34.1';
/** HashiCorp's Helm repository. */
export const VAULT_CHART_REPOSITORY = 'https://helm.releases.hashicorp.com';
/**
 * The Helm release name. Fixed, because the chart derives pod, Service and
 * ServiceAccount names (`vault-0`, `vault-internal`, `vault`) from it, and
 * the Raft `retry_join` addresses and the federated credential's subject
 * depend on those names.
 */
export const VAULT_RELEASE_NAME = 'vault';

/**
 * How Vault's pods get the federated token of a workload identity seal.
 *
 * - `webhook`: the Azure workload identity webhook (AKS's add-on, or the
 *   `workload-identity-webhook` chart) injects it into pods labelled
 *   `azure.workload.identity/use: "true"`. Nothing works where it is not installed.
 * - `projectedToken`: the release itself mounts a projected ServiceAccount
 *   token with audience `api://AzureADTokenExchange` and sets the `AZURE_*`
 *   variables the webhook would set. Works on any cluster (a homelab's too),
 *   without a cluster-wide mutating webhook.
 */
export type WorkloadIdentityTokenSource = 'webhook' | 'projectedToken';

/** The audience Entra ID accepts in a federated credential's token exchange. */
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** Where the webhook mounts the federated token; the projected mode uses the same path. */
export const AZURE_FEDERATED_TOKEN_FILE = '/var/run/secrets/azure/tokens/azure-identity-token';
/** Entra ID's sign-in host per cloud, as `AZURE_AUTHORITY_HOST` names it. */
const AUTHORITY_HOSTS: Record<string, string> = {
  AzurePublicCloud: 'https://login.microsoftonline.com/',
  AzureUSGovernmentCloud: 'https://login.microsoftonline.us/',
  AzureChinaCloud: 'https://login.chinacloudapi.cn/',
};

/** Properties of a {@link VaultHelmRelease}. */
export interface VaultHelmReleaseProps {
  /**
   * Namespace to install into (created if missing).
   * @default - the seal config's namespace, else 'vault'
   */
  readonly namespace?: string;
  /**
   * Chart version, exact. Change it deliberately: the values here are
   * validated against 0.34.1's schema.
   * @default '0.34.1'
   */
  readonly chartVersion?: string;
  /**
   * The auto-unseal stanza to mount and load with `-config=`. In workload
   * identity mode the ServiceAccount annotation and pod label the Azure
   * workload identity webhook needs are added too.
   * @default - no auto-unseal: Vault starts sealed with Shamir keys
   */
  readonly sealConfig?: VaultSealConfig;
  /**
   * With a workload identity seal: how Vault's pods get the federated token.
   * `projectedToken` needs no webhook and works off AKS; the cluster's
   * ServiceAccount issuer must be the `oidcIssuerUrl` the federated
   * credential trusts, with its discovery document reachable by Entra ID.
   * @default 'webhook'
   */
  readonly workloadIdentityToken?: WorkloadIdentityTokenSource;
  /**
   * Run Vault highly available on integrated (Raft) storage.
   * @default false - one standalone server on file storage
   */
  readonly highAvailability?: boolean;
  /**
   * Number of Vault servers with `highAvailability`: an odd number from 3 to 7
   * so Raft keeps a quorum through one (or more) failures.
   * @default 3
   */
  readonly replicas?: number;
  /**
   * Install the Vault Agent injector. Off by default: it is a cluster-wide
   * mutating webhook, and this library syncs secrets with VSO/ESO instead.
   * @default false
   */
  readonly injector?: boolean;
  /**
   * Name of the `kubernetes.io/tls` Secret (keys `tls.crt`, `tls.key`,
   * `ca.crt`) Vault serves TLS with, e.g. issued by cert-manager. The
   * certificate must cover `vault`, `vault.<namespace>.svc`,
   * `*.vault-internal` (Raft) and `127.0.0.1` (the chart's probes and CLI).
   * @default 'vault-tls'
   */
  readonly tlsSecretName?: string;
  /**
   * Serve plain HTTP. Tokens, unseal keys and secrets then cross the network
   * unencrypted. Emits a warning.
   * @default false
   */
  readonly tlsDisable?: boolean;
  /**
   * Run Vault in dev mode: in-memory storage (everything is lost on restart),
   * already unsealed, root token `root`, plain HTTP. For experiments only;
   * emits a warning and excludes `sealConfig` and `highAvailability`.
   * @default false
   */
  readonly devMode?: boolean;
  /**
   * Extra chart values, merged over the construct's own. Never put secrets
   * here: Helm values are stored in plain text in the release.
   * @default - none
   */
  readonly values?: Record<string, unknown>;
}

/**
 * HashiCorp's `vault` Helm chart, pinned, with TLS on by default, the injector
 * off, and the auto-unseal stanza mounted from its Secret.
 *
 * The seal stanza is merged into Vault's configuration by passing a second
 * `-config=` file (`server.extraArgs`): Vault merges every config file it is
 * given, so the chart's own listener and storage config (a ConfigMap, holding
 * nothing secret) and the Secret's seal stanza combine.
 */
export class VaultHelmRelease extends Construct {
  /** The `helm_release` resource. */
  public readonly resource: Release;
  /** The namespace Vault runs in. */
  public readonly namespace: string;
  /** Vault's in-cluster address (`https://vault.<namespace>.svc:8200`). */
  public readonly address: string;

  constructor(scope: Construct, id: string, props: VaultHelmReleaseProps = {}) {
    super(scope, id);
    const seal = props.sealConfig;
    const namespace = props.namespace ?? seal?.namespace ?? 'vault';
    const ha = props.highAvailability ?? false;
    const replicas = props.replicas ?? 3;
    const dev = props.devMode ?? false;
    const tlsSecret = props.tlsSecretName ?? 'vault-tls';
    // Dev mode's listener is plain HTTP whatever the chart says.
    const tls = !(props.tlsDisable ?? false) && !dev;

    const v = new PropValidator(this, 'VaultHelmRelease');
    v.string('tlsSecretName', tlsSecret, isDnsLabel, 'must be a DNS-1123 label (it is also the volume name): lowercase letters, digits and "-", at most 63 characters');
    if (props.replicas !== undefined && !Token.isUnresolved(replicas)) {
      v.check(ha, 'replicas', replicas, 'needs highAvailability: true (standalone Vault runs one server)');
      v.check(Number.isInteger(replicas) && replicas >= 3 && replicas <= 7 && replicas % 2 === 1, 'replicas', replicas, 'must be 3, 5 or 7: Raft needs an odd quorum');
    }
    if (seal && !Token.isUnresolved(namespace) && !Token.isUnresolved(seal.namespace) && seal.namespace !== namespace) {
      v.fail('namespace', namespace, `must be the seal config Secret's namespace ('${seal.namespace}'): pods mount Secrets from their own namespace only`);
    }
    const wi = seal?.source.workloadIdentityServiceAccount;
    if (wi && !Token.isUnresolved(wi.namespace) && !Token.isUnresolved(namespace) && wi.namespace !== namespace) {
      v.fail('namespace', namespace, `must be the namespace the federated credential trusts ('${wi.namespace}')`);
    }
    const tokenSource = props.workloadIdentityToken ?? 'webhook';
    v.oneOf('workloadIdentityToken', tokenSource, ['webhook', 'projectedToken']);
    if (props.workloadIdentityToken !== undefined && !wi) {
      v.fail('workloadIdentityToken', props.workloadIdentityToken, 'needs a sealConfig whose source uses workload identity');
    }
    if (dev && seal) v.fail('devMode', dev, 'cannot be combined with sealConfig: dev mode keeps everything in memory, so there is nothing to unseal');
    if (dev && ha) v.fail('devMode', dev, 'cannot be combined with highAvailability');
    if (seal && tlsSecret === seal.secretName) v.fail('tlsSecretName', tlsSecret, 'must differ from the seal config Secret name');
    v.throwIfInvalid();

    if (dev) {
      warnInsecure(this, 'devMode', 'Vault runs in dev mode: in-memory storage lost on restart, already unsealed, root token "root", plain HTTP; never for real secrets');
    } else if (!tls) {
      warnInsecure(this, 'tlsDisable', 'Vault serves plain HTTP; tokens, unseal keys and secrets cross the network unencrypted');
    }

    const volumes: Array<Record<string, unknown>> = [];
    const mounts: Array<Record<string, unknown>> = [];
    const tlsDir = `${VAULT_USERCONFIG_DIR}/${tlsSecret}`;
    if (tls) {
      volumes.push({ name: tlsSecret, secret: { secretName: tlsSecret, defaultMode: 420 } });
      mounts.push({ name: tlsSecret, mountPath: tlsDir, readOnly: true });
    }
    if (seal) {
      // 420 = 0644: Vault runs as a non-root user that must read the file.
      volumes.push({ name: seal.secretName, secret: { secretName: seal.secretName, defaultMode: 420 } });
      mounts.push({ name: seal.secretName, mountPath: seal.mountPath, readOnly: true });
    }

    const server: Record<string, unknown> = {};
    if (dev) {
      server.dev = { enabled: true };
    } else if (ha) {
      server.ha = {
        enabled: true,
        replicas,
        raft: { enabled: true, setNodeId: true, config: raftConfig(replicas, tls, tlsDir) },
      };
    } else {
      server.standalone = { enabled: true, config: standaloneConfig(tls, tlsDir) };
    }
    if (volumes.length) {
      server.volumes = volumes;
      server.volumeMounts = mounts;
    }
    if (seal) server.extraArgs = `-config=${seal.configPath}`;
    // The chart points VAULT_ADDR at https://127.0.0.1:8200 with TLS on; the
    // CLI and readiness probe in the pod verify it against this CA.
    if (tls) server.extraEnvironmentVars = { VAULT_CACERT: `${tlsDir}/ca.crt` };
    if (wi && tokenSource === 'webhook') {
      // The workload identity webhook injects AZURE_CLIENT_ID, AZURE_TENANT_ID
      // and a projected token file into pods labelled `use: "true"` whose
      // ServiceAccount carries the client ID; the seal's default Azure
      // credential chain then exchanges that token. No secret anywhere.
      server.serviceAccount = { name: wi.name, annotations: { 'azure.workload.identity/client-id': seal!.source.clientId } };
      server.extraLabels = { 'azure.workload.identity/use': 'true' };
    } else if (wi) {
      // What the webhook would inject, rendered here: the kubelet projects a
      // token for Vault's ServiceAccount with the token-exchange audience, and
      // the seal's default Azure credential chain (workload identity
      // credential) reads the file and the AZURE_* variables. No label, so a
      // webhook that is installed anyway leaves the pods alone.
      server.serviceAccount = { name: wi.name, annotations: { 'azure.workload.identity/client-id': seal!.source.clientId } };
      const dir = AZURE_FEDERATED_TOKEN_FILE.slice(0, AZURE_FEDERATED_TOKEN_FILE.lastIndexOf('/'));
      volumes.push({
        name: 'azure-identity-token',
        projected: {
          defaultMode: 420,
          sources: [{ serviceAccountToken: { path: 'azure-identity-token', audience: AZURE_TOKEN_EXCHANGE_AUDIENCE, expirationSeconds: 3600 } }],
        },
      });
      mounts.push({ name: 'azure-identity-token', mountPath: dir, readOnly: true });
      server.volumes = volumes;
      server.volumeMounts = mounts;
      server.extraEnvironmentVars = {
        ...(server.extraEnvironmentVars as Record<string, string> | undefined),
        AZURE_CLIENT_ID: seal!.source.clientId,
        AZURE_TENANT_ID: seal!.source.tenantId,
        AZURE_FEDERATED_TOKEN_FILE: AZURE_FEDERATED_TOKEN_FILE,
        AZURE_AUTHORITY_HOST: AUTHORITY_HOSTS[seal!.environment] ?? AUTHORITY_HOSTS.AzurePublicCloud,
      };
    }

    const { release } = createOperatorRelease(this, 'VaultHelmRelease', {
      releaseName: VAULT_RELEASE_NAME,
      repository: VAULT_CHART_REPOSITORY,
      chart: 'vault',
      defaultVersion: VAULT_CHART_VERSION,
      defaultNamespace: namespace,
      values: {
        global: { tlsDisable: !tls },
        injector: { enabled: props.injector ?? false },
        server,
      },
    }, { namespace, chartVersion: props.chartVersion, values: props.values });
    if (seal) {
      // The pods cannot mount a missing Secret, and the Secret waits for the
      // role assignment, so Vault's first unwrap does not fail with 403.
      release.dependsOn = [...(release.dependsOn ?? []), dependable(seal.resource)];
    }
    this.resource = release;
    this.namespace = namespace;
    this.address = `${tls ? 'https' : 'http'}://${VAULT_RELEASE_NAME}.${namespace}.svc:8200`;
  }
}

function listener(tls: boolean, tlsDir: string): string {
  const tlsLines = tls
    ? [`  tls_cert_file   = "${tlsDir}/tls.crt"`, `  tls_key_file    = "${tlsDir}/tls.key"`, '  tls_min_version = "tls12"']
    : ['  tls_disable     = 1'];
  return ['listener "tcp" {', '  address         = "[::]:8200"', '  cluster_address = "[::]:8201"', ...tlsLines, '}'].join('\n');
}

function standaloneConfig(tls: boolean, tlsDir: string): string {
  return ['ui = true', '', listener(tls, tlsDir), '', 'storage "file" {', '  path = "/vault/data"', '}', ''].join('\n');
}

/** The most servers a Raft cluster here may have (`replicas` is 3, 5 or 7). */
const MAX_RAFT_REPLICAS = 7;

function raftConfig(replicas: number, tls: boolean, tlsDir: string): string {
  const scheme = tls ? 'https' : 'http';
  // A replica count known only at apply time cannot size the list at synth:
  // list every server a cluster may have. Vault tries each retry_join leader
  // in turn, and a pod that does not exist only fails to resolve.
  const servers = Token.isUnresolved(replicas) ? MAX_RAFT_REPLICAS : replicas;
  const joins = Array.from({ length: servers }, (_, i) => [
    '  retry_join {',
    `    leader_api_addr = "${scheme}://${VAULT_RELEASE_NAME}-${i}.${VAULT_RELEASE_NAME}-internal:8200"`,
    ...(tls ? [`    leader_ca_cert_file = "${tlsDir}/ca.crt"`] : []),
    '  }',
  ].join('\n'));
  return ['ui = true', '', listener(tls, tlsDir), '', 'storage "raft" {', '  path = "/vault/data"', ...joins, '}', '', 'service_registration "kubernetes" {}', ''].join('\n');
}
