import { Token } from 'cdktf';
import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { addDependency } from '../core/dependencies';
import { FlowEdge, ISecretFlowContributor } from '../core/diagram';
import { SecretKeyRef } from '../core/kubernetes-refs';
import { PropValidator } from '../core/validation';
import { checkDestination, createVsoSecretManifest, vsoFlowEdges } from './private/vso-destination';
import type { RolloutRestartTarget } from './rollout-restart-target';
import { VaultAuth } from './vault-auth';

/**
 * A Vault role that issues leased credentials (an `AzureSecretsEngineRole`,
 * a database role, ...): where to read them.
 */
export interface IDynamicSecretSource {
  /** The engine's mount path (`azure`). */
  readonly mountPath: string;
  /** The path relative to the mount credentials are read from (`creds/certmanager-role`). */
  readonly credentialsPath: string;
  /** The role name in Vault. */
  readonly roleName: string;
}

/** Properties of a {@link VaultDynamicSecret}. */
export interface VaultDynamicSecretProps {
  /** Name of the VaultDynamicSecret. */
  readonly name: string;
  /** Namespace of the VaultDynamicSecret, its Secret and the VaultAuth it uses. */
  readonly namespace: string;
  /** How VSO logs in to Vault. */
  readonly auth: VaultAuth;
  /** The engine role whose credentials are read; mount and path come from it. */
  readonly source: IDynamicSecretSource;
  /** Name of the Secret VSO creates and keeps filled with the current credentials. */
  readonly secretName: string;
  /**
   * Workloads restarted after VSO writes new credentials, for those that read
   * the Secret only at start-up.
   * @default - none
   */
  readonly rolloutRestartTargets?: readonly RolloutRestartTarget[];
  /**
   * Percentage of the lease's TTL after which VSO renews or re-reads it.
   * @default 67
   */
  readonly renewalPercent?: number;
  /**
   * Revoke the lease in Vault when this object is deleted, so the credentials
   * stop working with it. VSO revokes through `sys/leases/revoke`, which
   * Vault's default policy does not allow; `AzureSecretsEngine.grantCredentials`
   * grants it for the role's own leases. With a policy written by hand,
   * without that rule, revocation is refused and the credentials live until
   * their lease expires (the engine role's max TTL).
   * @default true
   */
  readonly revoke?: boolean;
}

/**
 * A VSO `VaultDynamicSecret` (`secrets.hashicorp.com/v1beta1`): VSO reads
 * leased credentials (`<mount>/creds/<role>`), writes them to a Secret it
 * creates, renews or replaces them before the lease ends, and restarts the
 * workloads that use them.
 */
export class VaultDynamicSecret extends Construct implements ISecretFlowContributor {
  /** Name of the Secret VSO writes. */
  public readonly secretName: string;
  /** Namespace of the VaultDynamicSecret and its Secret. */
  public readonly namespace: string;
  /** The `kubernetes_manifest` resource. */
  public readonly resource: Manifest;

  private readonly props: VaultDynamicSecretProps;

  constructor(scope: Construct, id: string, props: VaultDynamicSecretProps) {
    super(scope, id);
    this.props = props;
    const targets = props.rolloutRestartTargets ?? [];
    const renewalPercent = props.renewalPercent ?? 67;
    const v = new PropValidator(this, 'VaultDynamicSecret');
    v.dnsSubdomain('name', props.name);
    v.dnsLabel('namespace', props.namespace);
    checkDestination(v, props.secretName, targets, props.auth, props.namespace);
    if (!Token.isUnresolved(renewalPercent)) {
      v.check(Number.isInteger(renewalPercent) && renewalPercent >= 1 && renewalPercent <= 90, 'renewalPercent', renewalPercent,
        'must be a whole percentage from 1 to 90 (later renewals risk serving expired credentials)');
    }
    v.throwIfInvalid();

    this.secretName = props.secretName;
    this.namespace = props.namespace;
    this.resource = createVsoSecretManifest(this, 'VaultDynamicSecret', { ...props, targets }, {
      mount: props.source.mountPath,
      path: props.source.credentialsPath,
      renewalPercent,
      revoke: props.revoke ?? true,
    });
    if (Construct.isConstruct(props.source)) addDependency(this, props.source);
  }

  /** Role to Vault path to Secret to restarted workload edges of the secret-flow diagram. */
  public secretFlowEdges(): FlowEdge[] {
    const { source, rolloutRestartTargets } = this.props;
    return vsoFlowEdges({ ...this.props, targets: rolloutRestartTargets ?? [] }, `${source.mountPath}/${source.credentialsPath}`, 'VSO, renewed by lease');
  }

  /** A reference to one key of the Secret VSO writes (`client_secret` for Azure credentials). */
  public secretKeyRef(key: string): SecretKeyRef {
    return { name: this.secretName, key, namespace: this.namespace };
  }
}
