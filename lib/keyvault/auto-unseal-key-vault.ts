import { Fn, ITerraformDependable, TerraformIterator, Token } from 'cdktf';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey, KeyVaultKeyRotationPolicy } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { formatDuration, ONE_DAY_SECONDS, parseDuration, TWO_YEARS_SECONDS } from '../core/duration';
import { ServiceAccountRef } from '../core/kubernetes-refs';
import { isUnresolvedToken } from '../core/unresolved';
import { literalsDiffer, PropValidator } from '../core/validation';
import { firewallListProblem, firewallRangeProblem } from '../core/network';
import { DISPLAY_NAME_RULE, isDisplayName } from '../core/private/display-name';
import type { AzureKeyVaultSealSource } from '../vault/seal-config';

/**
 * The built-in role Vault's identity gets on the Key Vault. The azurekeyvault
 * seal reads the key (get), wraps Vault's root key with it (wrapKey) and
 * unwraps it at every start (unwrapKey); `Key Vault Crypto Service Encryption
 * User` grants exactly those data actions. `Key Vault Secrets User`, which the
 * hand-made S3 setup used, grants secret reads only: unseal fails with 403.
 */
export const AUTO_UNSEAL_ROLE = 'Key Vault Crypto Service Encryption User';

/**
 * The role the principal running Terraform gets so it can create the key: in
 * RBAC mode nobody, not even the vault's creator, has data-plane access by default.
 */
export const KEY_ADMIN_ROLE = 'Key Vault Crypto Officer';

/** Workload identity federation: a user-assigned managed identity, no secret at all (recommended). */
export interface WorkloadIdentityAutoUnseal {
  /** Selects workload identity federation. */
  readonly mode: 'workloadIdentity';
  /**
   * The cluster's OIDC issuer URL (AKS: `oidcIssuerProfile.issuerUrl`).
   * The federated credential trusts tokens from this issuer only.
   */
  readonly oidcIssuerUrl: string;
  /**
   * Vault's ServiceAccount: the federated credential's subject is
   * `system:serviceaccount:<namespace>:<name>`, so only Vault's pods can
   * exchange their token for the identity.
   * @default - { name: 'vault', namespace: 'vault' } (the Vault chart's names for release 'vault')
   */
  readonly serviceAccount?: ServiceAccountRef;
  /**
   * Name of the user-assigned managed identity.
   * @default - '<keyVaultName>-unseal'
   */
  readonly identityName?: string;
}

/**
 * A service principal with an expiring client secret (S3's way). The secret
 * lands in a Kubernetes Secret and in Terraform state; prefer workload identity.
 */
export interface ClientSecretAutoUnseal {
  /** Selects an application + service principal + client secret. */
  readonly mode: 'clientSecret';
  /**
   * How long the client secret is valid, as a duration in hours like `4380h`
   * (6 months). Required: a secret that never expires is a credential that
   * outlives everyone who knew about it. At most 2 years (`17520h`), Entra's
   * recommended maximum. Vault cannot unseal after it expires: renew before.
   */
  readonly clientSecretExpiry: string;
  /**
   * Display name of the Entra application. A dedicated application, never
   * Vault's other SP: this one can unwrap Vault's root key.
   * @default 'vault-auto-unseal'
   */
  readonly applicationDisplayName?: string;
}

/** The identity Vault uses to reach the key. */
export type AutoUnsealIdentity = WorkloadIdentityAutoUnseal | ClientSecretAutoUnseal;

/** Automatic rotation of the unseal key. */
export interface AutoUnsealKeyRotation {
  /**
   * Create a new key version this long after the current one was created, as
   * an ISO 8601 duration (`P90D`, `P1Y`). Vault wraps with the newest version
   * by itself and unwraps with the version recorded in its stored data, so
   * older versions must stay enabled (this construct never disables them).
   */
  readonly rotateAfter: string;
  /**
   * Let each version expire this long after creation (ISO 8601). Longer than
   * `rotateAfter`, so a version never expires before its successor exists.
   * @default - versions never expire
   */
  readonly expireAfter?: string;
  /**
   * Raise an Event Grid notification this long before expiry (ISO 8601).
   * @default - none
   */
  readonly notifyBeforeExpiry?: string;
}

