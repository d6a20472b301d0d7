// A stack that owns its providers and backend.
export { PlatformStack } from './platform-stack';
export type { BackendConfig, PlatformStackProps, ProviderName } from './platform-stack';
