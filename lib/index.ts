export * from './core';
export * from './vault';
export * from './helm';
export * from './secrets-sync';
export * from './cert-manager';
export * from './keyvault';
export * from './entra';
