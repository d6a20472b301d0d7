import { JwtAuthBackend } from '@cdktf/provider-vault/lib/jwt-auth-backend';
import { Construct, IConstruct } from 'constructs';
import { isUuid, PropValidator } from '../core/validation';
import { CiIdentityProvider } from './ci-identity-provider';
import { VaultJwtAuthRole, VaultJwtAuthRoleOptions } from './jwt-auth-role';
import { isMountPath, MOUNT_PATH_RULE } from './private/paths';

/** A JWT auth mount for CI jobs: created by {@link VaultJwtAuth} or imported. */
export interface IVaultJwtAuth extends IConstruct {
  /** The mount path, without `auth/` (e.g. `jwt`). */
  readonly mountPath: string;
  /** The CI system whose tokens the mount trusts. */
  readonly provider: CiIdentityProvider;
  /** The audience every role of the mount requires. */
  readonly audience: string;
  /** Adds a role that jobs of one exact repository log in with. */
  addRole(id: string, options: VaultJwtAuthRoleOptions): VaultJwtAuthRole;
}

/** Properties of a {@link VaultJwtAuth}. */
export interface VaultJwtAuthProps {
  /** The CI system whose job tokens log in (`CiIdentityProvider.githubActions()`). */
  readonly provider: CiIdentityProvider;
  /**
   * Mount path of the auth backend, without `auth/` and without slashes at either end.
   * @default 'jwt'
   */
  readonly path?: string;
  /**
   * Description of the mount.
   * @default - `<provider> job login`
   */
  readonly description?: string;
  /**
   * The audience every role of this mount requires (`bound_audiences`). Jobs
   * request their token with it; a token minted for any other service (a
   * cloud login, a package registry) is refused.
   * @default - the provider's: 'vault' for GitHub and GitLab, `api://AzureADTokenExchange` for Azure DevOps; required for Entra ID
   */
  readonly audience?: string;
}

/**
 * Vault's JWT auth method trusting a CI system's job tokens, so a pipeline
 * logs in to Vault with a token it receives per job instead of a Vault token
 * stored in the repository's secrets.
 *
 * The issuer is both `bound_issuer` and the OIDC discovery URL, so Vault
 * fetches and rotates the signing keys itself. Who may log in is decided per
 * role ({@link addRole}): an exact repository and the environment or ref that
 * may use it.
 */
export class VaultJwtAuth extends Construct implements IVaultJwtAuth {
  /**
   * Refers to a JWT auth mount that exists already (configured elsewhere for
   * `provider`), so roles can be added to it.
   */
  public static fromMount(scope: Construct, id: string, mountPath: string, options: Pick<VaultJwtAuthProps, 'provider' | 'audience'>): IVaultJwtAuth {
    class Import extends Construct implements IVaultJwtAuth {
      public readonly mountPath = mountPath;
      public readonly provider = options.provider;
      public readonly audience = options.audience ?? options.provider.defaultAudience;
      public addRole(roleId: string, roleOptions: VaultJwtAuthRoleOptions): VaultJwtAuthRole {
        return new VaultJwtAuthRole(this, roleId, { ...roleOptions, auth: this });
      }
    }
    const imported = new Import(scope, id);
    const v = new PropValidator(imported, 'VaultJwtAuth');
    v.string('mountPath', mountPath, isMountPath, MOUNT_PATH_RULE);
    v.string('audience', imported.audience, (a) => a.trim().length > 0 && !/[*?]/.test(a), 'must be a non-empty audience without wildcards (Entra ID has no default: set it)');
    v.throwIfInvalid();
    return imported;
  }

  /** The mount path (`jwt`). */
  public readonly mountPath: string;
  /** The CI system trusted. */
  public readonly provider: CiIdentityProvider;
  /** The audience every role requires. */
  public readonly audience: string;
  /** The `vault_jwt_auth_backend` resource. */
  public readonly resource: JwtAuthBackend;

  constructor(scope: Construct, id: string, props: VaultJwtAuthProps) {
    super(scope, id);
    const path = props.path ?? 'jwt';
    const provider = props.provider;
    const v = new PropValidator(this, 'VaultJwtAuth');
    v.string('path', path, isMountPath, MOUNT_PATH_RULE);
    v.string('audience', props.audience, (a) => a.trim().length > 0 && !/[*?]/.test(a), 'must be a non-empty audience without wildcards');
    if (provider.kind === 'github-actions') {
      v.string('provider.enterpriseSlug', provider.issuerPart, (s) => /^[a-z0-9][a-z0-9-]*$/.test(s), 'must be a GitHub Enterprise slug: lowercase letters, digits and "-"');
    } else if (provider.kind === 'azure-devops') {
      v.string('provider.organizationId', provider.issuerPart, isUuid, 'must be the Azure DevOps organization id, a UUID');
    } else if (provider.kind === 'entra') {
      v.string('provider.tenantId', provider.issuerPart, isUuid, 'must be the Entra tenant id, a UUID');
      // Entra mints tokens for any resource in the tenant: only the audience says "for Vault".
      v.check(props.audience !== undefined, 'audience', props.audience, "must be set for Entra ID: the application ID URI of Vault's app registration (e.g. api://vault)");
    }
    v.url('provider.issuer', provider.issuer);
    v.throwIfInvalid();

    this.mountPath = path;
    this.provider = provider;
    this.audience = props.audience ?? provider.defaultAudience;
    this.resource = new JwtAuthBackend(this, 'Resource', {
      type: 'jwt',
      path,
      description: props.description ?? `${provider.displayName} job login`,
      oidcDiscoveryUrl: provider.issuer,
      boundIssuer: provider.issuer,
    });
  }

  /**
   * Adds a role that jobs of one exact repository log in with, in the
   * environment, on the ref, or for the pull requests it names.
   */
  public addRole(id: string, options: VaultJwtAuthRoleOptions): VaultJwtAuthRole {
    return new VaultJwtAuthRole(this, id, { ...options, auth: this });
  }
}
