import { effectiveHelmValues, isChart } from '../../../lib/checks/private/helm';

describe('effectiveHelmValues', () => {
  it('merges values documents in order, JSON and YAML, a null removing a key', () => {
    const { values, unread } = effectiveHelmValues({
      values: [
        JSON.stringify({ server: { dev: { enabled: true }, replicas: 3 }, global: { tlsDisable: true } }),
        'server:\n  dev:\n    enabled: false\n  replicas: null\nglobal:\n  tlsDisable: false\n',
      ],
    });
    expect(values).toEqual({ server: { dev: { enabled: false } }, global: { tlsDisable: false } });
    expect(unread).toEqual([]);
  });

  it('applies set, set_list and set_sensitive over the documents, typed as Helm types them', () => {
    const { values } = effectiveHelmValues({
      values: ['server:\n  dev:\n    enabled: false\n'],
      set: [
        { name: 'server.dev.enabled', value: 'true' },
        { name: 'server.ha.replicas', value: '5' },
        { name: 'server.image.tag', value: '1.19', type: 'string' },
        { name: 'server.flag', value: 'TRUE', type: 'string' },
        { name: 'server.annotations.azure\\.workload\\.identity/use', value: 'true', type: 'string' },
        { name: 'server.volumes[1].name', value: 'data' },
      ],
      set_list: [{ name: 'server.args', value: ['-a', '-b'] }],
      set_sensitive: [{ name: 'server.token', value: 's3cr3t' }],
    });
    expect(values).toEqual({
      server: {
        dev: { enabled: true },
        ha: { replicas: 5 },
        image: { tag: '1.19' },
        flag: 'TRUE',
        annotations: { 'azure.workload.identity/use': 'true' },
        volumes: [undefined, { name: 'data' }],
        args: ['-a', '-b'],
        token: 's3cr3t',
      },
    });
  });

  it('reads any YAML Helm reads, anchors and YAML 1.1 booleans included', () => {
    const doc = 'base: &dev\n  enabled: yes\nserver:\n  dev: *dev\n';
    expect(effectiveHelmValues({ values: [doc] }).values).toEqual({ base: { enabled: true }, server: { dev: { enabled: true } } });
  });

  it('keeps a document that does not parse as text', () => {
    const doc = 'server:\n  dev: [unclosed\n';
    expect(effectiveHelmValues({ values: [doc] })).toEqual({ values: {}, unread: [doc], unknown: [] });
  });

  it('ignores set entries whose name is a Terraform expression', () => {
    expect(effectiveHelmValues({ set: [{ name: '${var.key}', value: 'x' }] }).values).toEqual({});
  });
});

describe('isChart', () => {
  it.each([
    ['vault', true],
    ['hashicorp/vault', true],
    ['oci://registry.example.com/charts/vault', true],
    ['vault-secrets-operator', false],
    ['myvault', false],
  ])('matches %s against the vault chart: %s', (chart, expected) => {
    expect(isChart({ chart }, 'vault')).toBe(expected);
  });
});

describe('isChart', () => {
  it.each([
    'vault', 'hashicorp/vault', 'oci://registry.example.com/hashicorp/vault', 'https://helm.releases.hashicorp.com/vault-0.34.1.tgz',
    './charts/vault-0.34.1.tgz', 'VAULT', 'oci://registry.example.com/hashicorp/vault:0.34.1', 'https://example.com/charts/vault-0.34.1.tgz?download=1',
    // Local paths on Windows (a bug until #19: read as the chart 'c', or 'charts\\vault').
    'C:\\charts\\vault', 'C:\\charts\\vault-0.34.1.tgz', 'charts\\vault\\', 'D:\\work/charts\\vault-0.34.1.tgz',
  ])('knows %s is the vault chart', (chart) => {
    expect(isChart({ chart }, 'vault')).toBe(true);
  });
  it.each(['vault-secrets-operator', 'hashicorp/vault-secrets-operator', 'https://example.com/vault-secrets-operator-1.4.1.tgz', '${var.chart}', 'C:\\charts\\vault-secrets-operator', 'vault\\charts\\other'])('knows %s is not', (chart) => {
    expect(isChart({ chart }, 'vault')).toBe(false);
  });
});

describe('effectiveHelmValues of expressions', () => {
  it('reads a literal yamlencode and lists what it cannot read', () => {
    const r = effectiveHelmValues({ values: ['${yamlencode({"server" = {"dev" = {"enabled" = true}}})}', '${file("values.yaml")}'] });
    expect(r.values).toEqual({ server: { dev: { enabled: true } } });
    expect(r.unknown).toEqual(['${file("values.yaml")}']);
  });
});

describe('effectiveHelmValues of JSON with references', () => {
  it('reads JSON whose references sit only in string leaves, at any depth and in lists', () => {
    const doc = '  {"server": {"dev": {"enabled": false}, "env": ["${var.a}", {"id": "${azuread_application.app.client_id}"}]}}';
    expect(effectiveHelmValues({ values: [doc] })).toEqual({
      values: { server: { dev: { enabled: false }, env: ['${var.a}', { id: '${azuread_application.app.client_id}' }] } },
      unread: [], unknown: [],
    });
  });

  it('lists JSON with a computed key, a list document, a document not JSON at all, or a non-object expression as unknown', () => {
    const computedKey = '{"server": {"${var.k}": {"enabled": true}}}';
    const nestedComputedKey = '{"a": [{"${var.k}": 1}]}';
    const list = '["${var.a}"]';
    const broken = '{"a": ${var.x}}';
    const encodedList = '${yamlencode(["a"])}';
    const r = effectiveHelmValues({ values: [computedKey, nestedComputedKey, list, broken, encodedList] });
    expect(r).toEqual({ values: {}, unread: [], unknown: [computedKey, nestedComputedKey, list, broken, encodedList] });
  });

  it('skips values that are not strings, and set entries without a name', () => {
    expect(effectiveHelmValues({ values: [5, null, '{"a": 1}'], set: [{ value: 'x' }, { name: 'b', value: 'y' }] })).toEqual({ values: { a: 1, b: 'y' }, unread: [], unknown: [] });
    expect(effectiveHelmValues({ values: 'a: 1' })).toEqual({ values: {}, unread: [], unknown: [] });
  });

  it('lists a set entry with a computed name as unknown, by its name', () => {
    expect(effectiveHelmValues({ set: [{ name: 'a.${var.k}', value: 'x' }] })).toEqual({ values: {}, unread: [], unknown: ['a.${var.k}'] });
  });
});
