export * from './rule';
export * from './suppressions';
export * from './security-checks';
export * from './rules';
