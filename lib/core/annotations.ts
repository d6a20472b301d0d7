import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Records that an insecure or risky option was chosen on purpose, as a cdktf
 * warning annotation (`<prop>: <why>`) that cdktf reports at synth. Every such
 * choice in this library goes through here so the warnings read alike. The
 * rule pack does not read them: it judges the synthesized configuration, so
 * the same choice made with raw provider resources is found as well.
 */
export function warnInsecure(construct: IConstruct, what: string, why: string): void {
  Annotations.of(construct).addWarning(`${what}: ${why}`);
}
