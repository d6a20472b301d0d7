import { encodedValue } from '../../../lib/checks/private/expression';
import { chartName, effectiveHelmValues, isOn } from '../../../lib/checks/private/helm';
import { formatDuration as formatSeconds, holdsTerraformExpression as isUnresolved, ONE_DAY_SECONDS, parseGoDuration, parseVaultDuration, TWO_YEARS_SECONDS } from '../../../lib/core';
import { carriesSecret, interpolations, SECRET_KEY_NAME, SECRET_LITERAL, SECRET_REFERENCE } from '../../../lib/checks/private/secrets';
import { APPLY_TIME, readTemplate, shownTemplate } from '../../../lib/checks/private/template';
import { terraformBool } from '../../../lib/checks/private/terraform-values';
import { dig, helmValues } from '../../../lib/checks/private/values';

// The readers every rule relies on, at their edges (mutation testing, #19):
// how durations, Helm values and secret material are recognised.

describe('durations as the pack reads them', () => {
  it('knows its two limits', () => {
    expect(ONE_DAY_SECONDS).toBe(86400);
    expect(TWO_YEARS_SECONDS).toBe(63072000);
  });

  it.each([['1000ns', 1e-6], ['1000us', 1e-3], ['1000\u00b5s', 1e-3], ['1000\u03bcs', 1e-3], ['1000ms', 1], ['1s', 1], ['1m', 60], ['1h', 3600], ['1.h', 3600], ['-0', 0], ['+0', 0]])(
    'reads the Go duration %p as %p seconds', (text, seconds) => {
      expect(parseGoDuration(text)).toBeCloseTo(seconds, 12);
    });

  it.each(['-', '+', 'x1h', '1hx', '1h-1m', '--1h', '1', ' 1h', '.h', '1..5h'])('refuses the Go duration %p', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });

  it('starts every parse afresh', () => {
    expect(parseGoDuration('1h2m')).toBe(3720);
    expect(parseGoDuration('30m')).toBe(1800);
    expect(parseGoDuration('1h')).toBe(3600);
    expect(parseGoDuration('1hx')).toBeUndefined();
    expect(parseGoDuration('2s')).toBe(2);
  });

  it.each<[string | number, number]>([
    [0, 0], [-5, -5], [1.5, 1.5], ['10', 10], ['-10', -10], [' 24h ', 86400], ['0d', 0], ['-2d', -172800], ['1h', 3600], ['90s', 90],
  ])('reads %p as Vault does', (value, seconds) => {
    expect(parseVaultDuration(value)).toBe(seconds);
  });

  it.each<string | number>([Number.POSITIVE_INFINITY, Number.NaN, 'd', 'x10', '10x', 'x2d', '2dx', '2 d', '1.5d', '', '-'])('refuses %p', (value) => {
    expect(parseVaultDuration(value)).toBeUndefined();
  });

  it.each([[1, '1s'], [60, '1m'], [3600, '1h'], [3661, '1h1m1s'], [0.5, '0.5s'], [-3600, '-1h'], [-90, '-1m30s'], [63072001, '17520h1s'], [1e-9, '1e-9s']])(
    'formats %p seconds as %p', (seconds, text) => {
      expect(formatSeconds(seconds)).toBe(text);
    });
});

