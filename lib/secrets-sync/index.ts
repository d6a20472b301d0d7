export * from './external-secrets-operator';
export * from './vault-secret-store';
export * from './external-secret';
export * from './vault-secrets-operator';
export * from './vault-connection';
export * from './vault-auth';
export * from './vault-dynamic-secret';
export * from './vault-static-secret';
