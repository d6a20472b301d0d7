export * from './azure-dns-zone';
export * from './workload-application';