describe('Helm values as the pack reads them', () => {
  it('reads JSON and YAML 1.1 documents, and keeps only objects', () => {
    expect(helmValues({ values: ['{"a":1}', 'b: yes\nc: on\nd: off\n', '[1, 2]', 'null', '42', 7] })).toEqual([{ a: 1 }, { b: true, c: true, d: false }]);
    expect(helmValues({ values: 'a: 1' })).toEqual([]);
    expect(helmValues({})).toEqual([]);
  });

  it('keeps a document it cannot parse as text', () => {
    expect(helmValues({ values: ['a: [1\n'] })).toEqual([{ __text: 'a: [1\n' }]);
  });

  it('applies set entries over documents, typed as Helm types them', () => {
    const { values } = effectiveHelmValues({
      values: ['{"a":{"keep":1,"drop":2,"scalar":3}}'],
      set: [
        { name: 'a.drop', value: 'null' },
        { name: 'a.scalar.deep', value: 'x' },
        { name: 'b', value: 'True' },
        { name: 'c', value: 'FALSE' },
        { name: 'd', value: '0' },
        { name: 'e', value: '-12' },
        { name: 'f', value: '+7' },
        { name: 'g', value: '007' },
        { name: 'h', value: '1.5' },
        { name: 'i', value: '5x' },
        { name: 'j', value: 'true', type: 'string' },
        { name: 'k', value: 3 },
        { name: 'list[1]', value: 'x' },
        { name: 'nested[0].name', value: 'n' },
        { name: 'esc\\.aped\\', value: 'y' },
        { name: '.dots..around.', value: 'z' },
      ],
      set_list: [{ name: 'l', value: ['p', 'q'] }, { name: 'm', value: 'not a list' }],
    });
    expect(values).toEqual({
      a: { keep: 1, scalar: { deep: 'x' } },
      b: true, c: false, d: 0, e: -12, f: 7, g: '007', h: '1.5', i: '5x', j: 'true', k: 3,
      list: [undefined, 'x'],
      nested: [{ name: 'n' }],
      'esc.aped\\': 'y',
      dots: { around: 'z' },
      l: ['p', 'q'],
      m: [],
    });
  });

  it('skips set entries it cannot place', () => {
    const { values } = effectiveHelmValues({
      set: [null, { value: 'x' }, { name: 5, value: 'x' }, { name: '', value: 'x' }, { name: 'a[x]', value: '1' }, { name: 'b[1', value: '1' }, { name: '${var.k}', value: '1' }],
      set_sensitive: 'not a list',
    });
    expect(values).toEqual({});
  });

  it('lets a null in a later document or set remove a key, and a later object replace a scalar', () => {
    expect(effectiveHelmValues({ values: ['{"a":{"b":1},"c":2,"d":3}', '{"a":null,"c":{"e":4}}'], set: [{ name: 'd', value: 'null' }] }).values).toEqual({ c: { e: 4 } });
  });

  it('replaces a null list element when a later key goes below it', () => {
    expect(effectiveHelmValues({ set: [{ name: 'l[0]', value: 'null' }, { name: 'l[0].x', value: '1' }] }).values).toEqual({ l: [{ x: 1 }] });
  });

  it('sets a list element to null rather than removing it', () => {
    expect(effectiveHelmValues({ set: [{ name: 'l[0]', value: 'null' }] }).values).toEqual({ l: [null] });
  });

  it('reads a parsed document with a __text key as values, not as unread text', () => {
    expect(effectiveHelmValues({ values: ['{"__text":"x","a":1}'] })).toEqual({ values: { __text: 'x', a: 1 }, unread: [], unknown: [] });
  });
});

describe('secret material', () => {
  it.each([
    'azuread_application_password.app.value',
    'azuread_service_principal_password.sp.value',
    'azurerm_key_vault_secret.db.value',
    'data.azurerm_key_vault_secret.db.value',
    'data.azurerm_key_vault_certificate_data.tls.key',
    'random_password.pw.result',
    'kubernetes_secret.s.data',
    'kubernetes_secret_v1.s.binary_data',
    'data.kubernetes_secret_v1.s.data',
    'vault_generic_secret.s.data',
    'vault_generic_secret.s.data_json',
    'vault_kv_secret.s.data',
    'vault_kv_secret_v2.s.data_json',
    'data.vault_kv_secret_v2.s.data',
    'azuread_application_password.app-1.value',
    'x.y.client_secret',
    'vault_token.t.client_token',
    'vault_kubernetes_secret_backend_role.r.service_account_token',
    'tls_private_key.k.private_key_pem',
    'tls_private_key.k.private_key_openssh',
    'tls_private_key.k.private_key',
    'x.y.password',
    'vault_approle_auth_backend_role_secret_id.s.secret_id',
    'vault_kubernetes_auth_backend_config.c.token_reviewer_jwt',
  ])('sees %p in an interpolation, and nested in a function call', (ref) => {
    expect(carriesSecret(`\${${ref}}`)).toBe(true);
    expect(carriesSecret(`prefix \${${ref}} suffix`)).toBe(true);
    expect(carriesSecret(`\${jsonencode({ a = { b = ${ref} } })}`)).toBe(true);
    expect(SECRET_REFERENCE.test(`\${${ref}}`)).toBe(true);
  });

  it.each([
    'azuread_application_password.app.key_id',
    'azurerm_key_vault_secret.db.id',
    'azurerm_key_vault_certificate_data.tls.pem',
    'random_password.pw.id',
    'kubernetes_secret_v1.s.metadata',
    'vault_kv_secret_v2.s.path',
    'x.y.password_hash',
    'x.y.passwords',
    'x.y.client_secret_id',
    'vault_token.t.client_token_accessor',
    'x.y.secret_ids',
    'myrandom_password.pw.result',
  ])('does not see secret material in %p', (ref) => {
    expect(carriesSecret(`\${${ref}}`)).toBe(false);
  });

  it('finds a reference only inside an interpolation, and only to secret material', () => {
    expect(SECRET_REFERENCE.test('${x.y.id}')).toBe(false);
    expect(SECRET_REFERENCE.test('x.y.password')).toBe(false);
    expect(SECRET_REFERENCE.test('${x.y.id} and ${vault_token.t.client_token}')).toBe(true);
  });

  it('looks only inside interpolations for references', () => {
    expect(carriesSecret('x.y.password and random_password.pw.result')).toBe(false);
    expect(carriesSecret('${x.y.id} then x.y.password')).toBe(false);
    expect(carriesSecret('${x.y.id} then ${x.y.password}')).toBe(true);
  });

  it('splits interpolations, nested braces included', () => {
    expect(interpolations('a ${x.y} b ${f({c = 1})} c ${unclosed')).toEqual(['x.y', 'f({c = 1})', 'unclosed']);
    expect(interpolations('no interpolation {here}')).toEqual([]);
  });

  it.each([
    '-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----', '-----BEGIN EC PRIVATE KEY-----', '-----BEGIN OPENSSH PRIVATE KEY-----',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ2YXVsdCJ9.c2ln', 'Bearer eyJ12345678.eyJ12345678.x',
  ])('sees the literal %p as secret material', (text) => {
    expect(SECRET_LITERAL.test(text)).toBe(true);
    expect(carriesSecret(text)).toBe(true);
  });

  it.each(['-----BEGIN PUBLIC KEY-----', '-----BEGIN CERTIFICATE-----', 'eyJ1234567.eyJ12345678.x', 'eyJ12345678.eyJ1234567.x', 'eyJ12345678.eyJ12345678.', 'xeyJ12345678.eyJ12345678.x'])(
    'does not take %p for secret material', (text) => {
      expect(SECRET_LITERAL.test(text)).toBe(false);
    });

  it.each(['password', 'db_password', 'db.password', 'db-password', 'password_file', 'passwd', 'secret', 'client_secret', 'clientSecret', 'CLIENT_SECRET',
    'token', 'vault.token', 'private_key', 'privateKey', 'Private-Key', 'api_key', 'apiKey', 'API_KEY', 'API-KEY', 'api-key', 'CLIENT-SECRET'])('takes the key %p for a secret', (key) => {
    expect(SECRET_KEY_NAME.test(key)).toBe(true);
  });

  it.each(['passwords', 'mytoken', 'tokenizer', 'secretName', 'keys', 'apikeys', 'api--key', 'api key', 'client secret', 'private key', 'username', 'dbpassword'])('does not take the key %p for a secret', (key) => {
    expect(SECRET_KEY_NAME.test(key)).toBe(false);
  });
});

