import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { addDependency } from '../core/dependencies';
import { FlowEdge, FlowNodes, ISecretFlowContributor } from '../core/diagram';
import { literalsDiffer, PropValidator } from '../core/validation';
import { VaultSecretStore } from './vault-secret-store';

/** One key of the target Secret, read from one field of a Vault secret. */
export interface ExternalSecretData {
  /** Key in the Kubernetes Secret. */
  readonly secretKey: string;
  /** Secret path in Vault, e.g. `eso/foo` (ESO inserts `data/` for KV v2). */
  readonly key: string;
  /**
   * Field of the Vault secret.
   * @default - the whole secret as JSON
   */
  readonly property?: string;
}

/** Properties of an {@link ExternalSecret}. */
export interface ExternalSecretProps {
  /** Name of the ExternalSecret. */
  readonly name: string;
  /** Namespace the ExternalSecret and its target Secret live in. */
  readonly namespace: string;
  /** The store to read from. */
  readonly store: VaultSecretStore;
  /** Name of the Kubernetes Secret ESO writes. */
  readonly targetSecretName: string;
  /** The keys to copy. */
  readonly data: readonly ExternalSecretData[];
  /**
   * How often ESO re-reads Vault: a Go duration with a unit (`15s`, `1h`,
   * `1h30m`). ESO parses it with Go's `time.ParseDuration`, which refuses a
   * bare number of seconds; `0` (or `0s`) reads once and never refreshes.
   * @default '1h'
   */
  readonly refreshInterval?: string;
}

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * An `external-secrets.io/v1` ExternalSecret that copies fields of Vault
 * secrets into a Kubernetes Secret the ExternalSecret owns.
 */
export class ExternalSecret extends Construct implements ISecretFlowContributor {
  /** Name of the Kubernetes Secret written. */
  public readonly targetSecretName: string;
  /** Namespace of the ExternalSecret and its Secret. */
  public readonly namespace: string;
  /** The `kubernetes_manifest` resource. */
  public readonly resource: Manifest;

  private readonly props: ExternalSecretProps;

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    this.props = props;
    const refreshInterval = props.refreshInterval ?? '1h';
    const v = new PropValidator(this, 'ExternalSecret');
    v.dnsSubdomain('name', props.name);
    v.dnsLabel('namespace', props.namespace);
    v.dnsSubdomain('targetSecretName', props.targetSecretName);
    v.goDuration('refreshInterval', refreshInterval);
    v.nonEmpty('data', props.data);
    props.data.forEach((d, i) => {
      const dv = v.child(`data[${i}]`);
      dv.string('secretKey', d.secretKey, (k) => SECRET_KEY.test(k), "must be a Secret data key (letters, digits, '-', '_', '.')");
      dv.string('key', d.key, (k) => k.length > 0 && !k.startsWith('/'), "must be a non-empty Vault secret path without a leading '/'");
      // The operator appends the key to the store's mount: '..' would read outside it.
      dv.string('key', d.key, (k) => k.startsWith('/') || k.length === 0 || !k.split('/').some((seg) => seg === '' || seg === '.' || seg === '..'),
        "must not hold empty, '.' or '..' segments: the key is read relative to the store's mount");
    });
    const keys = props.data.map((d) => d.secretKey);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup !== undefined) v.fail('data', dup, 'must not write the same secretKey twice');
    if (props.store.kind === 'SecretStore' && literalsDiffer(props.store.namespace, props.namespace)) {
      v.fail('namespace', props.namespace, `must be '${props.store.namespace}', the namespace of SecretStore '${props.store.storeName}'`);
    }
    v.throwIfInvalid();

    this.targetSecretName = props.targetSecretName;
    this.namespace = props.namespace;
    this.resource = new Manifest(this, 'Resource', {
      manifest: {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: props.name, namespace: props.namespace },
        spec: {
          refreshInterval,
          secretStoreRef: { name: props.store.storeName, kind: props.store.kind },
          target: { name: props.targetSecretName, creationPolicy: 'Owner' },
          data: props.data.map((d) => ({
            secretKey: d.secretKey,
            remoteRef: { key: d.key, ...(d.property ? { property: d.property } : {}) },
          })),
        },
      },
    });
    addDependency(this, props.store);
  }

  /** Role to Vault path to Secret edges of the secret-flow diagram. */
  public secretFlowEdges(): FlowEdge[] {
    const { store, data, refreshInterval } = this.props;
    const secret = FlowNodes.secret(this.namespace, this.targetSecretName);
    return [...new Set(data.map((d) => d.key))].flatMap((key) => {
      const path = FlowNodes.vaultPath(kvDataPath(store.kv.mountPath, key));
      return [
        { from: store.role.flowNode, to: path, label: 'read' },
        { from: path, to: secret, label: `ESO every ${refreshInterval ?? '1h'}` },
      ];
    });
  }
}

/** The KV v2 API path ESO reads for `key` (it inserts `data/` after the mount). */
function kvDataPath(mount: string, key: string): string {
  const rel = key.startsWith(`${mount}/`) ? key.slice(mount.length + 1) : key;
  return `${mount}/data/${rel}`;
}
