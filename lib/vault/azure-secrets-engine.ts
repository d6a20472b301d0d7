import { Fn, propertyAccess, Token } from 'cdktf';
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { AzureSecretBackend } from '@cdktf/provider-vault/lib/azure-secret-backend';
import { AzureSecretBackendRole } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import { GenericEndpoint } from '@cdktf/provider-vault/lib/generic-endpoint';
import { Construct } from 'constructs';
import { warnInsecure } from '../core/annotations';
import { literalSeconds, ONE_DAY_SECONDS, toSeconds, toSecondsString } from '../core/duration';
import { isUnresolvedToken } from '../core/unresolved';
import { PropValidator } from '../core/validation';
import { privilegedAzureRole } from '../core/azure-roles';
import { DISPLAY_NAME_RULE, isDisplayName } from '../core/private/display-name';
import type { IEntraApplication } from '../entra/workload-application';
import { grant, GrantOptions, IGrantee } from './grant';
import { VaultPolicy } from './policy';
import { isMountPath, MOUNT_PATH_RULE } from './private/paths';

/**
 * The client id of Microsoft Graph's application, the same in every tenant
 * (a Microsoft first-party app id). Its service principal holds the app roles
 * (`Application.ReadWrite.All`, ...) that admin consent assigns.
 */
export const MICROSOFT_GRAPH_CLIENT_ID = '00000003-0000-0000-c000-000000000000';

/**
 * The Microsoft Graph application permissions Vault's service principal needs:
 * `Application.ReadWrite.All` to add and remove client secrets on applications
 * (the existing-application roles and `rotate-root`) and to create the
 * applications of dynamic roles; `GroupMember.ReadWrite.All` to add dynamic
 * service principals to groups (`azure_groups`).
 */
export const AZURE_SECRETS_ENGINE_GRAPH_PERMISSIONS = ['Application.ReadWrite.All', 'GroupMember.ReadWrite.All'] as const;

/** The Azure clouds Vault's Azure secrets engine knows. */
export type AzureEnvironment = 'AzurePublicCloud' | 'AzureUSGovernmentCloud' | 'AzureChinaCloud' | 'AzureGermanCloud';
const AZURE_ENVIRONMENTS: readonly AzureEnvironment[] = ['AzurePublicCloud', 'AzureUSGovernmentCloud', 'AzureChinaCloud', 'AzureGermanCloud'];

const CONSENT_IDS: Record<(typeof AZURE_SECRETS_ENGINE_GRAPH_PERMISSIONS)[number], string> = {
  'Application.ReadWrite.All': 'GraphApplicationReadWriteAll',
  'GroupMember.ReadWrite.All': 'GraphGroupMemberReadWriteAll',
};

/** Longest life of the bootstrap client secret: it only has to last until `rotate-root` runs. */
const MAX_BOOTSTRAP_SECRET_HOURS = 720;

/** Properties of an {@link AzureSecretsEngine}. */
export interface AzureSecretsEngineProps {
  /** The Entra ID tenant Vault's application lives in. */
  readonly tenantId: string;
  /** The Azure subscription Vault manages role assignments in. */
  readonly subscriptionId: string;
  /**
   * Mount path, without slashes at either end.
   * @default 'azure'
   */
  readonly path?: string;
  /**
   * Description of the mount.
   * @default 'SP used from Vault on K8s'
   */
  readonly description?: string;
  /**
   * Display name of Vault's own Entra ID application.
   * @default 'vault-azure-secrets-engine'
   */
  readonly applicationDisplayName?: string;
  /**
   * Life of the bootstrap client secret Terraform creates to configure the
   * engine, in whole hours (`1h`). `rotate-root` replaces it within the same
   * apply, so it only needs to outlast a failed apply that is re-run. Keep it
   * short: while it lives it is a working secret of an application that may
   * add credentials to any application in the tenant.
   * @default '1h'
   */
  readonly bootstrapSecretExpiry?: string;
  /**
   * Life of each root client secret Vault generates on `rotate-root`
   * (`root_password_ttl`). After it the engine stops working unless the root
   * was rotated again.
   * @default '4380h' (6 months)
   */
  readonly rootPasswordTtl?: string | number;
  /**
   * The Azure cloud.
   * @default 'AzurePublicCloud'
   */
  readonly environment?: AzureEnvironment;
  /**
   * Rotate the root credential once, right after configuration, so only Vault
   * knows it. Turning this off leaves the bootstrap secret (in Terraform
   * state) valid until it expires, and emits a warning.
   * @default true
   */
  readonly rotateRoot?: boolean;
}

