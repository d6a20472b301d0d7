/** A workload VSO restarts when the Secret it writes changes. */
export interface RolloutRestartTarget {
  /** The workload kind. */
  readonly kind: 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'argo.Rollout';
  /** The workload's name, in the secret's namespace. */
  readonly name: string;
}
