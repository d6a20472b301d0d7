/**
 * Validates synthesized Terraform JSON against the official schemas vendored
 * under `schemas/` (see schemas/SOURCES.md):
 *
 * - every `kubernetes_manifest`'s `manifest` against the served version of
 *   its kind's CustomResourceDefinition;
 * - every `helm_release`'s values (the `values` documents and `set*` blocks,
 *   merged over the chart's values.yaml as Helm does) against the chart's
 *   `values.schema.json`, and every key against the keys the chart knows.
 *
 * Stricter than the API server and Helm on purpose: Kubernetes prunes a field
 * its CRD does not declare, and Helm ignores a value its templates never read,
 * both without a word, so a misspelled field would vanish on apply. Here it
 * fails. Values known only at apply time (`${...}`) are never refused: a
 * check that would need the value is reported as unresolved instead.
 *
 * Each schema is compiled once per {@link OfficialSchemas}, on first use.
 * `npm test` (test/schemas/) and `npm run validate` (scripts/validate.ts)
 * share this module.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ErrorObject, Options, ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import YAML from 'yaml';
import { CelUnsupported, evaluateCel } from './cel';
import { readSources, SCHEMAS_DIR, SourceChart } from './refresh-schemas';

/** The outcome of checking one resource. */
export interface ResourceResult {
  /** The stack (the directory under `cdktf.out/stacks/`). */
  readonly stack: string;
  /** The Terraform address, e.g. `kubernetes_manifest.Store_Resource_1A2B3C4D`. */
  readonly address: string;
  /** The construct path cdktf recorded for the resource, when present. */
  readonly constructPath?: string;
  /** What the resource is: `ClusterSecretStore vault-backend`, `chart vault 0.34.1`. */
  readonly subject: string;
  /** `fail` when a problem was found; `skip` when no official schema covers it. */
  readonly status: 'ok' | 'fail' | 'skip';
  /** One line per problem: `<JSON pointer>: <what is wrong>`. */
  readonly problems: readonly string[];
  /** Checks left to apply time, and other remarks that do not fail. */
  readonly notes: readonly string[];
}

/** Options of {@link OfficialSchemas}. */
export interface OfficialSchemasOptions {
  /** Where the vendored schemas live. @default - this repository's `schemas/` */
  readonly dir?: string;
  /**
   * Where compiled validators are kept between runs; `false` for none.
   * @default - node_modules/.cache/official-schemas (or OFFICIAL_SCHEMAS_CACHE)
   */
  readonly cacheDir?: string | false;
  /**
   * Fail a manifest of a custom resource (a group with a dot that is not a
   * Kubernetes API group) for which no CRD is vendored.
   * @default true
   */
  readonly failUnknownKinds?: boolean;
}

/** Where the time went, in milliseconds. */
export interface ValidationTimings {
  /** Reading and parsing the schema files. */
  load: number;
  /** Compiling schemas with ajv (each once). */
  compile: number;
  /** Running the compiled validators. */
  validate: number;
  /** Schemas compiled by ajv so far. */
  compiled: number;
  /** Schemas whose compiled code came from the cache. */
  cached: number;
}

/** A CEL rule of a CRD and where in the object it applies (`*`: every item or map value). */
interface CelRule {
  readonly at: readonly string[];
  readonly rule: string;
  readonly message?: string;
}

interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly deprecated: boolean;
  /** The schema's `x-kubernetes-validations`. */
  readonly rules: readonly CelRule[];
  validate?: ValidateFunction;
}

interface Crd {
  readonly file: string;
  /** Cache key of the file's bytes. */
  readonly key: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly versions: Map<string, CrdVersion>;
}

