import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { addDependency } from '../../core/dependencies';
import { FlowEdge, FlowNodes } from '../../core/diagram';
import { literalsDiffer, PropValidator } from '../../core/validation';
import type { RolloutRestartTarget } from '../rollout-restart-target';
import type { VaultAuth } from '../vault-auth';

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

/** What every VSO secret kind has: its name, namespace, login and destination. */
export interface VsoSecretBase {
  readonly name: string;
  readonly namespace: string;
  readonly auth: VaultAuth;
  readonly secretName: string;
  readonly targets: readonly RolloutRestartTarget[];
}

/**
 * The `secrets.hashicorp.com/v1beta1` manifest of a VSO secret kind, created
 * after its VaultAuth; `source` is the kind's own spec fields (mount, path, ...).
 */
export function createVsoSecretManifest(scope: Construct, kind: string, base: VsoSecretBase, source: Record<string, unknown>): Manifest {
  const resource = new Manifest(scope, 'Resource', {
    manifest: {
      apiVersion: 'secrets.hashicorp.com/v1beta1',
      kind,
      metadata: { name: base.name, namespace: base.namespace },
      spec: {
        vaultAuthRef: base.auth.authName,
        ...source,
        destination: renderDestination(base.secretName),
        ...renderTargets(base.targets),
      },
    },
  });
  addDependency(scope, base.auth);
  return resource;
}

/** Role to Vault path to Secret to restarted workload: a VSO secret's edges of the secret-flow diagram. */
export function vsoFlowEdges(base: VsoSecretBase, vaultPath: string, delivery: string): FlowEdge[] {
  const path = FlowNodes.vaultPath(vaultPath);
  const secret = FlowNodes.secret(base.namespace, base.secretName);
  return [
    { from: base.auth.role.flowNode, to: path, label: 'read' },
    { from: path, to: secret, label: delivery },
    ...base.targets.map((t) => ({ from: secret, to: FlowNodes.workload(t.kind, t.name, base.namespace), label: 'rollout restart' })),
  ];
}

/** The `destination` block: VSO creates and owns the Secret. */
function renderDestination(secretName: string): Record<string, unknown> {
  // create: VSO makes the Secret and owns it, so nobody has to pre-create an
  // empty Secret by hand; overwrite stays off so an existing Secret of the same
  // name, written by someone else, is never clobbered.
  return { name: secretName, create: true, overwrite: false };
}

/** The `rolloutRestartTargets` list, or nothing when empty. */
function renderTargets(targets: readonly RolloutRestartTarget[]): Record<string, unknown> {
  return targets.length ? { rolloutRestartTargets: targets.map((t) => ({ kind: t.kind, name: t.name })) } : {};
}
