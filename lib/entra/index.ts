// Microsoft Entra ID and Azure DNS: constructs, their props and interfaces.
export { AzureDnsZone } from './azure-dns-zone';
export type { AzureDnsZoneIds, IAzureDnsZone } from './azure-dns-zone';
export { WorkloadApplication } from './workload-application';
export type { IEntraApplication, IWorkloadApplication, WorkloadApplicationIds, WorkloadApplicationProps } from './workload-application';
