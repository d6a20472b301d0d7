import { Construct } from 'constructs';
import { PropValidator } from '../core/validation';

/**
 * An Azure DNS zone as the constructs here need it. The azurerm `DnsZone`
 * resource and the `DataAzurermDnsZone` data source satisfy it as they are,
 * so a zone managed in the same app is passed by reference.
 */
export interface IAzureDnsZone {
  /** The zone's Azure resource id (`/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/dnsZones/<zone>`). */
  readonly id: string;
  /** The zone name, e.g. `example.com`. */
  readonly name: string;
  /** The resource group holding the zone. */
  readonly resourceGroupName: string;
}

/** Ids of an existing Azure DNS zone. */
export interface AzureDnsZoneIds {
  /** The subscription holding the zone. */
  readonly subscriptionId: string;
  /** The resource group holding the zone. */
  readonly resourceGroupName: string;
  /** The zone name, e.g. `example.com`. */
  readonly zoneName: string;
}

const RESOURCE_GROUP = /^[-\w._()]{1,89}[-\w_()]$/;
const ZONE_NAME = /^(?=.{1,253}$)([A-Za-z0-9_]([-A-Za-z0-9_]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?$/;

/**
 * Importers for Azure DNS zones managed elsewhere (by hand, or in another
 * stack), for role assignments and the cert-manager `azureDNS` solver.
 */
export class AzureDnsZone extends Construct implements IAzureDnsZone {
  /**
   * Refers to an existing zone by subscription, resource group and name; the
   * resource id is built from them the way Azure writes it.
   */
  public static fromIds(scope: Construct, id: string, ids: AzureDnsZoneIds): IAzureDnsZone {
    return new AzureDnsZone(scope, id, ids);
  }

  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  /** The subscription holding the zone. */
  public readonly subscriptionId: string;

  private constructor(scope: Construct, id: string, ids: AzureDnsZoneIds) {
    super(scope, id);
    const v = new PropValidator(this, 'AzureDnsZone');
    v.uuid('subscriptionId', ids.subscriptionId);
    v.string('resourceGroupName', ids.resourceGroupName, (x) => RESOURCE_GROUP.test(x),
      "must be an Azure resource group name: 1-90 letters, digits, '-', '_', '.', '(', ')', not ending in '.'");
    v.string('zoneName', ids.zoneName, (x) => ZONE_NAME.test(x), 'must be a DNS zone name like example.com');
    v.throwIfInvalid();
    this.subscriptionId = ids.subscriptionId;
    this.resourceGroupName = ids.resourceGroupName;
    this.name = ids.zoneName;
    this.id = `/subscriptions/${ids.subscriptionId}/resourceGroups/${ids.resourceGroupName}/providers/Microsoft.Network/dnsZones/${ids.zoneName}`;
  }
}

