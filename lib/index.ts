// `vault-platform-constructs`: every construct with its props, interfaces and
// enums. The rule pack is `vault-platform-constructs/checks`; each domain is
// also an entry point of its own (`/vault`, `/secrets-sync`, `/cert-manager`,
// `/entra`, `/keyvault`, `/platform`).
export type { SecretKeyRef, ServiceAccountRef } from './core/kubernetes-refs';
export { ValidationError } from './core/validation-error';
export type { ValidationProblem } from './core/validation-error';
export { collectSecretFlows, renderSecretFlows } from './core/diagram';
export type { FlowEdge, FlowNode, FlowNodeKind, ISecretFlowContributor } from './core/diagram';
export * from './vault';
export * from './secrets-sync';
export * from './cert-manager';
export * from './keyvault';
export * from './entra';
export * from './platform';