/**
 * A private endpoint for the Key Vault: Vault and the Terraform runner reach
 * it on a private IP in a virtual network, and its name resolves there through
 * the `privatelink.vaultcore.azure.net` private DNS zone. Give the zone by id
 * (usually a central zone in a hub network), or the virtual networks to link
 * a new zone to.
 */
export interface AutoUnsealPrivateEndpoint {
  /** Subnet resource ID the endpoint's network interface is placed in. */
  readonly subnetId: string;
  /**
   * Resource ID of an existing `privatelink.vaultcore.azure.net` private DNS
   * zone (`privatelink.vaultcore.azure.cn`, `privatelink.vaultcore.usgovcloudapi.net`
   * in sovereign clouds). The endpoint registers the vault's A record in it.
   * @default - a new zone in the Key Vault's resource group, linked to `linkVirtualNetworkIds`
   */
  readonly privateDnsZoneId?: string;
  /**
   * Virtual network resource IDs a new private DNS zone is linked to: every
   * network Vault or the runner resolves the vault's name from. Required
   * without `privateDnsZoneId`: an unlinked zone answers nobody, and the
   * public name leads to a closed public endpoint.
   * @default - none
   */
  readonly linkVirtualNetworkIds?: string[];
  /**
   * Name of the private endpoint.
   * @default - '<keyVaultName>-pe'
   */
  readonly name?: string;
}

/** The private DNS zone names of Key Vault's private link, per Azure cloud. */
export const KEY_VAULT_PRIVATE_DNS_ZONES = ['privatelink.vaultcore.azure.net', 'privatelink.vaultcore.azure.cn', 'privatelink.vaultcore.usgovcloudapi.net'] as const;