interface Chart {
  readonly spec: SourceChart;
  readonly dir: string;
  /** values.yaml, parsed on first use. */
  defaults?: Record<string, unknown>;
  /** values.schema.json, read on first use; null when the chart publishes none. */
  schema?: Record<string, unknown> | null;
  validate?: ValidateFunction;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ptr = (k: string | number) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const show = (v: unknown) => { const s = JSON.stringify(v) ?? String(v); return s.length > 60 ? `${s.slice(0, 57)}...` : s; };

/**
 * True for a string Terraform will evaluate (`${...}` or `%{...}`), i.e. a
 * value known only at apply time. `$${` and `%%{` are Terraform's escapes for
 * a literal.
 */
export function isTerraformExpression(v: unknown): boolean {
  return typeof v === 'string' && /[$%]\{/.test(v.replace(/\$\$\{|%%\{/g, ''));
}

function unresolvedPointers(v: unknown, at = '', out: string[] = []): string[] {
  if (isTerraformExpression(v)) out.push(at);
  else if (Array.isArray(v)) v.forEach((x, i) => unresolvedPointers(x, `${at}/${i}`, out));
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) unresolvedPointers(x, `${at}/${ptr(k)}`, out);
  return out;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The closest known name, if it is close enough to be a typo. */
function didYouMean(name: string, known: readonly string[]): string {
  let best = '';
  let bestD = Infinity;
  for (const k of known) {
    const d = k.toLowerCase() === name.toLowerCase() ? 0 : distance(name, k);
    if (d < bestD) { best = k; bestD = d; }
  }
  if (best && bestD <= Math.max(2, Math.floor(Math.max(name.length, best.length) / 3))) return ` - did you mean "${best}"?`;
  return known.length ? ` (known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''})` : '';
}

// The string formats the API server checks, as regular expressions (ajv
// inlines those into cached code). `duration` is a Go duration, not ISO 8601.
// Number formats (int32, int64, ...) only narrow the range; the type is checked.
const FORMATS: Record<string, RegExp> = {
  'duration': /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  'byte': /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};
const IGNORED_FORMATS = ['int32', 'int64', 'float', 'double', 'uri', 'password', 'email', 'hostname', 'ipv4', 'ipv6'];

// Compiled validators are kept as standalone code, keyed by the schema bytes
// and this converter, so a later run skips both the YAML parse and ajv's
// compile (the ESO stores are 0.7 MB of YAML each).
const CACHE_DIR = process.env.OFFICIAL_SCHEMAS_CACHE ?? path.join(__dirname, '..', 'node_modules', '.cache', 'official-schemas');
const CODE_VERSION = createHash('sha256')
  .update(fs.readFileSync(__filename))
  .update(JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf8')).version)
  .digest('hex').slice(0, 16);
const sha = (...parts: (string | Buffer)[]) => parts.reduce((h, p) => h.update(p), createHash('sha256').update(CODE_VERSION)).digest('hex').slice(0, 32);

function readCache(dir: string | false, name: string): string | undefined {
  if (!dir) return undefined;
  try {
    return fs.readFileSync(path.join(dir, name), 'utf8');
  } catch {
    return undefined;
  }
}

function writeCache(dir: string | false, name: string, text: string): void {
  if (!dir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    fs.writeFileSync(`${file}.${process.pid}`, text);
    fs.renameSync(`${file}.${process.pid}`, file); // atomic for concurrent runs
  } catch {
    // a read-only checkout still validates, just without the cache
  }
}

const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** The ObjectMeta fields a manifest may set (the server writes the others). */
const METADATA_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', maxLength: 253, pattern: DNS_SUBDOMAIN },
    namespace: { type: 'string', maxLength: 63, pattern: DNS_LABEL },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    finalizers: { type: 'array', items: { type: 'string' } },
  },
};

/**
 * Turns a CRD's OpenAPI v3 schema into JSON Schema for ajv, as the API server
 * reads it: a structural object without `x-kubernetes-preserve-unknown-fields`
 * keeps only the fields it declares (here: `additionalProperties: false`),
 * `x-kubernetes-int-or-string` takes either, `nullable` adds null. Branches of
 * anyOf/oneOf/allOf/not only validate values, so they stay open.
 */
function fromOpenApi(node: unknown, structural: boolean, rules: CelRule[], at: string[] = []): unknown {
  if (!isObj(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-kubernetes-') || ['description', 'example', 'externalDocs', 'title', 'nullable'].includes(k)) continue;
    if (k === 'properties' && isObj(v)) out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, fromOpenApi(s, structural, rules, [...at, p])]));
    else if (k === 'items' || k === 'additionalProperties') out[k] = isObj(v) ? fromOpenApi(v, structural, rules, [...at, '*']) : v;
    else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf') out[k] = (v as unknown[]).map((s) => fromOpenApi(s, false, rules, at));
    else if (k === 'not') out.not = fromOpenApi(v, false, rules, at);
    else if (k === 'format') { if (String(v) in FORMATS) out.format = v; }
    else out[k] = v;
  }
  for (const r of Array.isArray(node['x-kubernetes-validations']) ? node['x-kubernetes-validations'] : []) {
    if (isObj(r) && typeof r.rule === 'string') rules.push({ at, rule: r.rule, message: typeof r.message === 'string' ? r.message : undefined });
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.anyOf;
    out.type = ['integer', 'string'];
  }
  if (node.nullable === true && out.type !== undefined) out.type = [...new Set([...[out.type].flat(), 'null'])];
  if (node['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  const isObject = out.type === 'object' || out.properties !== undefined;
  if (structural && isObject && out.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/** Resolves a local `$ref` (`#/$defs/x`, `#/definitions/x`) inside a chart schema. */
function deref(schema: Json | undefined, root: Json): Json | undefined {
  let s = schema;
  for (let i = 0; s && typeof s.$ref === 'string' && s.$ref.startsWith('#/') && i < 32; i++) {
    let at: unknown = root;
    for (const part of s.$ref.slice(2).split('/')) at = isObj(at) ? at[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    s = isObj(at) ? at : undefined;
  }
  return s;
}

/** Helm's merge of values over the chart's defaults: maps merge, a null deletes. */
function coalesce(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = isObj(v) && isObj(out[k]) ? coalesce(out[k] as Json, v) : v;
  }
  return out;
}

/** Later `values` documents override earlier ones; nulls are kept for {@link coalesce}. */
function mergeUserValues(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObj(v) && isObj(out[k]) ? mergeUserValues(out[k] as Json, v) : v;
  return out;
}

/** `--set a.b\.c[0].d=v` as Helm parses the name (the subset the helm provider passes on). */
function setPath(values: Json, name: string, value: unknown): void {
  const keys: (string | number)[] = [];
  let cur = '';
  const flush = () => {
    const m = /^(.*?)((\[\d+\])*)$/.exec(cur)!;
    if (m[1]) keys.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) keys.push(Number(i[1]));
    cur = '';
  };
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '\\' && i + 1 < name.length) cur += name[++i];
    else if (name[i] === '.') flush();
    else cur += name[i];
  }
  flush();
  let o: any = values;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) o[k] = value;
    else {
      if (typeof o[k] !== 'object' || o[k] === null) o[k] = typeof keys[i + 1] === 'number' ? [] : {};
      o = o[k];
    }
  });
}

