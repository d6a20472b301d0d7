// The security rule pack: the Aspect, suppressions, the rule interface for
// custom rules, and every rule. The helpers rules share stay inside lib/.
export { SecurityChecks, SecurityChecksError } from './security-checks';
export type { Finding, SecurityChecksProps } from './security-checks';
export { suppressRule } from './suppressions';
export type { Suppression } from './suppressions';
export type { ElementView, Rule, RuleLevel } from './rule';
export * from './rules';