/** One Azure RBAC role a dynamic service principal gets. */
export interface AzureRoleAssignment {
  /** Name of the Azure role, e.g. `Contributor`, `Reader`. */
  readonly roleName: string;
  /** Azure resource id the role is scoped to, e.g. `/subscriptions/<id>/resourceGroups/<rg>`. */
  readonly scope: string;
}

/** Options for {@link AzureSecretsEngine.addRole}. */
export interface AzureSecretsEngineRoleOptions {
  /** The role name in Vault (`certmanager-role`). */
  readonly roleName: string;
  /**
   * An existing application Vault adds short-lived client secrets to. Its
   * client id never changes, so clients that have it fixed in their config (S1's
   * ClusterIssuer) keep working. Exactly one of `application` and `azureRoles`.
   * @default - none
   */
  readonly application?: IEntraApplication;
  /**
   * Azure roles for a new service principal Vault creates per lease (and
   * deletes when the lease ends). Vault's service principal must be allowed to
   * assign them (Owner or User Access Administrator on the scope): grant that
   * deliberately, it is not done here. Exactly one of `application` and `azureRoles`.
   * @default - none
   */
  readonly azureRoles?: readonly AzureRoleAssignment[];
  /**
   * Allow `azureRoles` that can assign roles (Owner, User Access
   * Administrator, Role Based Access Control Administrator): every lease then
   * controls its scope. Emits a warning annotation.
   * @default false
   */
  readonly allowPrivilegedAzureRoles?: boolean;
  /**
   * Lease TTL of the issued credentials: a duration like `1h`, or whole seconds.
   * @default '1h'
   */
  readonly ttl?: string | number;
  /**
   * Longest lifetime of a renewed lease, and so of one client secret: Vault
   * renews a lease by extending the same secret, and deletes it from the
   * application at this age. Without it the mount's maximum (768h) applies.
   * @default - `ttl` when it is longer than 24h, else '24h'
   */
  readonly maxTtl?: string | number;
}

/** Properties of an {@link AzureSecretsEngineRole}. */
export interface AzureSecretsEngineRoleProps extends AzureSecretsEngineRoleOptions {
  /** The engine the role belongs to. */
  readonly engine: AzureSecretsEngine;
}

/**
 * A lease renewal extends the same client secret, so without a max TTL one
 * secret would live for the mount's 768h: a day bounds it, the longest
 * lifetime the rule pack's VP-AZURE-1 accepts quietly.
 */
const DEFAULT_MAX_TTL_SECONDS = ONE_DAY_SECONDS;

const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const UUID_PART = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/**
 * An Azure RBAC scope: `/subscriptions/<uuid>`, optionally followed by
 * `/resourceGroups/<rg>` and/or `/providers/<namespace>/<type>/<name>...`, or a
 * management group (`/providers/Microsoft.Management/managementGroups/<id>`).
 */
const AZURE_SCOPE = new RegExp(`^(/subscriptions/${UUID_PART}(/resourceGroups/[-\\w._()]+)?(/providers/[^/]+(/[^/]+/[^/]+)+)?|/providers/Microsoft\\.Management/managementGroups/[-\\w._()]+)$`);

/**
 * A role of an {@link AzureSecretsEngine}: `vault read <mount>/creds/<role>`
 * returns `client_id` and `client_secret`.
 */
export class AzureSecretsEngineRole extends Construct {
  /** The role name in Vault. */
  public readonly roleName: string;
  /** The engine's mount path. */
  public readonly mountPath: string;
  /** The path, relative to the mount, credentials are read from (`creds/<role>`). */
  public readonly credentialsPath: string;
  /** The client id of the credentials, when the role is bound to an existing application. */
  public readonly application?: IEntraApplication;
  /** The `vault_azure_secret_backend_role` resource. */
  public readonly resource: AzureSecretBackendRole;