/** Properties of an {@link AutoUnsealKeyVault}. */
export interface AutoUnsealKeyVaultProps {
  /**
   * Key Vault name, globally unique: 3-24 characters, letters, digits and
   * hyphens, starting with a letter, ending with a letter or digit, without
   * consecutive hyphens.
   */
  readonly keyVaultName: string;
  /** Resource group of the Key Vault (and the managed identity). */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /** The identity Vault authenticates as. Workload identity is recommended. */
  readonly identity: AutoUnsealIdentity;
  /**
   * Entra tenant of the Key Vault and the identity.
   * @default - the tenant Terraform runs in (azurerm_client_config)
   */
  readonly tenantId?: string;
  /**
   * Key Vault SKU. `premium` is required for HSM-protected keys (`RSA-HSM`).
   * @default 'standard'
   */
  readonly sku?: 'standard' | 'premium';
  /**
   * Name of the unseal key.
   * @default 'generated-key'
   */
  readonly keyName?: string;
  /**
   * Key type: `RSA` (software-protected) or `RSA-HSM` (needs the premium SKU).
   * @default 'RSA'
   */
  readonly keyType?: 'RSA' | 'RSA-HSM';
  /**
   * RSA key size in bits.
   * @default 2048
   */
  readonly keySize?: 2048 | 3072 | 4096;
  /**
   * Automatic key rotation.
   * @default - no automatic rotation
   */
  readonly rotation?: AutoUnsealKeyRotation;
  /**
   * Public IP ranges (CIDR or single IPv4) allowed through the Key Vault
   * firewall, e.g. the cluster's egress IP and the CI runner.
   * @default - none
   */
  readonly allowedIpRanges?: string[];
  /**
   * Subnet resource IDs allowed through the firewall (with the
   * `Microsoft.KeyVault` service endpoint), e.g. the AKS node subnet.
   * @default - none
   */
  readonly allowedSubnetIds?: string[];
  /**
   * A private endpoint (with its private DNS zone) Vault and the runner reach
   * the Key Vault through. One of `allowedIpRanges`, `allowedSubnetIds` and
   * `privateEndpoint` is required: without any, public access is off and no
   * private path exists, so the runner cannot create the key and Vault can
   * never unseal.
   * @default - none
   */
  readonly privateEndpoint?: AutoUnsealPrivateEndpoint;
  /**
   * Principal (object ID) that gets `Key Vault Crypto Officer` so it can create
   * and rotate the key. Terraform needs this to create the key at all. The
   * role includes unwrapKey, so whoever holds this principal can unwrap
   * Vault's root key: give it to a dedicated deployment identity, not a
   * person, and keep that identity's credentials as guarded as the Key Vault.
   * @default - the principal running Terraform
   */
  readonly keyAdministratorPrincipalId?: string;
  /**
   * Tags on the Azure resources.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

const KEY_VAULT_NAME = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;
const KEY_NAME = /^[A-Za-z0-9-]{1,127}$/;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?$/;
const SUBNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;
const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,126}[A-Za-z0-9_]$/;

/**
 * An Azure Key Vault and key for Vault's `azurekeyvault` auto-unseal, with the
 * identity Vault uses and nothing more than the rights it needs.
 *
 * - RBAC mode (no access policies), purge protection on, soft-delete 90 days.
 * - Firewall: default Deny, no trusted-service bypass. Without `allowedIpRanges`
 *   or `allowedSubnetIds`, public network access is off entirely and
 *   `privateEndpoint` is required (a private endpoint with its
 *   `privatelink.vaultcore.azure.net` DNS zone); with none of the three the
 *   construct refuses to synthesize, since nothing could reach the vault.
 * - Key `generated-key`: RSA 2048+ or RSA-HSM, `key_opts` wrapKey and unwrapKey only.
 * - Identity: a user-assigned managed identity federated with Vault's
 *   ServiceAccount (recommended), or an application with an expiring secret.
 * - Role `Key Vault Crypto Service Encryption User` on the vault for that identity.
 * - `prevent_destroy` on the Key Vault and the key: losing either loses every
 *   secret in Vault, since its root key can no longer be unwrapped. To really
 *   delete them, remove the lifecycle with
 *   `keyVault.addOverride('lifecycle.prevent_destroy', false)` in a deliberate change.
 *
 * Implements {@link AzureKeyVaultSealSource}: pass it to `VaultSealConfig`.
 */
export class AutoUnsealKeyVault extends Construct implements AzureKeyVaultSealSource {
  /** The `azurerm_key_vault`. */
  public readonly keyVault: KeyVault;
  /** The `azurerm_key_vault_key` Vault wraps its root key with. */
  public readonly key: KeyVaultKey;
  /** The role assignment that lets Vault's identity use the key. */
  public readonly roleAssignment: RoleAssignment;
  /** The managed identity (workload identity mode). */
  public readonly managedIdentity?: UserAssignedIdentity;
  /** The federated credential (workload identity mode). */
  public readonly federatedCredential?: FederatedIdentityCredential;
  /** The private endpoint, with `privateEndpoint`. */
  public readonly privateEndpoint?: PrivateEndpoint;
  /** The private DNS zone, with `privateEndpoint` and no `privateDnsZoneId`. */
  public readonly privateDnsZone?: PrivateDnsZone;
  /** The Entra application (client-secret mode). */
  public readonly application?: Application;
  /** The service principal (client-secret mode). */
  public readonly servicePrincipal?: ServicePrincipal;
  /** The expiring client secret (client-secret mode). Sensitive; use by reference only. */
  public readonly applicationPassword?: ApplicationPasswordA;

