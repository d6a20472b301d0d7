export * from './validation';
export * from './validation-error';
export * from './duration';
export * from './unresolved';
export * from './annotations';
export * from './kubernetes-refs';
export * from './diagram';
export * from './dependencies';
