export * from './policy';
export * from './grant';
export * from './k8s-auth';
export * from './k8s-auth-role';
export * from './kv-v2';
export * from './vault-server';
export * from './seal-config';
export * from './vault-helm-release';
