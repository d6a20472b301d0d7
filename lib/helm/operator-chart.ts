import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { PropValidator } from '../core/validation';

/** Options every operator Helm release in this library accepts. */
export interface OperatorChartOptions {
  /**
   * Namespace to install into (created if missing).
   * @default - the chart's conventional namespace
   */
  readonly namespace?: string;
  /**
   * Chart version. Pinned by default to the version this library is tested
   * against; change it deliberately, with the CRDs it brings in mind.
   * @default - the tested version
   */
  readonly chartVersion?: string;
  /**
   * Extra chart values, merged over the construct's own (objects merge, other values replace).
   * Never put secrets here: Helm values are stored in plain text in the release.
   * @default - none
   */
  readonly values?: Record<string, unknown>;
}

/** What a concrete operator chart construct fixes. */
export interface OperatorChartSpec {
  /** Helm release name. */
  readonly releaseName: string;
  /** Chart repository URL. */
  readonly repository: string;
  /** Chart name. */
  readonly chart: string;
  /** The tested chart version. */
  readonly defaultVersion: string;
  /** The conventional namespace. */
  readonly defaultNamespace: string;
  /** Values the construct sets (CRDs on, and so on). */
  readonly values: Record<string, unknown>;
}

const CHART_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * Validates and creates a pinned `helm_release` for an operator. Values are
 * rendered as one JSON document (valid YAML), so the synthesized JSON is
 * deterministic and diffable.
 */
export function createOperatorRelease(scope: Construct, kind: string, spec: OperatorChartSpec, options: OperatorChartOptions): { release: Release; namespace: string } {
  const namespace = options.namespace ?? spec.defaultNamespace;
  const version = options.chartVersion ?? spec.defaultVersion;
  const v = new PropValidator(scope, kind);
  v.dnsLabel('namespace', namespace);
  v.string('chartVersion', version, (x) => CHART_VERSION.test(x), 'must be an exact chart version like 1.2.3 (ranges would let an apply pick up new CRDs unannounced)');
  v.throwIfInvalid();
  const release = new Release(scope, 'Resource', {
    name: spec.releaseName,
    repository: spec.repository,
    chart: spec.chart,
    version,
    namespace,
    createNamespace: true,
    // Roll back a failed upgrade instead of leaving the operator half-installed.
    atomic: true,
    values: [JSON.stringify(deepMerge(spec.values, options.values ?? {}))],
  });
  return { release, namespace };
}

/** Merges plain objects recursively; arrays and scalars in `over` replace. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, val] of Object.entries(over)) {
    const prev = out[k];
    out[k] = isPlainObject(prev) && isPlainObject(val) ? deepMerge(prev, val) : val;
  }
  return out;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
