import { Token } from 'cdktf';
import { Mount } from '@cdktf/provider-vault/lib/mount';
import { Construct } from 'constructs';
import { PropValidator } from '../core/validation';
import { grant, GrantOptions, IGrantee } from './grant';
import { VaultPolicy } from './policy';
import { isMountPath, isSecretPath, MOUNT_PATH_RULE, SECRET_PATH_RULE } from './private/paths';

/** Properties of a {@link KvV2Mount}. */
export interface KvV2MountProps {
  /**
   * Mount path, without slashes at either end.
   * @default 'secret'
   */
  readonly path?: string;
  /**
   * Description of the mount.
   * @default - none
   */
  readonly description?: string;
  /**
   * Keep this mount when the stack is destroyed or the construct is renamed:
   * deleting a KV mount deletes every secret in it.
   * @default true
   */
  readonly preventDestroy?: boolean;
}


/**
 * A KV version 2 secrets engine.
 *
 * Access is granted per role with {@link grantRead}, which writes the exact
 * `<mount>/data/<glob>` rule Vault checks for KV v2 reads; nobody has to
 * remember the `data/` segment.
 */
export class KvV2Mount extends Construct {
  /** The mount path (e.g. `eso`). */
  public readonly mountPath: string;
  /** The `vault_mount` resource. */
  public readonly resource: Mount;

  constructor(scope: Construct, id: string, props: KvV2MountProps = {}) {
    super(scope, id);
    const path = props.path ?? 'secret';
    const v = new PropValidator(this, 'KvV2Mount');
    v.string('path', path, isMountPath, MOUNT_PATH_RULE);
    v.throwIfInvalid();

    this.mountPath = path;
    this.resource = new Mount(this, 'Resource', {
      path,
      type: 'kv',
      options: { version: '2' },
      description: props.description,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
  }

  /**
   * Lets `role` read secrets matching `pathGlob` (relative to the mount), and
   * nothing else: `read` on `<mount>/data/<pathGlob>`.
   *
   * @param pathGlob secret path inside the mount, e.g. `foo`, `team-a/*`
   * @returns the policy the rule was written into
   */
  public grantRead(role: IGrantee, pathGlob: string, options: GrantOptions = {}): VaultPolicy {
    const v = new PropValidator(this, 'KvV2Mount', `grantRead to role '${role.roleName}'`);
    v.string('pathGlob', pathGlob, isSecretPath, SECRET_PATH_RULE);
    v.throwIfInvalid();
    const glob = Token.isUnresolved(pathGlob) ? pathGlob : pathGlob.replace(/\/+$/, '');
    return grant(role, { construct: this, mountPath: this.mountPath, resource: this.resource }, 'read', { path: `${this.mountPath}/data/${glob}`, capabilities: ['read'] }, options);
  }
}
