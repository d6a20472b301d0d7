export * from './validation';
export * from './annotations';
export * from './kubernetes-refs';
export * from './diagram';
export * from './dependencies';
