import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Records that an insecure or risky option was chosen on purpose. Every such
 * choice in this library goes through here so the warnings read alike and the
 * rule pack can find them.
 */
export function warnInsecure(construct: IConstruct, what: string, why: string): void {
  Annotations.of(construct).addWarning(`${what}: ${why}`);
}