  /** @inheritdoc */
  public readonly tenantId: string;
  /** @inheritdoc */
  public readonly keyVaultName: string;
  /** @inheritdoc */
  public readonly keyName: string;
  /** @inheritdoc */
  public readonly clientId: string;
  /** @inheritdoc */
  public readonly clientSecret?: string;
  /** @inheritdoc */
  public readonly workloadIdentityServiceAccount?: ServiceAccountRef;
  /** @inheritdoc */
  public readonly sealDependencies: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: AutoUnsealKeyVaultProps) {
    super(scope, id);
    const sku = props.sku ?? 'standard';
    const keyName = props.keyName ?? 'generated-key';
    const keyType = props.keyType ?? 'RSA';
    const keySize = props.keySize ?? 2048;
    validate(new PropValidator(this, 'AutoUnsealKeyVault'), props, { sku, keyName, keyType, keySize });

    const needsClientConfig = props.tenantId === undefined || props.keyAdministratorPrincipalId === undefined;
    const client = needsClientConfig ? new DataAzurermClientConfig(this, 'ClientConfig') : undefined;
    const tenantId = props.tenantId ?? client!.tenantId;

    const ipRules = props.allowedIpRanges ?? [];
    const subnetIds = props.allowedSubnetIds ?? [];
    this.keyVault = new KeyVault(this, 'Resource', {
      name: props.keyVaultName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId,
      skuName: sku,
      // RBAC instead of access policies: access is then granted per role on
      // a scope and shows up in the subscription's IAM, not hidden in the vault.
      rbacAuthorizationEnabled: true,
      // Purge protection makes a deleted vault and its keys recoverable for
      // the retention period, even against an owner; it cannot be turned off.
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 90,
      // With no allowed IPs or subnets, nothing on the internet reaches the
      // data plane: Vault and Terraform come through a private endpoint.
      publicNetworkAccessEnabled: ipRules.length > 0 || subnetIds.length > 0,
      networkAcls: {
        defaultAction: 'Deny',
        // Vault is no trusted Azure service: nothing needs the bypass.
        bypass: 'None',
        ipRules: ipRules.length ? ipRules : undefined,
        virtualNetworkSubnetIds: subnetIds.length ? subnetIds : undefined,
      },
      tags: props.tags,
      lifecycle: { preventDestroy: true },
    });

    if (props.privateEndpoint) {
      const pe = props.privateEndpoint;
      let zoneId = pe.privateDnsZoneId;
      if (zoneId === undefined) {
        this.privateDnsZone = new PrivateDnsZone(this, 'PrivateDnsZone', {
          name: KEY_VAULT_PRIVATE_DNS_ZONES[0],
          resourceGroupName: props.resourceGroupName,
          tags: props.tags,
        });
        // One link per network, keyed by its ID (for_each), so reordering the
        // list moves no link, and a list known only at apply time works too.
        const vnets = TerraformIterator.fromList(pe.linkVirtualNetworkIds ?? []);
        new PrivateDnsZoneVirtualNetworkLink(this, 'PrivateDnsZoneLinks', {
          forEach: vnets,
          // `<keyVaultName>-<vnet name>`: the last segment of the network's ID.
          name: `${props.keyVaultName}-${Fn.element(Fn.split('/', vnets.value), 8)}`,
          resourceGroupName: props.resourceGroupName,
          privateDnsZoneName: this.privateDnsZone.name,
          virtualNetworkId: vnets.value,
          // The endpoint writes the vault's record; the network's VMs must not.
          registrationEnabled: false,
          tags: props.tags,
        });
        zoneId = this.privateDnsZone.id;
      }
      this.privateEndpoint = new PrivateEndpoint(this, 'PrivateEndpoint', {
        name: pe.name ?? `${props.keyVaultName}-pe`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        subnetId: pe.subnetId,
        privateServiceConnection: {
          name: `${props.keyVaultName}-vault`,
          privateConnectionResourceId: this.keyVault.id,
          // `vault` is Key Vault's only private link sub-resource.
          subresourceNames: ['vault'],
          isManualConnection: false,
        },
        // The zone group keeps the A record in step with the endpoint's IP.
        privateDnsZoneGroup: { name: 'vault', privateDnsZoneIds: [zoneId] },
        tags: props.tags,
      });
    }

    // Terraform itself needs data-plane rights to create the key in RBAC mode.
    const admin = new RoleAssignment(this, 'KeyAdministrator', {
      scope: this.keyVault.id,
      roleDefinitionName: KEY_ADMIN_ROLE,
      principalId: props.keyAdministratorPrincipalId ?? client!.objectId,
    });

    this.key = new KeyVaultKey(this, 'Key', {
      name: keyName,
      keyVaultId: this.keyVault.id,
      keyType,
      keySize,
      // The seal only wraps and unwraps Vault's root key; encrypt, sign and
      // the rest would widen what a leaked identity could do with the key.
      keyOpts: ['wrapKey', 'unwrapKey'],
      rotationPolicy: rotationPolicy(props.rotation),
      tags: props.tags,
      // Created over the data plane: with public access off, only once the private path exists.
      dependsOn: this.privateEndpoint ? [admin, this.privateEndpoint] : [admin],
      lifecycle: { preventDestroy: true },
    });

    let principalId: string;
    if (props.identity.mode === 'workloadIdentity') {
      const sa = props.identity.serviceAccount ?? { name: 'vault', namespace: 'vault' };
      this.managedIdentity = new UserAssignedIdentity(this, 'Identity', {
        name: props.identity.identityName ?? `${props.keyVaultName}-unseal`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        tags: props.tags,
      });
      this.federatedCredential = new FederatedIdentityCredential(this, 'FederatedCredential', {
        name: 'vault-server',
        parentId: this.managedIdentity.id,
        resourceGroupName: props.resourceGroupName,
        issuer: props.identity.oidcIssuerUrl,
        // Exact subject: only Vault's ServiceAccount in Vault's namespace may
        // exchange its token for this identity.
        subject: `system:serviceaccount:${sa.namespace}:${sa.name}`,
        audience: ['api://AzureADTokenExchange'],
      });
      principalId = this.managedIdentity.principalId;
      this.clientId = this.managedIdentity.clientId;
      this.workloadIdentityServiceAccount = sa;
    } else {
      this.application = new Application(this, 'Application', {
        displayName: props.identity.applicationDisplayName ?? 'vault-auto-unseal',
      });
      this.servicePrincipal = new ServicePrincipal(this, 'ServicePrincipal', { clientId: this.application.clientId });
      this.applicationPassword = new ApplicationPasswordA(this, 'ClientSecret', {
        applicationId: this.application.id,
        displayName: 'vault-auto-unseal',
        // `end_date` from the plan's time (azuread 3.x deprecates
        // `end_date_relative`). Ignored after creation, so the expiry is fixed
        // when the secret is made instead of moving (and forcing a new secret)
        // on every plan. A changed expiry makes a new secret on purpose
        // (`rotate_when_changed`), which then gets the new end date.
        endDate: Fn.timeadd(Fn.plantimestamp(), props.identity.clientSecretExpiry),
        rotateWhenChanged: { expiry: props.identity.clientSecretExpiry },
        lifecycle: { ignoreChanges: ['end_date'] },
      });
      principalId = this.servicePrincipal.objectId;
      this.clientId = this.application.clientId;
      this.clientSecret = this.applicationPassword.value;
    }

    this.roleAssignment = new RoleAssignment(this, 'SealAccess', {
      scope: this.keyVault.id,
      roleDefinitionName: AUTO_UNSEAL_ROLE,
      principalId,
      // A fresh identity may not have replicated yet; the type skips the lookup that would fail.
      principalType: 'ServicePrincipal',
    });

    this.tenantId = tenantId;
    this.keyVaultName = this.keyVault.name;
    this.keyName = this.key.name;
    this.sealDependencies = this.privateEndpoint ? [this.roleAssignment, this.key, this.privateEndpoint] : [this.roleAssignment, this.key];
  }
}

