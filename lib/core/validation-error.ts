/** One problem with one prop of a construct. */
export interface ValidationProblem {
  /** The prop, as the user wrote it (`tokenTtl`, `identity.clientSecretExpiry`). */
  readonly prop: string;
  /**
   * The problem as it reads in the error, without the construct prefix:
   * `role 'eso': 'tokenTtl' must be a duration like 15m or 1h (got '15 minutes')`.
   */
  readonly message: string;
  /** The value received (`undefined` when the prop was missing). */
  readonly value: unknown;
  /** What is allowed, e.g. `must be a duration like 15m or 1h`. */
  readonly allowed: string;
}

/**
 * Thrown at synth when a construct's props are invalid. It lists every
 * problem of one construct, one line each (`<type> '<path>': <problem>`), and
 * carries the same facts as fields, so callers and tests can match on the
 * construct and the prop instead of on the text.
 */
export class ValidationError extends Error {
  /** The construct's path in the tree (`homelab/Auth`). */
  public readonly constructPath: string;
  /** The construct's class name (`VaultK8sAuth`). */
  public readonly constructType: string;
  /** Every problem found, in the order they were recorded. */
  public readonly problems: readonly ValidationProblem[];

  constructor(constructType: string, constructPath: string, problems: readonly ValidationProblem[]) {
    const head = `${constructType} '${constructPath}'`;
    super(problems.map((p) => `${head}: ${p.message}`).join('\n'));
    this.name = 'ValidationError';
    this.constructType = constructType;
    this.constructPath = constructPath;
    this.problems = [...problems];
  }
}
