import { literalsDiffer, PropValidator } from '../../core';
import type { VaultAuth } from '../vault-auth';

/** A workload VSO restarts when the Secret it writes changes. */
export interface RolloutRestartTarget {
  /** The workload kind. */
  readonly kind: 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'argo.Rollout';
  /** The workload's name, in the secret's namespace. */
  readonly name: string;
}

const KINDS: readonly RolloutRestartTarget['kind'][] = ['Deployment', 'DaemonSet', 'StatefulSet', 'argo.Rollout'];

/**
 * Validates what VSO secret kinds share: the destination Secret name, the
 * restart targets, and that the object lives beside its VaultAuth (VSO
 * resolves `vaultAuthRef` in the object's own namespace).
 */
export function checkDestination(v: PropValidator, secretName: string, targets: readonly RolloutRestartTarget[], auth: VaultAuth, namespace: string): void {
  v.dnsSubdomain('secretName', secretName);
  if (literalsDiffer(auth.namespace, namespace)) {
    v.fail('namespace', namespace, `must be '${auth.namespace}', the namespace of VaultAuth '${auth.authName}'`);
  }
  targets.forEach((t, i) => {
    const tv = v.child(`rolloutRestartTargets[${i}]`);
    tv.oneOf('kind', t.kind, KINDS);
    tv.dnsSubdomain('name', t.name);
  });
}

/** The `destination` block: VSO creates and owns the Secret. */
export function renderDestination(secretName: string): Record<string, unknown> {
  // create: VSO makes the Secret and owns it, so nobody has to pre-create an
  // empty Secret by hand; overwrite stays off so an existing Secret of the same
  // name, written by someone else, is never clobbered.
  return { name: secretName, create: true, overwrite: false };
}

/** The `rolloutRestartTargets` list, or nothing when empty. */
export function renderTargets(targets: readonly RolloutRestartTarget[]): Record<string, unknown> {
  return targets.length ? { rolloutRestartTargets: targets.map((t) => ({ kind: t.kind, name: t.name })) } : {};
}