function validate(v: PropValidator, props: AutoUnsealKeyVaultProps, d: { sku: string; keyName: string; keyType: string; keySize: number }): void {
  v.uuid('tenantId', props.tenantId);
  v.uuid('keyAdministratorPrincipalId', props.keyAdministratorPrincipalId);
  v.string('keyVaultName', props.keyVaultName, (n) => KEY_VAULT_NAME.test(n),
    'must be 3-24 characters of letters, digits and hyphens, start with a letter, end with a letter or digit, and have no consecutive hyphens');
  v.oneOf('sku', d.sku, ['standard', 'premium']);
  v.string('keyName', d.keyName, (n) => KEY_NAME.test(n), 'must be 1-127 letters, digits and hyphens');
  v.oneOf('keyType', d.keyType, ['RSA', 'RSA-HSM']);
  v.oneOf('keySize', d.keySize, [2048, 3072, 4096]);
  // A SKU known only at apply time may well be premium.
  if (d.keyType === 'RSA-HSM' && literalsDiffer(d.sku, 'premium')) {
    v.fail('keyType', d.keyType, "requires sku 'premium' (the standard SKU has no HSM-protected keys)");
  }
  // A whole-list reference (a list variable) is known only at apply time.
  const ips = literalList(props.allowedIpRanges).filter((ip) => !isUnresolvedToken(ip));
  for (const ip of ips) {
    const problem = firewallRangeProblem(ip);
    if (problem) v.fail('allowedIpRanges', ip, problem);
  }
  const tooMuch = firewallListProblem(ips.filter((ip) => !firewallRangeProblem(ip)));
  if (tooMuch) v.fail('allowedIpRanges', ips, tooMuch);
  for (const id of literalList(props.allowedSubnetIds)) {
    v.string('allowedSubnetIds', id, (s) => SUBNET_ID.test(s), 'must hold subnet resource IDs (/subscriptions/.../virtualNetworks/<vnet>/subnets/<subnet>)');
  }
  validateReachability(v, props);
  if (props.rotation) {
    const r = props.rotation;
    const iso = 'must be an ISO 8601 duration in years, months or days like P90D or P1Y';
    v.string('rotation.rotateAfter', r.rotateAfter, (x) => ISO_DURATION.test(x), iso);
    v.string('rotation.expireAfter', r.expireAfter, (x) => ISO_DURATION.test(x), iso);
    v.string('rotation.notifyBeforeExpiry', r.notifyBeforeExpiry, (x) => ISO_DURATION.test(x), iso);
    const rotate = isoDays(r.rotateAfter);
    const expire = isoDays(r.expireAfter);
    if (rotate !== undefined && expire !== undefined && expire <= rotate) {
      v.fail('rotation.expireAfter', r.expireAfter, `must be longer than rotateAfter ('${r.rotateAfter}'), or a version expires before its successor exists`);
    }
    if (r.notifyBeforeExpiry !== undefined && r.expireAfter === undefined) {
      v.fail('rotation.notifyBeforeExpiry', r.notifyBeforeExpiry, 'needs rotation.expireAfter');
    }
  }
  const id = props.identity;
  if (id.mode === 'workloadIdentity') {
    v.url('identity.oidcIssuerUrl', id.oidcIssuerUrl);
    v.dnsLabel('identity.serviceAccount.namespace', id.serviceAccount?.namespace);
    v.dnsSubdomain('identity.serviceAccount.name', id.serviceAccount?.name);
    v.string('identity.identityName', id.identityName, (n) => RESOURCE_NAME.test(n), 'must be 3-128 letters, digits, "-" and "_", starting with a letter or digit');
  } else if (id.mode === 'clientSecret') {
    // Required even for callers without type checks: no expiry means no rotation pressure.
    if (id.clientSecretExpiry === undefined) {
      v.fail('identity.clientSecretExpiry', undefined, 'is required: a client secret must expire (at most 17520h, 2 years)');
    } else if (!Token.isUnresolved(id.clientSecretExpiry)) {
      const s = parseDuration(id.clientSecretExpiry);
      if (s === undefined || s === 0 || !/^\d+h$/.test(id.clientSecretExpiry)) {
        v.fail('identity.clientSecretExpiry', id.clientSecretExpiry, 'must be a whole number of hours like 4380h (6 months)');
      } else if (s > TWO_YEARS_SECONDS) {
        v.fail('identity.clientSecretExpiry', id.clientSecretExpiry, `must be at most ${formatDuration(TWO_YEARS_SECONDS)} (2 years)`);
      } else if (s < ONE_DAY_SECONDS) {
        v.fail('identity.clientSecretExpiry', id.clientSecretExpiry, 'must be at least 24h: Vault cannot unseal once it has expired');
      }
    }
    v.string('identity.applicationDisplayName', id.applicationDisplayName, isDisplayName, DISPLAY_NAME_RULE);
  } else {
    v.fail('identity.mode', (id as { mode: unknown }).mode, "must be 'workloadIdentity' or 'clientSecret'");
  }
  v.throwIfInvalid();
}

