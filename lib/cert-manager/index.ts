export * from './cert-manager-issuer';