/** A `--set` value as Helm types it (unless `type = "string"`). */
function setScalar(v: unknown, type: unknown): unknown {
  if (type === 'string' || typeof v !== 'string') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  if (v === 'null') return null;
  if (/^(0|-?[1-9]\d*)$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  return v;
}

/** A Kubernetes API group of the platform itself (core, apps, *.k8s.io): not a CRD. */
function isBuiltInGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/** The vendored official schemas, loaded once and compiled on first use. */
export class OfficialSchemas {
  /** Where the time went so far. */
  public readonly timings: ValidationTimings = { load: 0, compile: 0, validate: 0, compiled: 0, cached: 0 };
  private readonly crdFiles = new Map<string, string>();
  private readonly crds = new Map<string, Crd>();
  /** Converted schemas by `<file key>.<version>`, when this run parsed the file. */
  private readonly converted = new Map<string, Json>();
  private readonly charts: Chart[] = [];
  private readonly ajv: Ajv;
  private readonly ajv2019: Ajv2019;
  private readonly ajv2020: Ajv2020;
  private readonly failUnknownKinds: boolean;
  private readonly cacheDir: string | false;

  constructor(options: OfficialSchemasOptions = {}) {
    const started = performance.now();
    const dir = options.dir ?? SCHEMAS_DIR;
    this.failUnknownKinds = options.failUnknownKinds ?? true;
    this.cacheDir = options.cacheDir ?? CACHE_DIR;
    // verbose: errors carry their schema, so an unknown field can be
    // reported with the fields that are known.
    const ajvOptions: Options = {
      allErrors: true, strict: false, verbose: true, logger: false, useDefaults: true, code: { source: true },
      formats: { ...FORMATS, ...Object.fromEntries(IGNORED_FORMATS.map((f) => [f, true])) },
    };
    this.ajv = new Ajv(ajvOptions);
    this.ajv2019 = new Ajv2019(ajvOptions);
    this.ajv2020 = new Ajv2020(ajvOptions);
    for (const project of readSources(dir).projects) {
      for (const f of project.files.filter((x) => x.to.startsWith('crds/'))) this.addCrd(path.join(dir, f.to));
      if (project.chart) this.addChart(path.join(dir, 'charts', project.chart.name), project.chart);
    }
    this.timings.load += performance.now() - started;
  }

  /** The kinds with a vendored CRD, as `group/Kind`. */
  public get kinds(): string[] {
    return [...this.crdFiles.keys()].sort();
  }

  /** The charts with vendored values. */
  public get chartNames(): string[] {
    return this.charts.map((c) => c.spec.name);
  }

  /**
   * Indexes a CRD file by the group and kind in its header, and parses the
   * whole file (the ESO stores are 0.7 MB of YAML each) only when a manifest
   * of that kind is checked.
   */
  private addCrd(file: string): void {
    const head = fs.readFileSync(file, 'utf8').slice(0, 4096);
    const group = /^ {2}group: (\S+)$/m.exec(head)?.[1];
    const kind = /^ {4}kind: (\S+)$/m.exec(head)?.[1];
    if (!group || !kind) throw new Error(`${file}: not a CustomResourceDefinition with spec.group and spec.names.kind`);
    this.crdFiles.set(`${group}/${kind}`, file);
  }

  private crd(key: string): Crd | undefined {
    const file = this.crdFiles.get(key);
    if (!file) return undefined;
    let crd = this.crds.get(key);
    if (!crd) {
      const started = performance.now();
      const cacheKey = sha(fs.readFileSync(file));
      const cached = readCache(this.cacheDir, `${cacheKey}.crd.json`);
      const meta = cached ? JSON.parse(cached) : this.convertCrd(file, key, cacheKey);
      crd = { file, key: cacheKey, scope: meta.scope, versions: new Map(meta.versions.map((v: CrdVersion) => [v.name, { ...v }])) };
      this.crds.set(key, crd);
      this.timings.load += performance.now() - started;
    }
    return crd;
  }

  /** Parses a CRD file, converts each version's schema, and caches both. */
  private convertCrd(file: string, key: string, cacheKey: string): { scope: string; versions: CrdVersion[] } {
    const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
    if (`${doc?.spec?.group}/${doc?.spec?.names?.kind}` !== key) throw new Error(`${file}: expected the CRD of ${key}`);
    const versions: CrdVersion[] = [];
    for (const v of doc.spec.versions) {
      const rules: CelRule[] = [];
      const root = fromOpenApi(v.schema?.openAPIV3Schema ?? { type: 'object' }, true, rules) as Json;
      root.properties = { ...(root.properties as Json), metadata: METADATA_SCHEMA };
      root.required = [...new Set([...((root.required as string[]) ?? []), 'apiVersion', 'kind', 'metadata'])];
      this.converted.set(`${cacheKey}.${v.name}`, root);
      writeCache(this.cacheDir, `${cacheKey}.${v.name}.schema.json`, JSON.stringify(root));
      versions.push({ name: v.name, served: v.served !== false, deprecated: v.deprecated === true, rules });
    }
    const meta = { scope: doc.spec.scope, versions };
    writeCache(this.cacheDir, `${cacheKey}.crd.json`, JSON.stringify(meta));
    return meta;
  }

  private addChart(dir: string, spec: SourceChart): void {
    this.charts.push({ spec, dir });
  }

  /** Reads a chart's values.yaml (parsed once, then from the cache) and values.schema.json. */
  private loadChart(chart: Chart): Required<Pick<Chart, 'defaults' | 'schema'>> {
    if (chart.defaults === undefined || chart.schema === undefined) {
      const started = performance.now();
      const values = path.join(chart.dir, 'values.yaml');
      if (fs.existsSync(values)) {
        const bytes = fs.readFileSync(values);
        const key = `${sha(bytes)}.values.json`;
        const cached = readCache(this.cacheDir, key);
        chart.defaults = cached ? JSON.parse(cached) : (YAML.parse(bytes.toString('utf8')) ?? {});
        if (!cached) writeCache(this.cacheDir, key, JSON.stringify(chart.defaults));
      } else chart.defaults = {};
      const schema = path.join(chart.dir, 'values.schema.json');
      chart.schema = fs.existsSync(schema) ? JSON.parse(fs.readFileSync(schema, 'utf8')) : null;
      this.timings.load += performance.now() - started;
    }
    return { defaults: chart.defaults!, schema: chart.schema! };
  }

  /**
   * The validator for a schema, compiled once: from the cache when an earlier
   * run compiled the same bytes, else by ajv (and then cached).
   */
  private compile(cacheKey: string, draft: '07' | '2019' | '2020', schema: () => unknown): ValidateFunction {
    const started = performance.now();
    const cached = readCache(this.cacheDir, `${cacheKey}.validate.js`);
    let fn: ValidateFunction | undefined;
    if (cached) {
      const mod = { exports: {} as unknown };
      try {
        new Function('module', 'exports', 'require', cached)(mod, mod.exports, require);
        fn = mod.exports as ValidateFunction;
      } catch {
        fn = undefined; // a damaged cache entry is compiled again
      }
    }
    if (!fn) {
      const ajv = draft === '2020' ? this.ajv2020 : draft === '2019' ? this.ajv2019 : this.ajv;
      fn = ajv.compile(schema() as Json);
      writeCache(this.cacheDir, `${cacheKey}.validate.js`, standaloneCode(ajv, fn));
      this.timings.compiled++;
    } else this.timings.cached++;
    this.timings.compile += performance.now() - started;
    return fn;
  }

  private run(fn: ValidateFunction, data: unknown): ErrorObject[] {
    const started = performance.now();
    const ok = fn(data);
    this.timings.validate += performance.now() - started;
    return ok ? [] : [...(fn.errors ?? [])];
  }

  private validatorFor(crd: Crd, v: CrdVersion): ValidateFunction {
    const id = `${crd.key}.${v.name}`;
    v.validate ??= this.compile(id, '07', () => {
      if (!this.converted.has(id)) {
        const cached = readCache(this.cacheDir, `${id}.schema.json`);
        if (cached) this.converted.set(id, JSON.parse(cached));
        else this.convertCrd(crd.file, [...this.crdFiles].find(([, f]) => f === crd.file)![0], crd.key);
      }
      return this.converted.get(id);
    });
    return v.validate;
  }

  /** Checks one manifest (the `manifest` argument of a `kubernetes_manifest`). */
  public checkManifest(manifest: unknown): { status: ResourceResult['status']; problems: string[]; notes: string[] } {
    if (isTerraformExpression(manifest)) return { status: 'skip', problems: [], notes: ['the whole manifest is known only at apply time'] };
    if (!isObj(manifest)) return { status: 'fail', problems: [`/: a manifest must be an object (got ${typeOf(manifest)})`], notes: [] };
    const { apiVersion, kind } = manifest;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return { status: 'fail', problems: ['/: apiVersion and kind must be strings'], notes: [] };
    if (isTerraformExpression(apiVersion) || isTerraformExpression(kind)) return { status: 'skip', problems: [], notes: ['apiVersion or kind is known only at apply time'] };
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    const crd = this.crd(`${group}/${kind}`);
    if (!crd) {
      const sameKind = [...this.crdFiles.keys()].filter((k) => k.endsWith(`/${kind}`)).map((k) => k.split('/')[0]);
      if (sameKind.length) {
        return { status: 'fail', problems: [`/apiVersion: ${kind} is in API group ${sameKind.join(' or ')}, not ${group ? `'${group}'` : 'the core group'} (got ${show(apiVersion)})`], notes: [] };
      }
      if (!isBuiltInGroup(group) && this.failUnknownKinds) {
        return { status: 'fail', problems: [`/kind: no official CRD for ${kind} in ${group} under schemas/ (add it to schemas/sources.json and run scripts/refresh-schemas.ts)`], notes: [] };
      }
      return { status: 'skip', problems: [], notes: [`no official schema for ${apiVersion} ${kind}`] };
    }
    const v = crd.versions.get(version);
    if (!v || !v.served) {
      const served = [...crd.versions.values()].filter((x) => x.served).map((x) => `${group}/${x.name}`);
      return { status: 'fail', problems: [`/apiVersion: ${kind} ${apiVersion} is ${v ? 'not served' : 'not defined'} by its CRD (served: ${served.join(', ')})`], notes: [] };
    }
    const validate = this.validatorFor(crd, v);
    // A copy: ajv fills in the CRD's defaults before `required` is checked, as the API server does.
    const defaulted = structuredClone(manifest);
    const errors = this.run(validate, defaulted);
    const unresolved = unresolvedPointers(manifest);
    const { problems, notes } = describeErrors(errors, unresolved, 'field');
    const cel = checkCelRules(v.rules, defaulted, unresolved);
    problems.push(...cel.problems);
    notes.push(...cel.notes);
    const namespace = (manifest.metadata as Json | undefined)?.namespace;
    if (crd.scope === 'Cluster' && namespace !== undefined) problems.push(`/metadata/namespace: ${kind} is cluster-scoped and takes no namespace (got ${show(namespace)})`);
    if (manifest.status !== undefined && !problems.some((p) => p.startsWith('/status'))) problems.push('/status: written by the operator; Kubernetes ignores it in a manifest');
    if (v.deprecated) notes.push(`${apiVersion} ${kind} is deprecated`);
    return { status: problems.length ? 'fail' : 'ok', problems, notes };
  }

  private chartFor(release: Json): Chart | undefined {
    const chart = String(release.chart ?? '');
    // `repo/name`, a chart URL `.../name-1.2.3.tgz`, or `oci://.../name`
    const name = chart.replace(/-v?\d+\.\d+\.\d+[^/]*\.tgz$/, '').split('/').pop();
    const repo = String(release.repository ?? '').replace(/\/+$/, '');
    return this.charts.find((c) => c.spec.name === name && (!repo || repo === c.spec.repository.replace(/\/+$/, '') || chart.startsWith('oci://')));
  }

  /** Checks one `helm_release`'s values against its chart's official schema and keys. */
  public checkRelease(release: Json): { status: ResourceResult['status']; problems: string[]; notes: string[] } {
    const chart = this.chartFor(release);
    if (!chart) return { status: 'skip', problems: [], notes: [`no official values of chart ${show(release.chart)} from ${show(release.repository ?? '')} under schemas/`] };
    const { defaults, schema: chartSchema } = this.loadChart(chart);
    const problems: string[] = [];
    const notes: string[] = [];
    const version = String(release.version ?? '');
    if (version && version.replace(/^v/, '') !== chart.spec.version.replace(/^v/, '')) {
      notes.push(`chart version ${version} but the vendored values are of ${chart.spec.version}: checked against those`);
    }
    let user: Json = {};
    [release.values ?? []].flat().forEach((doc, i) => {
      if (isObj(doc)) { user = mergeUserValues(user, doc); return; }
      if (typeof doc !== 'string') return;
      let parsed: unknown;
      try {
        parsed = YAML.parse(doc);
      } catch (e) {
        if (isTerraformExpression(doc)) notes.push(`/values/${i}: known only at apply time`);
        else problems.push(`/values/${i}: not YAML: ${(e as Error).message.split('\n')[0]}`);
        return;
      }
      if (parsed === null || parsed === undefined) return;
      if (!isObj(parsed)) {
        if (isTerraformExpression(doc)) notes.push(`/values/${i}: known only at apply time`);
        else problems.push(`/values/${i}: must be a map of values (got ${typeOf(parsed)})`);
        return;
      }
      user = mergeUserValues(user, parsed);
    });
    for (const block of ['set', 'set_sensitive', 'set_list'] as const) {
      for (const s of [release[block] ?? []].flat()) {
        if (!isObj(s) || typeof s.name !== 'string') continue;
        setPath(user, s.name, block === 'set_list' ? [s.value ?? []].flat() : setScalar(s.value, s.type));
      }
    }
    problems.push(...unknownChartKeys(user, defaults, chartSchema ?? undefined, chartSchema ?? undefined, chart.spec.name));
    if (chartSchema) {
      if (!chart.validate) {
        const { $schema, ...schema } = chartSchema;
        // The draft the chart declares: vault and cert-manager 07, Atlantis 2019-09, ESO 2020-12.
        const draft = /2020-12/.test(String($schema)) ? '2020' : /2019-09/.test(String($schema)) ? '2019' : '07';
        chart.validate = this.compile(`chart.${chart.spec.name}.${draft}.${sha(JSON.stringify(schema))}`, draft, () => schema);
      }
      const merged = coalesce(defaults, user);
      const errors = this.run(chart.validate, structuredClone(merged));
      const described = describeErrors(errors, unresolvedPointers(merged), 'chart value');
      // An unknown key is reported once, by the walk above, with the chart's own keys.
      problems.push(...described.problems.filter((p) => !problems.some((q) => q.split(':')[0] === p.split(':')[0])));
      notes.push(...described.notes);
    } else {
      notes.push(`chart ${chart.spec.name} publishes no values.schema.json: keys checked against its values.yaml only`);
    }
    return { status: problems.length ? 'fail' : 'ok', problems, notes };
  }

  /** Checks every `kubernetes_manifest` and `helm_release` of one stack's Terraform JSON. */
  public checkStack(stack: string, doc: unknown): ResourceResult[] {
    const results: ResourceResult[] = [];
    const resources = isObj(doc) && isObj(doc.resource) ? doc.resource : {};
    const entries = (type: string): [string, Json][] => {
      const byType = resources[type];
      const list = Array.isArray(byType) ? byType.flatMap((o) => Object.entries(o as Json)) : isObj(byType) ? Object.entries(byType) : [];
      return list.filter((e): e is [string, Json] => isObj(e[1]));
    };
    const seen = new Map<string, string>();
    for (const [id, r] of entries('kubernetes_manifest')) {
      const m = r.manifest as Json | undefined;
      const meta = isObj(m?.metadata) ? m!.metadata as Json : {};
      const subject = `${m?.kind ?? '?'} ${meta.namespace ? `${meta.namespace}/` : ''}${meta.name ?? '?'}`;
      const res = this.checkManifest(m);
      const key = `${m?.apiVersion}|${m?.kind}|${meta.namespace ?? ''}|${meta.name}`;
      if (res.status !== 'skip' && !isTerraformExpression(key)) {
        if (seen.has(key)) res.problems.push(`/metadata/name: the same object is also declared by kubernetes_manifest.${seen.get(key)}`);
        else seen.set(key, id);
      }
      results.push(result(stack, `kubernetes_manifest.${id}`, r, subject, res));
    }
    for (const [id, r] of entries('helm_release')) {
      results.push(result(stack, `helm_release.${id}`, r, `chart ${r.chart}${r.version ? ` ${r.version}` : ''}`, this.checkRelease(r)));
    }
    return results;
  }

  /**
   * Checks every stack a synth wrote into `outdir` (`cdktf.out`). Stacks are
   * read from its manifest.json when it has one; a stack directory the
   * manifest does not list is left over from an earlier synth and reported in
   * `stale`, not checked.
   */
  public checkOutdir(outdir: string): { results: ResourceResult[]; stale: string[] } {
    const stacksDir = path.join(outdir, 'stacks');
    const dirs = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).filter((d) => fs.existsSync(path.join(stacksDir, d, 'cdk.tf.json'))).sort() : [];
    const manifestFile = path.join(outdir, 'manifest.json');
    const listed = fs.existsSync(manifestFile) ? Object.keys(JSON.parse(fs.readFileSync(manifestFile, 'utf8')).stacks ?? {}) : dirs;
    const results: ResourceResult[] = [];
    for (const stack of dirs.filter((d) => listed.includes(d))) {
      results.push(...this.checkStack(stack, JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'))));
    }
    return { results, stale: dirs.filter((d) => !listed.includes(d)) };
  }
}

function result(stack: string, address: string, r: Json, subject: string, res: { status: ResourceResult['status']; problems: string[]; notes: string[] }): ResourceResult {
  const meta = (r['//'] as Json | undefined)?.metadata as Json | undefined;
  const status = res.problems.length ? 'fail' : res.status;
  return { stack, address, constructPath: typeof meta?.path === 'string' ? meta.path : undefined, subject, status, problems: res.problems, notes: res.notes };
}

/** Keys the user set that neither the chart's values.yaml nor its schema declare. */
function unknownChartKeys(user: unknown, defaults: unknown, schema: Json | undefined, root: Json | undefined, chart: string, at = ''): string[] {
  if (!isObj(user)) return [];
  const s = root ? deref(schema, root) : undefined;
  const props = isObj(s?.properties) ? s!.properties as Json : {};
  const known = [...new Set([...(isObj(defaults) ? Object.keys(defaults) : []), ...Object.keys(props)])];
  // A map the chart leaves open (`podAnnotations: {}`, or a schema with no
  // properties): any key is the user's to choose.
  if (!known.length || (isObj(s) && s.additionalProperties !== undefined && s.additionalProperties !== false)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(user)) {
    const here = `${at}/${ptr(k)}`;
    if (!known.includes(k)) {
      out.push(`${here}: unknown chart value "${k}" (not in ${chart}'s values.yaml or values.schema.json; Helm ignores it silently)${didYouMean(k, known)}`);
    } else {
      out.push(...unknownChartKeys(v, isObj(defaults) ? defaults[k] : undefined, props[k] as Json | undefined, root, chart, here));
    }
  }
  return out;
}

/**
 * Evaluates the CRD's CEL rules on every object they apply to, as the API
 * server does after defaulting. A rule this evaluator cannot read is noted,
 * never guessed; a rule that fails over a value known only at apply time is
 * noted too.
 */
function checkCelRules(rules: readonly CelRule[], manifest: Json, unresolved: string[]): { problems: string[]; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  let unsupported = 0;
  const visit = (value: unknown, at: readonly string[], ptrAt: string, rule: CelRule) => {
    if (at.length === 0) {
      let ok: boolean;
      try {
        ok = evaluateCel(rule.rule, value);
      } catch (e) {
        if (!(e instanceof CelUnsupported)) throw e;
        unsupported++;
        return;
      }
      if (ok) return;
      const line = `${ptrAt || '/'}: ${rule.message ?? `fails the CRD's rule ${rule.rule}`}`;
      if (unresolved.some((u) => u === ptrAt || u.startsWith(`${ptrAt}/`))) notes.push(`${line} (checked at apply time)`);
      else problems.push(line);
      return;
    }
    const [head, ...rest] = at;
    if (head === '*') {
      if (Array.isArray(value)) value.forEach((x, i) => visit(x, rest, `${ptrAt}/${i}`, rule));
      else if (isObj(value)) for (const [k, x] of Object.entries(value)) visit(x, rest, `${ptrAt}/${ptr(k)}`, rule);
    } else if (isObj(value) && value[head] !== undefined && value[head] !== null) {
      visit(value[head], rest, `${ptrAt}/${ptr(head)}`, rule);
    }
  };
  for (const rule of rules) visit(manifest, rule.at, '', rule);
  if (unsupported) notes.push(`${unsupported} CEL rule evaluation(s) not supported here`);
  return { problems, notes };
}

/** One line per error, except where the value is known only at apply time. */
function describeErrors(errors: ErrorObject[], unresolved: string[], noun: string): { problems: string[]; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  const underUnresolved = (p: string) => unresolved.some((u) => p === u || p.startsWith(`${u}/`));
  for (const e of errors) {
    const at = e.instancePath;
    // A failed anyOf/oneOf/if is explained by its branches' errors.
    if (['anyOf', 'oneOf', 'if'].includes(e.keyword) && errors.some((o) => o !== e && o.instancePath.startsWith(at))) continue;
    if (underUnresolved(at) && e.keyword !== 'additionalProperties' && e.keyword !== 'required') {
      notes.push(`${at || '/'}: ${e.keyword} checked at apply time`);
      continue;
    }
    let line: string;
    switch (e.keyword) {
      case 'additionalProperties': {
        const field = String(e.params.additionalProperty);
        const known = Object.keys((e.parentSchema as Json | undefined)?.properties as Json ?? {});
        line = `${at}/${ptr(field)}: unknown ${noun} "${field}"${noun === 'field' ? ' (the CRD has no such field; Kubernetes would prune it silently)' : ''}${didYouMean(field, known)}`;
        break;
      }
      case 'required': line = `${at}/${ptr(String(e.params.missingProperty))}: required ${noun} missing`; break;
      case 'type': line = `${at || '/'}: must be ${[e.params.type].flat().join(' or ')} (got ${typeOf(e.data)} ${show(e.data)})`; break;
      case 'enum': line = `${at}: must be one of ${(e.params.allowedValues as unknown[]).map((x) => show(x)).join(', ')} (got ${show(e.data)})`; break;
      case 'pattern': line = `${at}: ${show(e.data)} does not match ${e.params.pattern}`; break;
      case 'format': line = `${at}: ${show(e.data)} is not a valid ${e.params.format}`; break;
      default: line = `${at || '/'}: ${e.message}${e.data !== undefined && typeof e.data !== 'object' ? ` (got ${show(e.data)})` : ''}`;
    }
    if (!problems.includes(line)) problems.push(line);
  }
  return { problems, notes: [...new Set(notes)] };
}

/** One line for a result: `FAIL <stack> <address> (<subject>): <problem>; <problem>`. */
export function formatResult(r: ResourceResult, verbose = false): string {
  const head = `${r.status.toUpperCase().padEnd(4)} ${r.stack} ${r.address} (${r.subject})`;
  const lines = [r.status === 'fail' ? `${head}: ${r.problems.join('; ')}` : head];
  if (verbose) {
    if (r.constructPath) lines.push(`     construct ${r.constructPath}`);
    lines.push(...r.notes.map((n) => `     note: ${n}`));
  } else if (r.status === 'skip' && r.notes.length) lines[0] += `: ${r.notes[0]}`;
  return lines.join('\n');
}

/** `12 checked: 11 ok, 1 failed, 2 skipped (no official schema)`. */
export function summarize(results: readonly ResourceResult[]): string {
  const n = (s: ResourceResult['status']) => results.filter((r) => r.status === s).length;
  const checked = n('ok') + n('fail');
  return `${checked} resource(s) checked against official schemas: ${n('ok')} ok, ${n('fail')} failed${n('skip') ? `, ${n('skip')} skipped (no official schema)` : ''}`;
}