const PRIVATE_DNS_ZONE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/([^/]+)$/i;
const VNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i;

/**
 * The runner must reach the data plane to create the key and Vault to unwrap
 * with it. With public access off (no IP or subnet rule), only a private
 * endpoint whose name resolves privately gets there.
 */
function validateReachability(v: PropValidator, props: AutoUnsealKeyVaultProps): void {
  const given = (list: string[] | undefined) => list !== undefined && (Token.isUnresolved(list) || list.length > 0);
  const pe = props.privateEndpoint;
  if (!given(props.allowedIpRanges) && !given(props.allowedSubnetIds) && pe === undefined) {
    v.fail('privateEndpoint', undefined,
      'or allowedIpRanges or allowedSubnetIds is required: without any, public network access is off and no private path exists, so the Terraform runner cannot create the key (403) and Vault can never unseal');
  }
  if (!pe) return;
  v.string('privateEndpoint.subnetId', pe.subnetId, (s) => SUBNET_ID.test(s), 'must be a subnet resource ID (/subscriptions/.../virtualNetworks/<vnet>/subnets/<subnet>)');
  v.string('privateEndpoint.name', pe.name, (n) => RESOURCE_NAME.test(n) && n.length <= 64, 'must be 3-64 letters, digits, "-" and "_", starting with a letter or digit');
  v.string('privateEndpoint.privateDnsZoneId', pe.privateDnsZoneId, (id) => {
    const zone = PRIVATE_DNS_ZONE_ID.exec(id)?.[1]?.toLowerCase();
    return zone !== undefined && (KEY_VAULT_PRIVATE_DNS_ZONES as readonly string[]).includes(zone);
  }, `must be the resource ID of a private DNS zone named ${KEY_VAULT_PRIVATE_DNS_ZONES.join(', ')} (.../providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net): the endpoint's A record must land where the vault's name is resolved`);
  for (const id of literalList(pe.linkVirtualNetworkIds)) {
    v.string('privateEndpoint.linkVirtualNetworkIds', id, (s) => VNET_ID.test(s), 'must hold virtual network resource IDs (/subscriptions/.../providers/Microsoft.Network/virtualNetworks/<vnet>)');
  }
  if (pe.privateDnsZoneId === undefined && !given(pe.linkVirtualNetworkIds)) {
    v.fail('privateEndpoint.linkVirtualNetworkIds', pe.linkVirtualNetworkIds,
      'is required without privateDnsZoneId: a new privatelink.vaultcore.azure.net zone linked to no network resolves nothing, so the vault\'s name still leads to its closed public endpoint');
  }
  if (pe.privateDnsZoneId !== undefined && pe.linkVirtualNetworkIds !== undefined) {
    v.fail('privateEndpoint.linkVirtualNetworkIds', pe.linkVirtualNetworkIds, 'must be left out with privateDnsZoneId: an existing zone is linked where it is managed');
  }
}

function rotationPolicy(r: AutoUnsealKeyRotation | undefined): KeyVaultKeyRotationPolicy | undefined {
  if (!r) return undefined;
  return {
    automatic: { timeAfterCreation: r.rotateAfter },
    expireAfter: r.expireAfter,
    notifyBeforeExpiry: r.notifyBeforeExpiry,
  };
}

function literalList(list: string[] | undefined): string[] {
  return list === undefined || Token.isUnresolved(list) ? [] : list;
}

/** Approximate days of an ISO 8601 duration, for ordering only. */
function isoDays(s: string | undefined): number | undefined {
  if (s === undefined || Token.isUnresolved(s)) return undefined;
  const m = ISO_DURATION.exec(s);
  if (!m) return undefined;
  const n = (x: string | undefined) => (x ? parseInt(x, 10) : 0);
  return n(m[1]) * 365 + n(m[2]) * 30 + n(m[3]);
}
