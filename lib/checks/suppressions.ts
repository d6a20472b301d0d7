import { IConstruct } from 'constructs';

const SUPPRESS_KEY = 'vault-platform-constructs:suppress';

/** One suppression: the rule it silences and why. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Silences rule `ruleId` for `construct` and everything below it. The reason is
 * required (at least four words): a suppression is a decision someone must be
 * able to review later.
 */
export function suppressRule(construct: IConstruct, ruleId: string, reason: string): void {
  const words = reason.trim().split(/\s+/).filter(Boolean);
  if (words.length < 4) {
    throw new Error(`suppressRule '${construct.node.path}': 'reason' for ${ruleId} must say why in at least four words (got '${reason}')`);
  }
  construct.node.addMetadata(SUPPRESS_KEY, { ruleId, reason: reason.trim() } satisfies Suppression);
}

/** The suppression of `ruleId` on `construct` or its nearest ancestor, if any. */
export function findSuppression(construct: IConstruct, ruleId: string): Suppression | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const hit = scope.node.metadata.find((m) => m.type === SUPPRESS_KEY && (m.data as Suppression).ruleId === ruleId);
    if (hit) return hit.data as Suppression;
  }
  return undefined;
}
