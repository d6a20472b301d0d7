// cert-manager: constructs, their props, interfaces and enums.
export { CertManagerIssuer } from './cert-manager-issuer';
export type { CertManagerIssuerProps, IssuerRef } from './cert-manager-issuer';
export { VaultIssuer } from './vault-issuer';
export type { VaultIssuerProps } from './vault-issuer';
export { Certificate } from './certificate';
export type { CertificateProps } from './certificate';
export { CertManager } from './cert-manager-release';
export type { CertManagerProps } from './cert-manager-release';
export { AcmeIssuer, AcmeServer } from './acme-issuer';
export type { AcmeIssuerProps, AzureDnsEnvironment, AzureDnsSolverOptions } from './acme-issuer';