  constructor(scope: Construct, id: string, options: AzureSecretsEngineRoleProps) {
    super(scope, id);
    const engine = options.engine;
    const ttl = options.ttl ?? '1h';
    const v = new PropValidator(this, 'AzureSecretsEngineRole', `role '${options.roleName}'`);
    v.string('roleName', options.roleName, (n) => ROLE_NAME.test(n) && n.length <= 128,
      "must be letters, digits, '_', '-' or '.', starting with a letter or digit");
    if (options.application === undefined && options.azureRoles === undefined) {
      v.fail('application', undefined, 'or azureRoles must be set: an existing application, or Azure roles for a new service principal per lease');
    }
    if (options.application !== undefined && options.azureRoles !== undefined) {
      v.fail('azureRoles', options.azureRoles.map((r) => r.roleName), 'must not be set together with application (a role either reuses an application or creates service principals)');
    }
    if (options.application) {
      v.uuid('application.applicationObjectId', options.application.applicationObjectId);
    }
    if (options.azureRoles) {
      v.nonEmpty('azureRoles', options.azureRoles);
      options.azureRoles.forEach((r, i) => {
        const rv = v.child(`azureRoles[${i}]`);
        rv.string('roleName', r.roleName, (n) => n.trim().length > 0, 'must be the name of an Azure role like Contributor');
        const privileged = isUnresolvedToken(r.roleName) ? undefined : privilegedAzureRole(r.roleName);
        if (privileged && !options.allowPrivilegedAzureRoles) {
          rv.fail('roleName', r.roleName, `is ${privileged}, which can assign any role in its scope, so every lease could take over ${r.scope}; pick a narrower role or set allowPrivilegedAzureRoles: true`);
        }
        rv.string('scope', r.scope, (s) => AZURE_SCOPE.test(s),
          'must be an Azure resource id like /subscriptions/<uuid> or /subscriptions/<uuid>/resourceGroups/<name>');
      });
    }
    v.duration('ttl', ttl, { min: 1 });
    v.duration('maxTtl', options.maxTtl, { min: 1 });
    const ttlS = literalSeconds(ttl);
    const maxS = literalSeconds(options.maxTtl);
    if (ttlS !== undefined && maxS !== undefined && ttlS > maxS) v.fail('ttl', ttl, `must not exceed maxTtl (${String(options.maxTtl)})`);
    v.throwIfInvalid();
    const privilegedRoles = (options.azureRoles ?? []).filter((r) => !isUnresolvedToken(r.roleName) && privilegedAzureRole(r.roleName));
    if (options.allowPrivilegedAzureRoles && privilegedRoles.length > 0) {
      warnInsecure(this, 'allowPrivilegedAzureRoles', `role '${options.roleName}' leases ${privilegedRoles.map((r) => `${r.roleName} on ${r.scope}`).join(', ')}, which can assign any role there`);
    }
    const maxTtl = options.maxTtl ?? (ttlS !== undefined && ttlS > DEFAULT_MAX_TTL_SECONDS ? ttl : DEFAULT_MAX_TTL_SECONDS);

    this.roleName = options.roleName;
    this.mountPath = engine.mountPath;
    this.credentialsPath = `creds/${options.roleName}`;
    this.application = options.application;
    this.resource = new AzureSecretBackendRole(this, 'Resource', {
      backend: engine.resource.path,
      role: options.roleName,
      applicationObjectId: options.application?.applicationObjectId,
      azureRoles: options.azureRoles?.map((r) => ({ roleName: r.roleName, scope: r.scope })),
      // Vault reads TTLs back as seconds; writing seconds keeps plans empty.
      ttl: toSecondsString(ttl),
      maxTtl: toSecondsString(maxTtl),
    });
  }
}

/**
 * Vault's Azure secrets engine, with its own Entra ID identity, configured and
 * root-rotated in one apply.
 *
 * Creates Vault's application and service principal with the Microsoft Graph
 * application permissions `Application.ReadWrite.All` and
 * `GroupMember.ReadWrite.All`, grants admin consent as app role assignments to
 * the Graph service principal (the permission ids are looked up by name from
 * it), creates a short-lived bootstrap client secret, configures the engine
 * with it, then calls `<mount>/rotate-root` so that only Vault knows the root
 * secret. Vault's service principal gets no Azure RBAC role here.
 *
 * There is no `use_microsoft_graph_api` switch: vault provider 5.x dropped it
 * because the engine only speaks Microsoft Graph since Vault 1.12.
 *
 * Graph consent can take a few minutes to reach the token Vault gets; if
 * `rotate-root` fails with 403 on the first apply, re-run the apply.
 *
 * **Re-applying after the rotation: the next plan is empty.** Vault's
 * `rotate-root` adds a new secret to the application, and Vault's periodic
 * job deletes every other secret of it a minute or more later, the bootstrap
 * secret included. A separate `azuread_application_password` would be found
 * gone on the next refresh and re-created on every apply. So the bootstrap
 * secret is the application's own `password` block, created with the
 * application and then ignored (`lifecycle.ignore_changes = [password]`): its
 * disappearance is no change. The backend reads it with
 * `try(one(<application>.password).value, "")` and ignores later changes to
 * `client_secret`, so Vault keeps its rotated root. Changing other
 * fields later (description, `rootPasswordTtl`) is safe: the vault provider
 * writes only changed fields to `<mount>/config`, and never reads the secret
 * back, so it sees no drift of its own. `rotate-root` itself
 * is not called again: Vault's generated root expires after `rootPasswordTtl`
 * (6 months), so rotate it again before then with
 * `terraform apply -replace=<address of RotateRoot>` or `vault write -f <mount>/rotate-root`.
 * To re-bootstrap a broken engine, replace the application and the backend
 * together (`terraform apply -replace=<application> -replace=<backend>`): a
 * new application gets a new bootstrap secret, the new backend is configured
 * with it, and `RotateRoot` is replaced with the backend
 * (`replace_triggered_by`), so a re-created backend is never left on a secret
 * Terraform knows. Replacing the backend alone leaves it without a secret
 * (the bootstrap one is gone), and `rotate-root` then fails loudly.
 */
