export * from './external-secrets-operator';
export * from './vault-secret-store';
export * from './external-secret';
