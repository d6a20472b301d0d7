export * from './auto-unseal-key-vault';
