export * from './cert-manager-issuer';
export * from './vault-issuer';
export * from './certificate';
export * from './cert-manager-release';
export * from './acme-issuer';