export class AzureSecretsEngine extends Construct {
  /** The mount path (`azure`). */
  public readonly mountPath: string;
  /** The `vault_azure_secret_backend` resource (mount and config). */
  public readonly resource: AzureSecretBackend;
  /** Vault's own `azuread_application`. */
  public readonly application: Application;
  /** Vault's `azuread_service_principal`. */
  public readonly servicePrincipal: ServicePrincipal;
  /**
   * The bootstrap client secret (the application's `password` block, as a
   * Terraform reference), superseded by `rotate-root`. Sensitive.
   */
  public readonly bootstrapSecret: string;
  /** The Graph admin consents, one `azuread_app_role_assignment` per permission. */
  public readonly graphConsents: AppRoleAssignment[];
  /** The `vault_generic_endpoint` that calls `rotate-root`, unless `rotateRoot` is false. */
  public readonly rotateRoot?: GenericEndpoint;

  constructor(scope: Construct, id: string, props: AzureSecretsEngineProps) {
    super(scope, id);
    const path = props.path ?? 'azure';
    const bootstrapExpiry = props.bootstrapSecretExpiry ?? '1h';
    const rootPasswordTtl = props.rootPasswordTtl ?? '4380h';
    const environment = props.environment ?? 'AzurePublicCloud';
    const rotate = props.rotateRoot ?? true;

    const v = new PropValidator(this, 'AzureSecretsEngine');
    v.uuid('tenantId', props.tenantId);
    v.uuid('subscriptionId', props.subscriptionId);
    v.string('path', path, isMountPath, MOUNT_PATH_RULE);
    v.string('bootstrapSecretExpiry', bootstrapExpiry, (x) => /^\d+h$/.test(x) && Number(x.slice(0, -1)) >= 1 && Number(x.slice(0, -1)) <= MAX_BOOTSTRAP_SECRET_HOURS,
      `must be a whole number of hours from 1h to ${MAX_BOOTSTRAP_SECRET_HOURS}h: the secret only has to last until rotate-root runs`);
    v.duration('rootPasswordTtl', rootPasswordTtl, { min: 3600, max: 2 * 8760 * 3600 });
    v.oneOf('environment', environment, AZURE_ENVIRONMENTS);
    v.string('applicationDisplayName', props.applicationDisplayName, isDisplayName, DISPLAY_NAME_RULE);
    v.throwIfInvalid();
    this.mountPath = path;

    const graph = new DataAzureadServicePrincipal(this, 'MicrosoftGraph', { clientId: MICROSOFT_GRAPH_CLIENT_ID });
    // Permission ids come from Graph's own service principal by name, so no
    // GUID in this code can silently point at another permission.
    const roleIds = AZURE_SECRETS_ENGINE_GRAPH_PERMISSIONS.map((name) => graph.appRoleIds.lookup(name));

    this.application = new Application(this, 'Application', {
      displayName: props.applicationDisplayName ?? 'vault-azure-secrets-engine',
      signInAudience: 'AzureADMyOrg',
      // Declared so the portal shows what the app is meant to have; the
      // assignments below are what actually grant it.
      requiredResourceAccess: [{
        resourceAppId: MICROSOFT_GRAPH_CLIENT_ID,
        resourceAccess: roleIds.map((rid) => ({ id: rid, type: 'Role' })),
      }],
      // The bootstrap secret, created with the application. `end_date`, not
      // azuread 3.x's deprecated `end_date_relative`: the plan's time plus the
      // expiry, fixed at creation because the block is ignored afterwards.
      password: {
        displayName: 'vault-bootstrap (replaced by rotate-root)',
        endDate: Fn.timeadd(Fn.plantimestamp(), bootstrapExpiry),
      },
      // Vault's rotate-root deletes the bootstrap secret (and every secret but
      // its own). Ignored, that deletion is no drift: no re-created secret and
      // an empty plan after the rotation.
      lifecycle: { ignoreChanges: ['password'] },
    });
    this.servicePrincipal = new ServicePrincipal(this, 'ServicePrincipal', { clientId: this.application.clientId });
    // Admin consent for application permissions is an app role assignment on
    // Graph's service principal: no portal click left.
    this.graphConsents = AZURE_SECRETS_ENGINE_GRAPH_PERMISSIONS.map((name, i) => new AppRoleAssignment(this, CONSENT_IDS[name], {
      appRoleId: roleIds[i],
      principalObjectId: this.servicePrincipal.objectId,
      resourceObjectId: graph.objectId,
    }));
    // Empty once Vault has deleted the secret; the backend ignores it by then.
    this.bootstrapSecret = Token.asString(Fn.try([propertyAccess(Fn.one(this.application.interpolationForAttribute('password')), ['value']), '']));

    this.resource = new AzureSecretBackend(this, 'Resource', {
      path,
      description: props.description ?? 'SP used from Vault on K8s',
      subscriptionId: props.subscriptionId,
      tenantId: props.tenantId,
      clientId: this.application.clientId,
      clientSecret: this.bootstrapSecret,
      environment,
      rootPasswordTtl: toSeconds(rootPasswordTtl),
      // After rotate-root only Vault knows the root secret; writing anything
      // Terraform holds into Vault would undo the rotation.
      lifecycle: { ignoreChanges: ['client_secret'] },
      dependsOn: [...this.graphConsents],
    });

    if (rotate) {
      this.rotateRoot = new GenericEndpoint(this, 'RotateRoot', {
        path: `${path}/rotate-root`,
        dataJson: '{}',
        // A write-only action: nothing to read back, nothing to delete.
        disableRead: true,
        disableDelete: true,
        dependsOn: [this.resource, ...this.graphConsents],
        // A replaced backend (a new subscription_id forces one) starts on a
        // fresh bootstrap secret: rotate again.
        lifecycle: { replaceTriggeredBy: [this.resource] },
      });
    } else {
      warnInsecure(this, 'rotateRoot', `the root client secret of mount '${path}' stays the one in Terraform state until it expires (${bootstrapExpiry})`);
    }
  }

