/**
 * A key in a Kubernetes Secret. Used wherever a secret value (a CA bundle, a
 * client secret, a token) must reach a workload by reference rather than as a
 * literal in Terraform.
 */
export interface SecretKeyRef {
  /** Name of the Secret. */
  readonly name: string;
  /** Key inside the Secret. */
  readonly key: string;
  /**
   * Namespace of the Secret.
   * @default - the namespace of the object that refers to it
   */
  readonly namespace?: string;
}

/** A Kubernetes ServiceAccount by name and namespace. */
export interface ServiceAccountRef {
  /** Name of the ServiceAccount. */
  readonly name: string;
  /** Namespace of the ServiceAccount. */
  readonly namespace: string;
}
