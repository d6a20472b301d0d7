import { Application } from '@cdktf/provider-azuread/lib/application';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { PropValidator } from '../core/validation';
import type { IAzureDnsZone } from './azure-dns-zone';
import { DISPLAY_NAME_RULE, isDisplayName } from '../core/private/display-name';

/** The built-in Azure role that lets a principal write records in one DNS zone and nothing else. */
export const DNS_ZONE_CONTRIBUTOR_ROLE = 'DNS Zone Contributor';

/**
 * An Entra ID application (app registration) with its service principal.
 * Vault's Azure secrets engine binds roles to it by `applicationObjectId`;
 * workloads (cert-manager's `azureDNS` solver) name it by `clientId`.
 */
export interface IEntraApplication {
  /** The application (client) id, as clients write it in their config. */
  readonly clientId: string;
  /** The object id of the application object (not of its service principal). */
  readonly applicationObjectId: string;
  /**
   * The object id of the service principal, which Azure role assignments name.
   * Undefined for an application imported without it.
   */
  readonly servicePrincipalObjectId?: string;
}

/** A workload's application that can be given Azure DNS access. */
export interface IWorkloadApplication extends IEntraApplication {
  /**
   * Gives the service principal `DNS Zone Contributor` on exactly `zone`, the
   * least a DNS-01 solver needs. Each call adds one role assignment.
   */
  grantDnsZoneContributor(zone: IAzureDnsZone): RoleAssignment;
}

/** Ids of an existing application. */
export interface WorkloadApplicationIds {
  /** The application (client) id. */
  readonly clientId: string;
  /** The object id of the application object. */
  readonly applicationObjectId: string;
  /**
   * The object id of the service principal; needed only to grant Azure roles from here.
   * @default - role assignments cannot be added to the imported application
   */
  readonly servicePrincipalObjectId?: string;
}

/** Properties of a {@link WorkloadApplication}. */
export interface WorkloadApplicationProps {
  /** Display name of the application in Entra ID. */
  readonly displayName: string;
  /**
   * DNS zones the service principal gets `DNS Zone Contributor` on.
   * @default - none; add them with `grantDnsZoneContributor`
   */
  readonly dnsZones?: readonly IAzureDnsZone[];
  /**
   * Object ids of the application's owners.
   * @default - the identity Terraform runs as (azuread's own default)
   */
  readonly owners?: readonly string[];
}

abstract class WorkloadApplicationBase extends Construct implements IWorkloadApplication {
  public abstract readonly clientId: string;
  public abstract readonly applicationObjectId: string;
  public abstract readonly servicePrincipalObjectId?: string;
  private grants = 0;

  public grantDnsZoneContributor(zone: IAzureDnsZone): RoleAssignment {
    const v = new PropValidator(this, 'WorkloadApplication', 'grantDnsZoneContributor');
    if (this.servicePrincipalObjectId === undefined) {
      v.fail('servicePrincipalObjectId', undefined, 'is required to assign Azure roles: import the application with it');
    }
    v.string('zone.id', zone.id, (id) => /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/dnsZones\/[^/]+$/i.test(id),
      'must be the resource id of an Azure DNS zone (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/dnsZones/<zone>)');
    v.throwIfInvalid();
    this.grants += 1;
    // Ids count up instead of naming the zone: a construct id built from input
    // would move the Terraform address whenever the zone is renamed.
    return new RoleAssignment(this, this.grants === 1 ? 'DnsZoneContributor' : `DnsZoneContributor${this.grants}`, {
      scope: zone.id,
      roleDefinitionName: DNS_ZONE_CONTRIBUTOR_ROLE,
      principalId: this.servicePrincipalObjectId!,
      // A fresh service principal may not have replicated yet; the type skips the lookup that would fail.
      principalType: 'ServicePrincipal',
    });
  }
}

/**
 * The Entra ID application and service principal a workload authenticates
 * to Azure with, scoped to the DNS zones it solves challenges in.
 *
 * It gets no client secret here: in S1, Vault's Azure secrets engine issues
 * short-lived secrets for it (`AzureSecretsEngine.addRole({ application })`),
 * so no long-lived secret exists in Terraform state.
 *
 * Existing applications (S1's cert-manager app, whose client id is fixed in
 * the ClusterIssuer) come in through {@link WorkloadApplication.fromIds}.
 */
export class WorkloadApplication extends WorkloadApplicationBase {
  /** Refers to an application that exists already. */
  public static fromIds(scope: Construct, id: string, ids: WorkloadApplicationIds): IWorkloadApplication {
    class Import extends WorkloadApplicationBase {
      public readonly clientId = ids.clientId;
      public readonly applicationObjectId = ids.applicationObjectId;
      public readonly servicePrincipalObjectId = ids.servicePrincipalObjectId;
    }
    const imported = new Import(scope, id);
    const v = new PropValidator(imported, 'WorkloadApplication');
    v.uuid('clientId', ids.clientId);
    v.uuid('applicationObjectId', ids.applicationObjectId);
    v.uuid('servicePrincipalObjectId', ids.servicePrincipalObjectId);
    v.throwIfInvalid();
    return imported;
  }

  public readonly clientId: string;
  public readonly applicationObjectId: string;
  public readonly servicePrincipalObjectId: string;
  /** The `azuread_application` resource (escape hatch: `addOverride`). */
  public readonly resource: Application;
  /** The `azuread_service_principal` resource. */
  public readonly servicePrincipal: ServicePrincipal;

  constructor(scope: Construct, id: string, props: WorkloadApplicationProps) {
    super(scope, id);
    const v = new PropValidator(this, 'WorkloadApplication');
    v.string('displayName', props.displayName, isDisplayName, DISPLAY_NAME_RULE);
    for (const owner of props.owners ?? []) v.uuid('owners', owner);
    v.throwIfInvalid();

    this.resource = new Application(this, 'Resource', {
      displayName: props.displayName,
      owners: props.owners ? [...props.owners] : undefined,
      // Only this tenant's identities: the app is a workload identity, not a product.
      signInAudience: 'AzureADMyOrg',
    });
    this.servicePrincipal = new ServicePrincipal(this, 'ServicePrincipal', {
      clientId: this.resource.clientId,
      owners: props.owners ? [...props.owners] : undefined,
    });
    this.clientId = this.resource.clientId;
    this.applicationObjectId = this.resource.objectId;
    this.servicePrincipalObjectId = this.servicePrincipal.objectId;
    for (const zone of props.dnsZones ?? []) this.grantDnsZoneContributor(zone);
  }
}