  /** Adds a role; see {@link AzureSecretsEngineRoleOptions}. */
  public addRole(id: string, options: AzureSecretsEngineRoleOptions): AzureSecretsEngineRole {
    return new AzureSecretsEngineRole(this, id, { ...options, engine: this });
  }

  /**
   * Lets `authRole` read credentials of `role` (`read` on
   * `<mount>/creds/<role>`), and renew and revoke the leases of those
   * credentials and no others: VSO renews a lease before it ends and revokes
   * it when its VaultDynamicSecret is deleted (`revoke`, on by default), and
   * Vault's default policy allows neither. Both the body form
   * (`sys/leases/renew` with `lease_id` limited to `<mount>/creds/<role>/*`)
   * and the path form (`sys/leases/renew/<mount>/creds/<role>/*`) are
   * granted, since clients use either.
   *
   * @returns the policy the rules were written into
   */
  public grantCredentials(role: AzureSecretsEngineRole, authRole: IGrantee, options: GrantOptions = {}): VaultPolicy {
    const v = new PropValidator(this, 'AzureSecretsEngine', `grantCredentials to role '${authRole.roleName}'`);
    // Ownership, not the mount path: two engines can share a path in different Vaults.
    v.check(role.node.scope === this, 'role', role.roleName, `must be a role added with this engine's addRole (mount '${this.mountPath}')`);
    v.throwIfInvalid();
    const creds = `${this.mountPath}/${role.credentialsPath}`;
    const policy = grant(authRole, { construct: this, mountPath: this.mountPath, resource: this.resource }, 'creds', { path: creds, capabilities: ['read'] }, options);
    const leases = `${creds}/*`;
    const comment = 'renew and revoke only leases of credentials this policy reads';
    policy.addRule({ path: 'sys/leases/renew', capabilities: ['update'], allowedParameters: { lease_id: [leases], increment: [] }, comment });
    policy.addRule({ path: 'sys/leases/revoke', capabilities: ['update'], allowedParameters: { lease_id: [leases], sync: [] }, comment });
    policy.addRule({ path: `sys/leases/renew/${leases}`, capabilities: ['update'] });
    policy.addRule({ path: `sys/leases/revoke/${leases}`, capabilities: ['update'] });
    return policy;
  }
}
