import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatResult, OfficialSchemas, ResourceResult } from '../../scripts/official-schemas';
import { readSources } from '../../scripts/refresh-schemas';
import { buildAll } from '../../stacks/main';
import { testApp } from '../helpers';

// One synth of every stack `npm run synth` writes (at collection time: the
// it.each tables below list its resources), and one set of compiled schemas,
// shared by every test.
const app = buildAll(testApp());
app.synth();
const docs = new Map<string, any>(fs.readdirSync(path.join(app.outdir, 'stacks')).map((stack) => [
  stack, JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')),
]));
const schemas = new OfficialSchemas();
let results: ResourceResult[];

// Cold (a fresh clone) this compiles every schema the stacks use: seconds, not milliseconds.
beforeAll(() => {
  results = [...docs].flatMap(([stack, doc]) => schemas.checkStack(stack, doc));
}, 120_000);

/** Every [stack, resource id, resource] of a type across the synth. */
function every(type: string): [string, string, any][] {
  return [...docs].flatMap(([stack, doc]) => Object.entries(doc.resource?.[type] ?? {}).map(([id, r]) => [stack, id, r] as [string, string, any]));
}

/** Checks one stack after `change` edits a copy of the named resource. */
function checkChanged(stack: string, type: string, id: string, change: (resource: any) => void): ResourceResult {
  const resource = structuredClone(docs.get(stack).resource[type][id]);
  change(resource);
  return schemas.checkStack(stack, { resource: { [type]: { [id]: resource } } })[0];
}

const manifests = () => every('kubernetes_manifest').map(([stack, id, r]) => [`${stack} ${r.manifest.kind} ${id}`, stack, id] as const);
const releases = () => every('helm_release').map(([stack, id, r]) => [`${stack} ${r.chart} ${id}`, stack, id, r] as const);