describe('small readers', () => {
  it('tells apply-time values from literals', () => {
    expect(isUnresolved('${var.x}')).toBe(true);
    expect(isUnresolved('a ${b} c')).toBe(true);
    expect(isUnresolved('$ {x}')).toBe(false);
    expect(isUnresolved('{x}')).toBe(false);
    expect(isUnresolved(5)).toBe(false);
    expect(isUnresolved(undefined)).toBe(false);
  });

  it('digs through objects and arrays, and stops at anything else', () => {
    expect(dig({ a: { b: [{ c: 1 }] } }, 'a', 'b', '0', 'c')).toBe(1);
    expect(dig({ a: 'text' }, 'a', 'length')).toBeUndefined();
    expect(dig({ a: null }, 'a', 'b')).toBeUndefined();
    expect(dig(undefined, 'a')).toBeUndefined();
    expect(dig({ a: 1 })).toEqual({ a: 1 });
  });
});

describe('Terraform text as the pack reads it', () => {
  it('reads escaped markers as the text they stand for, and real interpolations and directives as apply-time values', () => {
    expect(readTemplate('path "kv/$${identity.entity.id}/*" %%{x}')).toEqual({ known: 'path "kv/${identity.entity.id}/*" %{x}', expressions: [] });
    expect(readTemplate('a ${var.x} b')).toEqual({ known: `a ${APPLY_TIME} b`, expressions: ['var.x'] });
    expect(readTemplate('${jsonencode({a = {b = 1}})}!')).toEqual({ known: `${APPLY_TIME}!`, expressions: ['jsonencode({a = {b = 1}})'] });
    expect(readTemplate('%{ if var.on }on%{ endif }')).toEqual({ known: `${APPLY_TIME}on${APPLY_TIME}`, expressions: [] });
    expect(readTemplate('x ${var.unclosed')).toEqual({ known: `x ${APPLY_TIME}`, expressions: ['var.unclosed'] });
    expect(readTemplate('$ {a} % {b} $x{ %')).toEqual({ known: '$ {a} % {b} $x{ %', expressions: [] });
    expect(readTemplate('$${a} ${b}')).toEqual({ known: `\${a} ${APPLY_TIME}`, expressions: ['b'] });
    expect(APPLY_TIME).toMatch(/^[a-z_]+$/);
  });

  it('shows each apply-time part of text it read as ${...} in a message', () => {
    expect(shownTemplate(readTemplate('sys/${var.a}/x/${var.b}')!.known)).toBe('sys/${...}/x/${...}');
    expect(shownTemplate('sys/raw')).toBe('sys/raw');
  });

  it('reads nothing from a value that is not a string', () => {
    expect(readTemplate(5)).toBeUndefined();
    expect(readTemplate(undefined)).toBeUndefined();
  });

  it('reads a literal yamlencode or jsonencode, and nothing else', () => {
    expect(encodedValue('${yamlencode({"a" = 1})}')).toEqual({ a: 1 });
    expect(encodedValue('${ jsonencode( {"a" = [true]} ) }')).toEqual({ a: [true] });
    expect(encodedValue('${yamlencode({\n  "a" = 1\n})}')).toEqual({ a: 1 });
    expect(encodedValue('x${yamlencode({"a" = 1})}')).toBeUndefined();
    expect(encodedValue('${yamlencode({"a" = 1})}x')).toBeUndefined();
    expect(encodedValue('${file("values.yaml")}')).toBeUndefined();
    expect(encodedValue('${tomlencode({"a" = 1})}')).toBeUndefined();
  });

  it('reads a bool as Terraform converts one', () => {
    expect([true, 'true', false, 'false', 'TRUE', 'False', 1, 0, '1', null, undefined, '${var.on}'].map(terraformBool))
      .toEqual([true, true, false, false, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('reads a chart value as on only when its text is true', () => {
    expect([true, 'true', 'True', 1, 'yes', false, undefined].map(isOn)).toEqual([true, true, false, false, false, false, false]);
  });

  it('names the chart of a helm_release however it is written, and nothing for an expression', () => {
    expect([
      'Vault', ' hashicorp/vault ', 'oci://r.example.com/hashicorp/vault@sha256:0123abcd', 'vault:0.28.0', 'charts/vault-0.28.0.tgz',
      'vault-0.28.0.tar.gz', 'vault-v1.2.3-rc.1+build', 'https://x.example.com/vault-0.28.0.tgz#frag', 'charts/vault/', 'vault-operator', 'vault-1.2',
    ].map(chartName)).toEqual(['vault', 'vault', 'vault', 'vault', 'vault', 'vault', 'vault', 'vault', 'vault', 'vault-operator', 'vault-1.2']);
    expect(chartName('${var.chart}')).toBeUndefined();
    expect(chartName(5)).toBeUndefined();
  });
});

describe('readers at their edges (issue #19, private/ survivors)', () => {
  it('names a chart written with trailing slashes or multi-digit versions', () => {
    expect(['charts/vault//', 'vault-10.2.3', 'vault-0.28.10'].map(chartName)).toEqual(['vault', 'vault', 'vault']);
  });

  it('splits an interpolation that follows a brace, and reads doubled letters and lone $$ as text', () => {
    expect(interpolations('{${a}}')).toEqual(['a']);
    expect(readTemplate('aa{b}')).toEqual({ known: 'aa{b}', expressions: [] });
    expect(readTemplate('$$x')).toEqual({ known: '$$x', expressions: [] });
    expect(readTemplate('{${a}} b')).toEqual({ known: `{${APPLY_TIME}} b`, expressions: ['a'] });
  });

  it('merges nested objects key by key, and sets lists of lists', () => {
    expect(effectiveHelmValues({ values: ['{"a": {"x": 1}}', '{"a": {"y": 2}}'] }).values).toEqual({ a: { x: 1, y: 2 } });
    expect(effectiveHelmValues({ set: [{ name: 'm[0][1]', value: 'v' }] }).values).toEqual({ m: [[undefined, 'v']] });
  });

  it('lists a yamlencode of a scalar, and JSON with any computed key among literal ones, as unknown', () => {
    const docs = ['${yamlencode("x")}', '{"a": [1, {"${var.k}": 1}]}', '{"b": {"x": 1, "${var.k}": 2}}'];
    expect(effectiveHelmValues({ values: docs })).toEqual({ values: {}, unread: [], unknown: docs });
  });
});

describe('readers skip what is not theirs to read (issue #19, private/ survivors)', () => {
  it('reads only string values documents, whatever else an override put in the list', () => {
    expect(helmValues({ values: [{ server: { dev: { enabled: true } } }, 5, null, 'a: 1'] })).toEqual([{ a: 1 }]);
  });

  it("never joins a lone $ and a brace around an escaped $${ into an interpolation", () => {
    // '$' + '$${' + '{': Terraform reads the literal text '$${{'.
    expect(readTemplate('$$${{')).toEqual({ known: '$${{', expressions: [] });
    expect(readTemplate('a $$${{x}} b')).toEqual({ known: 'a $${{x}} b', expressions: [] });
  });

  it('parses an expression document as JSON only when it is written as an object', () => {
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const docs = ['${file("values.yaml")}', ' ${var.values}'];
      expect(effectiveHelmValues({ values: docs })).toEqual({ values: {}, unread: [], unknown: docs });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});
