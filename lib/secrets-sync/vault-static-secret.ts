import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { FlowEdge, ISecretFlowContributor } from '../core/diagram';
import { SecretKeyRef } from '../core/kubernetes-refs';
import { PropValidator } from '../core/validation';
import { KvV2Mount } from '../vault/kv-v2';
import { checkDestination, createVsoSecretManifest, vsoFlowEdges } from './private/vso-destination';
import type { RolloutRestartTarget } from './rollout-restart-target';
import { VaultAuth } from './vault-auth';

/** Properties of a {@link VaultStaticSecret}. */
export interface VaultStaticSecretProps {
  /** Name of the VaultStaticSecret. */
  readonly name: string;
  /** Namespace of the VaultStaticSecret, its Secret and the VaultAuth it uses. */
  readonly namespace: string;
  /** How VSO logs in to Vault. */
  readonly auth: VaultAuth;
  /** The KV v2 mount the secret is in. */
  readonly kv: KvV2Mount;
  /** Path of the secret inside the mount, without `data/` (`team-a/db`). */
  readonly path: string;
  /** Name of the Secret VSO creates and keeps in sync. */
  readonly secretName: string;
  /**
   * How often VSO re-reads the secret: one number and unit (`30s`, `5m`, `1h`), as VSO accepts it.
   * @default '1h'
   */
  readonly refreshAfter?: string;
  /**
   * Workloads restarted after the Secret changes.
   * @default - none
   */
  readonly rolloutRestartTargets?: readonly RolloutRestartTarget[];
}

const VSO_DURATION = /^([0-9]+(\.[0-9]+)?(s|m|h))$/;
const KV_PATH = /^[A-Za-z0-9_.\-@=+]+(\/[A-Za-z0-9_.\-@=+]+)*$/;

/**
 * A VSO `VaultStaticSecret` (`secrets.hashicorp.com/v1beta1`) for a KV v2
 * secret: type, mount and path come from the {@link KvV2Mount}, so the
 * `data/` segment and the version cannot be got wrong.
 */
export class VaultStaticSecret extends Construct implements ISecretFlowContributor {
  /** Name of the Secret VSO writes. */
  public readonly secretName: string;
  /** Namespace of the VaultStaticSecret and its Secret. */
  public readonly namespace: string;
  /** The `kubernetes_manifest` resource. */
  public readonly resource: Manifest;

  private readonly props: VaultStaticSecretProps;

  constructor(scope: Construct, id: string, props: VaultStaticSecretProps) {
    super(scope, id);
    this.props = props;
    const refreshAfter = props.refreshAfter ?? '1h';
    const targets = props.rolloutRestartTargets ?? [];
    const v = new PropValidator(this, 'VaultStaticSecret');
    v.dnsSubdomain('name', props.name);
    v.dnsLabel('namespace', props.namespace);
    v.string('path', props.path, (p) => KV_PATH.test(p) && !p.startsWith('data/'),
      "must be a secret path inside the mount without a leading or trailing '/' and without 'data/' (VSO adds it for kv-v2)");
    v.string('path', props.path, (p) => !p.split('/').some((seg) => seg === '.' || seg === '..'),
      "must not hold '.' or '..' segments: the path is read relative to the mount");
    v.string('refreshAfter', refreshAfter, (d) => VSO_DURATION.test(d), 'must be one number and unit like 30s, 5m or 1h');
    checkDestination(v, props.secretName, targets, props.auth, props.namespace);
    v.throwIfInvalid();

    this.secretName = props.secretName;
    this.namespace = props.namespace;
    this.resource = createVsoSecretManifest(this, 'VaultStaticSecret', { ...props, targets }, {
      type: 'kv-v2',
      mount: props.kv.mountPath,
      path: props.path,
      refreshAfter,
    });
  }

  /** Role to Vault path to Secret to restarted workload edges of the secret-flow diagram. */
  public secretFlowEdges(): FlowEdge[] {
    const { kv, path, refreshAfter, rolloutRestartTargets } = this.props;
    return vsoFlowEdges({ ...this.props, targets: rolloutRestartTargets ?? [] }, `${kv.mountPath}/data/${path}`, `VSO every ${refreshAfter ?? '1h'}`);
  }

  /** A reference to one key of the Secret VSO writes. */
  public secretKeyRef(key: string): SecretKeyRef {
    return { name: this.secretName, key, namespace: this.namespace };
  }
}