describe('official schemas', () => {
  it('every manifest and every chart value of every stack matches them', () => {
    expect(results.filter((r) => r.status === 'fail').map((r) => formatResult(r))).toEqual([]);
    expect(results.length).toBe(every('kubernetes_manifest').length + every('helm_release').length);
  });

  it('has the CRD of every custom resource kind the stacks write, and the values of the charts they pin', () => {
    const group = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
    const custom = new Set(every('kubernetes_manifest').map(([, , r]) => `${group(r.manifest.apiVersion)}/${r.manifest.kind}`)
      .filter((k) => k.split('/')[0].includes('.') && !k.split('/')[0].endsWith('.k8s.io')));
    expect([...custom].filter((k) => !schemas.kinds.includes(k))).toEqual([]);
    // A chart with vendored values is installed at the version they belong to.
    const pinned = new Map(readSources().projects.filter((p) => p.chart).map((p) => [p.chart!.name, p.chart!.version]));
    for (const [, , r] of every('helm_release').filter(([, , x]) => pinned.has(x.chart))) expect([r.chart, r.version]).toEqual([r.chart, pinned.get(r.chart)]);
    expect(every('helm_release').map(([, , r]) => r.chart)).toEqual(expect.arrayContaining(['vault', 'cert-manager', 'external-secrets', 'vault-secrets-operator']));
  });

  it.each(manifests())('fails an unknown field planted in %s, naming stack, resource and field', (_, stack, id) => {
    const res = checkChanged(stack, 'kubernetes_manifest', id, (r) => { r.manifest.spec.tlsSkipVerfy = true; });
    expect(formatResult(res)).toMatch(new RegExp(`^FAIL ${stack} kubernetes_manifest\\.${id} .*/spec/tlsSkipVerfy: unknown field "tlsSkipVerfy"`));
  });

  it.each(manifests())('fails an unknown field planted in every nested object of %s that the CRD closes', (_, stack, id) => {
    const manifest = docs.get(stack).resource.kubernetes_manifest[id].manifest;
    const objects: string[][] = [];
    const walk = (v: any, at: string[]) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        objects.push(at);
        for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, String(i)]));
    };
    walk(manifest.spec, ['spec']);
    const open: string[] = [];
    for (const at of objects) {
      const res = checkChanged(stack, 'kubernetes_manifest', id, (r) => {
        at.reduce((o, k) => o[k], r.manifest).zzPlanted = 1;
      });
      if (!res.problems.some((p) => p.startsWith(`/${at.join('/')}/zzPlanted: unknown field`))) open.push(at.join('.'));
    }
    // Only free-form maps (Secret template labels/annotations/data) take any key.
    expect(open.filter((p) => !/\.(labels|annotations|data|stringData)$/.test(p))).toEqual([]);
  });

  it('fails an unknown metadata field, a missing required field, a wrong type and a value outside an enum', () => {
    const [stack, id] = every('kubernetes_manifest').find(([, , r]) => r.manifest.kind === 'Certificate')!;
    const res = checkChanged(stack, 'kubernetes_manifest', id, (r) => {
      r.manifest.metadata.lables = { a: 'b' };
      delete r.manifest.spec.secretName;
      r.manifest.spec.duration = 2160;
      r.manifest.spec.privateKey = { algorithm: 'DSA' };
    });
    expect(res.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/metadata\/lables: unknown field "lables" .* did you mean "labels"\?/),
      '/spec/secretName: required field missing',
      '/spec/duration: must be string (got integer 2160)',
      expect.stringMatching(/^\/spec\/privateKey\/algorithm: must be one of "RSA", "ECDSA", "Ed25519".*\(got "DSA"\)/),
    ]));
  });

  it('fails a namespace on a cluster-scoped kind and an apiVersion the CRD no longer serves', () => {
    const [stack, id] = every('kubernetes_manifest').find(([, , r]) => r.manifest.kind === 'ClusterSecretStore')!;
    const res = checkChanged(stack, 'kubernetes_manifest', id, (r) => {
      r.manifest.metadata.namespace = 'default';
    });
    expect(res.problems).toContainEqual(expect.stringMatching(/^\/metadata\/namespace: ClusterSecretStore is cluster-scoped/));
    const old = checkChanged(stack, 'kubernetes_manifest', id, (r) => { r.manifest.apiVersion = 'external-secrets.io/v1beta1'; });
    expect(old.problems).toEqual(['/apiVersion: ClusterSecretStore external-secrets.io/v1beta1 is not served by its CRD (served: external-secrets.io/v1)']);
  });

  it('fails a custom resource kind with no vendored CRD, and leaves built-in kinds alone', () => {
    expect(schemas.checkManifest({ apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w' } }).problems[0]).toMatch(/no official CRD for Widget in example.io/);
    expect(schemas.checkManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }).status).toBe('skip');
    expect(schemas.checkManifest({ apiVersion: 'v1beta1', kind: 'VaultAuth', metadata: { name: 'a' } }).problems).toEqual([
      `/apiVersion: VaultAuth is in API group secrets.hashicorp.com, not the core group (got "v1beta1")`,
    ]);
  });

  it('evaluates the CRDs\' CEL rules where they apply', () => {
    const [stack, id] = every('kubernetes_manifest').find(([, , r]) => r.manifest.kind === 'Issuer')!;
    const res = checkChanged(stack, 'kubernetes_manifest', id, (r) => { r.manifest.spec = { venafi: { zone: 'z' } }; });
    expect(res.problems).toEqual(['/spec/venafi: exactly one of tpp, cloud, or ngts must be configured']);
    expect(checkChanged(stack, 'kubernetes_manifest', id, (r) => { r.manifest.spec = { venafi: { zone: 'z', cloud: { apiTokenSecretRef: { name: 'n' } } } }; }).problems).toEqual([]);
    const [eso, store] = every('kubernetes_manifest').find(([, , r]) => r.manifest.kind === 'ClusterSecretStore')!;
    const both = checkChanged(eso, 'kubernetes_manifest', store, (r) => {
      r.manifest.spec.provider = { openBao: { server: 'https://bao', caBundle: 'Y2E=', caProvider: { type: 'Secret', name: 'ca', namespace: 'vault' }, auth: {} } };
    });
    expect(both.problems).toEqual(expect.arrayContaining([
      '/spec/provider/openBao: at most one of the fields in [caBundle caProvider] may be set',
      '/spec/provider/openBao/auth: exactly one of the fields in [appRole tokenSecretRef userPass] must be set',
    ]));
    // Every rule of the vendored CRDs is in the subset evaluated.
    expect([...results, res, both].flatMap((r) => r.notes).filter((n) => /CEL/.test(n))).toEqual([]);
  });

  it('never refuses a value known only at apply time', () => {
    const [stack, id] = every('kubernetes_manifest').find(([, , r]) => r.manifest.kind === 'Certificate')!;
    const res = checkChanged(stack, 'kubernetes_manifest', id, (r) => {
      r.manifest.spec.duration = '${var.duration}';
      r.manifest.spec.privateKey = { size: '${var.key_size}', algorithm: '${var.algorithm}' };
      r.manifest.metadata.name = '${var.name}';
    });
    expect(res.status).toBe('ok');
    expect(res.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^\/spec\/privateKey\/size: type checked at apply time/)]));
    // `$${` is Terraform's escape for a literal: that is a plain (invalid) string.
    expect(checkChanged(stack, 'kubernetes_manifest', id, (r) => { r.manifest.spec.privateKey = { size: '$${var.key_size}' }; }).status).toBe('fail');
  });

  it.each(releases())('fails a misspelled chart value in %s, naming stack, resource and value', (_, stack, id, release) => {
    const values = JSON.parse(release.values[0]);
    const [top, inner] = Object.entries(values).find(([, v]) => v && typeof v === 'object') ?? [Object.keys(values)[0], undefined];
    const res = checkChanged(stack, 'helm_release', id, (r) => {
      r.values = [JSON.stringify({ ...values, [`${top}s`]: inner ?? true })];
    });
    expect(formatResult(res)).toMatch(new RegExp(`^FAIL ${stack} helm_release\\.${id} .*/${top}s: unknown chart value "${top}s" .*did you mean "${top}"\\?`));
    if (inner && typeof inner === 'object') {
      const key = Object.keys(inner)[0];
      const nested = checkChanged(stack, 'helm_release', id, (r) => {
        r.values = [JSON.stringify({ ...values, [top]: { ...inner, [`${key}d`]: true } })];
      });
      expect(nested.problems).toContainEqual(expect.stringMatching(new RegExp(`^/${top}/${key}d: unknown chart value "${key}d"`)));
    }
  });

  it('reads each chart schema in the draft it declares (Atlantis: 2019-09)', () => {
    const release = { chart: 'atlantis', repository: 'https://runatlantis.github.io/helm-charts', version: '6.9.3' };
    expect(schemas.checkRelease({ ...release, values: [JSON.stringify({ vcsSecretName: 'atlantis-vcs', orgAllowlist: 'github.com/acme/*' })] })).toMatchObject({ status: 'ok', problems: [] });
    expect(schemas.checkRelease({ ...release, values: [JSON.stringify({ vcsSecretNam: 'atlantis-vcs', orgAllowlist: 5 })] }).problems).toEqual([
      expect.stringMatching(/^\/vcsSecretNam: unknown chart value "vcsSecretNam" .*did you mean "vcsSecretName"\?$/),
      '/orgAllowlist: must be string (got integer 5)',
    ]);
  });

  it('fails chart values of the wrong type, also from a set block, per the chart schema', () => {
    const vault = every('helm_release').find(([, , r]) => r.chart === 'vault')!;
    const res = checkChanged(vault[0], 'helm_release', vault[1], (r) => { r.set = [{ name: 'server.ha.replicas', value: 'three' }]; });
    expect(res.problems).toContainEqual('/server/ha/replicas: must be integer (got string "three")');
    const cm = every('helm_release').find(([, , r]) => r.chart === 'cert-manager')!;
    const typed = checkChanged(cm[0], 'helm_release', cm[1], (r) => { r.values = [JSON.stringify({ crds: { enabled: 'yes' } })]; });
    expect(typed.problems).toContainEqual('/crds/enabled: must be boolean (got string "yes")');
  });

  it('compiles each schema once, and a later run takes the compiled code from the cache', () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'official-schemas-cache-'));
    try {
      const [, , r] = every('kubernetes_manifest').find(([, , x]) => x.manifest.kind === 'VaultConnection')!;
      const bad = { ...r.manifest, spec: { ...r.manifest.spec, skipTlsVerfy: true } };
      const cold = new OfficialSchemas({ cacheDir });
      const first = [cold.checkManifest(r.manifest), cold.checkManifest(bad), cold.checkManifest(r.manifest)];
      expect([cold.timings.compiled, cold.timings.cached]).toEqual([1, 0]);
      const warm = new OfficialSchemas({ cacheDir });
      expect([warm.checkManifest(r.manifest), warm.checkManifest(bad), warm.checkManifest(r.manifest)]).toEqual(first);
      expect([warm.timings.compiled, warm.timings.cached]).toEqual([0, 1]);
      expect(first[1].problems).toEqual([expect.stringMatching(/^\/spec\/skipTlsVerfy: unknown field .* did you mean "skipTLSVerify"\?/)]);
      // A damaged entry is compiled again, not trusted.
      for (const f of fs.readdirSync(cacheDir).filter((n) => n.endsWith('.validate.js'))) fs.writeFileSync(path.join(cacheDir, f), 'syntax error(');
      const repaired = new OfficialSchemas({ cacheDir });
      expect(repaired.checkManifest(bad)).toEqual(first[1]);
      expect(repaired.timings.compiled).toBe(1);
      expect(new OfficialSchemas({ cacheDir: false }).checkManifest(bad)).toEqual(first[1]);
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
