import { DefaultTokenResolver, StringConcat, TerraformVariable, Token, Tokenization } from 'cdktf';
import { hclString, parseHclExpression, parsePolicy, policyRuleRisks, renderPolicyHcl } from '../../lib/core/policy-document';
import { testStack } from '../helpers';

// Every branch of the policy parser, the HCL quoting and the risk judgment
// that VaultPolicy and VP-POL-1 share (mutation testing, issue #19): each
// token kind, each escape, each error, at its edges.

const rulesOf = (text: string) => parsePolicy(text).rules;
const errorOf = (text: string) => parsePolicy(text).error;

describe('policy tokenizer', () => {
  it('skips every kind of blank, a BOM and all three comment styles', () => {
    const text = '\ufeff# hash\r\n// slashes\n/* block\n path "x" {} */\tpath\t"a/b"\r\n{ capabilities = ["read"] } # end';
    expect(rulesOf(text)).toEqual([{ path: 'a/b', capabilities: ['read'] }]);
    // A comment running to the end of the text, with no line break after it.
    expect(rulesOf('path "a" { capabilities = ["read"] }\n// last')).toEqual([{ path: 'a', capabilities: ['read'] }]);
    // A single '/' is part of a bare word, not a comment, at its start too.
    expect(rulesOf('path = { a/b = { capabilities = [read] } }')).toEqual([{ path: 'a/b', capabilities: ['read'] }]);
    expect(rulesOf('path = { /kv/a = { capabilities = [read] } }')).toEqual([{ path: 'kv/a', capabilities: ['read'] }]);
    expect(parsePolicy('')).toEqual({ rules: [] });
    expect(parsePolicy('# nothing but a comment')).toEqual({ rules: [] });
  });

  it('reports an unterminated block comment where it starts', () => {
    expect(errorOf('path "a" {} /* never closed */')).toBeUndefined();
    expect(errorOf('path "a" {}\n/* never closed')).toBe('unterminated block comment at offset 12');
    expect(errorOf('/*/')).toBe('unterminated block comment at offset 0');
    expect(rulesOf('/**/path "a" { capabilities = ["read"] }')).toEqual([{ path: 'a', capabilities: ['read'] }]);
  });

  it('reads bare words with every allowed character, dropping a trailing colon', () => {
    expect(rulesOf('path = { a_b.c-d+*/e:f: { capabilities = [read] } }')).toEqual([{ path: 'a_b.c-d+*/e:f', capabilities: ['read'] }]);
    // The colons after a word are punctuation: here a key-value separator, then an unexpected one.
    expect(rulesOf('path = { x: { capabilities = [READ] } }')).toEqual([{ path: 'x', capabilities: ['read'] }]);
    expect(errorOf('path = { x:: = { capabilities = [READ] } }')).toBe('unexpected ":" (token 6)');
  });

  it('reads a bare word longer than 256 characters as one word', () => {
    const long = `kv/${'a'.repeat(300)}`;
    expect(rulesOf(`path = { ${long} = { capabilities = [read] } }`)).toEqual([{ path: long, capabilities: ['read'] }]);
  });

  it('refuses a character no token starts with, naming it and its offset', () => {
    expect(errorOf('path "a" { capabilities = ["read"] } !')).toBe('unexpected character "!" at offset 37');
    expect(errorOf('path "a" { capabilities = [\'read\'] }')).toBe('unexpected character "\'" at offset 27');
  });

  it('decodes every escape of a quoted string', () => {
    const path = rulesOf('path "a\\n\\r\\t\\"\\\\\\a\\b\\f\\v\\u0041\\U0001F600z" { capabilities = ["read"] }')?.[0].path;
    expect(path).toBe('a\n\r\t"\\\x07\b\f\vA\u{1F600}z');
    expect(rulesOf('path "\\u00e9\\uABCD" {}')?.[0].path).toBe('\u00e9\uabcd');
    expect(rulesOf('path "\\U0010FFFF" {}')?.[0].path).toBe('\u{10FFFF}');
  });

  it.each([
    ['"a\\u12G4"', 'bad unicode escape'],
    ['"a\\u12"', 'bad unicode escape'],
    ['"a\\U0001F60"', 'bad unicode escape'],
    ['"a\\U00110000"', 'bad unicode escape'],
    ['"a\\UFFFFFFFF"', 'bad unicode escape'],
    ['"a\\q"', 'unknown escape \\q'],
    ['"a', 'unterminated string'],
    ['"a\nb"', 'line break in a string'],
  ])('refuses the string %p: %s', (str, why) => {
    expect(errorOf(`path ${str} {}`)).toMatch(new RegExp(`^${why.replace(/\\/g, '\\\\')} at offset \\d+$`));
  });

  it('keeps quotes inside an interpolation in a string, as HCL v1 does', () => {
    expect(rulesOf('path "${"}" { capabilities = ["read"] }')?.[0].path).toBe('${"}');
    // A nested object's braces are counted, so its '}' leaves the quote after it inside.
    expect(rulesOf('path "a/${ {} "x" }/b" { capabilities = ["read"] }')?.[0].path).toBe('a/${ {} "x" }/b');
    expect(rulesOf('path "${ {"a"} }" { capabilities = ["read"] }')?.[0].path).toBe('${ {"a"} }');
    expect(rulesOf('path "${x}" { capabilities = ["read"] }')?.[0].path).toBe('${x}');
    // A '}' outside any interpolation is text; '$' alone too.
    expect(rulesOf('path "a}$b" { capabilities = ["read"] }')?.[0].path).toBe('a}$b');
    expect(errorOf('path "${"x" {}')).toBe('unterminated string at offset 14');
  });

  it('reads heredocs, plain and indented', () => {
    expect(rulesOf('path <<EOT\nkv/data/x\nEOT\n{ capabilities = ["read"] }')).toEqual([{ path: 'kv/data/x\n', capabilities: ['read'] }]);
    expect(rulesOf('path <<-EOT\r\nkv/a\r\nkv/b\r\n   EOT  \r\n{ capabilities = ["read"] }')).toEqual([{ path: 'kv/a\nkv/b\n', capabilities: ['read'] }]);
    // Without '-', an indented marker is text, not the end.
    expect(errorOf('path <<EOT\nkv/a\n  EOT\n{}')).toBe('unterminated heredoc at offset 5');
    // A heredoc right after a word; only a line's last carriage return is its line break.
    expect(rulesOf('path x<<EOT\nkv/a\nEOT\n{ capabilities = ["read"] }')).toEqual([{ path: 'x', capabilities: ['read'] }]);
    expect(rulesOf('path <<EOT\na\rb\r\nEOT\n{}')?.[0].path).toBe('a\rb\n');
    // The marker may end the text.
    expect(parsePolicy('x = <<EOT\nv\nEOT')).toEqual({ rules: [] });
    expect(parsePolicy('path "a" { capabilities = <<EOT_2-b\nread\nEOT_2-b\n }')).toEqual({ rules: [{ path: 'a', capabilities: ['read\n'] }] });
  });

  it.each([
    ['path <<EOT {}', 'bad heredoc'],
    ['path <<1EOT\nx\n1EOT\n{}', 'bad heredoc'],
    ['path << EOT\nx\nEOT\n{}', 'bad heredoc'],
    ['path <<EOT\nx\n', 'unterminated heredoc'],
    ['path <<1EOT\nx\n1EOT\nother <<EOT\ny\nEOT\n', 'bad heredoc'],
    ['path < "a" {}', 'unexpected character "<"'],
  ])('refuses the heredoc %p', (text, why) => {
    expect(errorOf(text)).toBe(`${why} at offset 5`);
  });
});

describe('policy parser', () => {
  it('reads the JSON form, refusing text after it', () => {
    expect(rulesOf('{"path": {"/kv/x": {"capabilities": ["read"]}, "kv/y": {"policy": "write"}}}')).toEqual([
      { path: 'kv/x', capabilities: ['read'] },
      { path: 'kv/y', capabilities: ['create', 'read', 'update', 'delete', 'list'] },
    ]);
    expect(errorOf('{"path": {}} x')).toBe('text after the JSON document (token 6)');
    expect(errorOf('{"path": {}}}')).toBe('text after the JSON document (token 6)');
  });

  it('reads HCL whose first token is a "{" that is not punctuation as HCL', () => {
    expect(rulesOf('"{" = 1\npath "a" { capabilities = ["list"] }')).toEqual([{ path: 'a', capabilities: ['list'] }]);
  });

  it.each([
    ['= 1', 'expected a key (token 0)'],
    ['path "a" "b" = 1', 'several keys before "=" (token 3)'],
    ['path "a" ]', 'expected "=" or "{" after "path a" (token 2)'],
    ['path "a"', 'expected "=" or "{" after "path a" (token 2)'],
    ['a =', 'unexpected end (token 3)'],
    ['a = ]', 'unexpected "]" (token 3)'],
    ['a = = 1', 'unexpected "=" (token 3)'],
    ['a = [1 2]', 'expected "]", got "2" (token 5)'],
    ['a = [1,', 'unexpected end (token 6)'],
    ['a = [1 }', 'expected "]", got "}" (token 5)'],
    ['a = [1 "]"', 'expected "]", got "]" (token 5)'],
    ['path "a" { capabilities = ["read"]', 'unexpected end (token 9)'],
    ['path "a" { x = 1 ]', 'expected a key (token 6)'],
  ])('refuses %p: %s', (text, why) => {
    expect(errorOf(text)).toBe(why);
  });

  it('reads a quoted key that looks like a closing brace as a key', () => {
    expect(rulesOf('path "a" { "}" = "x"\n capabilities = ["read"] }')).toEqual([{ path: 'a', capabilities: ['read'] }]);
  });

  it('reads lists with and without a trailing comma, nested lists and objects as values', () => {
    expect(rulesOf('path "a" { capabilities = ["read", ["list"],] }')).toEqual([{ path: 'a', capabilities: ['read', 'list'] }]);
    expect(rulesOf('path "a" { capabilities = [] }')).toEqual([{ path: 'a', capabilities: [] }]);
    expect(rulesOf('path "a" { capabilities = {x = "read"} }')).toEqual([{ path: 'a', capabilities: [] }]);
    expect(rulesOf('path "a" { capabilities = "read" }')).toEqual([{ path: 'a', capabilities: ['read'] }]);
    expect(rulesOf('path = [{ "a" = { capabilities = ["read"] } }, { "b" = { capabilities = ["list"] } }]')).toEqual([
      { path: 'a', capabilities: ['read'] },
      { path: 'b', capabilities: ['list'] },
    ]);
  });

  it('matches keys in any case, lowercases capabilities and maps every old-style policy', () => {
    expect(rulesOf('Path "a" { Capabilities = ["READ", "List"] }')).toEqual([{ path: 'a', capabilities: ['read', 'list'] }]);
    expect(rulesOf('path "a" { POLICY = "DENY" }')).toEqual([{ path: 'a', capabilities: ['deny'] }]);
    expect(rulesOf('path "a" { policy = "read" }')).toEqual([{ path: 'a', capabilities: ['read', 'list'] }]);
    expect(rulesOf('path "a" { policy = "sudo" }')).toEqual([{ path: 'a', capabilities: ['create', 'read', 'update', 'delete', 'list', 'sudo'] }]);
    expect(rulesOf('path "a" { policy = "other" }')).toEqual([{ path: 'a', capabilities: [] }]);
  });

  it('ignores what is not a path block, and a path item without a block', () => {
    expect(rulesOf('name = "x"\nother "b" { capabilities = ["read"] }\npath "a" { capabilities = ["read"] }')).toEqual([{ path: 'a', capabilities: ['read'] }]);
    expect(rulesOf('path "a" { capabilities = ["read"]\n denied_parameters = { "x" = [] }\n required_parameters = ["y"] }')).toEqual([{ path: 'a', capabilities: ['read'] }]);
    expect(rulesOf('path = "a"')).toEqual([]);
  });

  it('strips leading slashes, as Vault does, and merges the paths that then coincide', () => {
    expect(rulesOf('path "//a" { capabilities = ["read"] }\npath "a" { capabilities = ["list"] }')).toEqual([{ path: 'a', capabilities: ['read', 'list'] }]);
  });

  it('nests the keys of a path item written with several keys', () => {
    expect(rulesOf('path { "a" "allowed_parameters" { "k" = ["v"] } }')).toEqual([{ path: 'a', capabilities: [], allowedParameters: { k: ['v'] } }]);
  });

  it('reads allowed_parameters, merging repeated blocks and paths', () => {
    const text = 'path "a" {\n  allowed_parameters = { "k" = ["x"], "*" = [] }\n  Allowed_Parameters { "k" = ["y", "z"] }\n}\npath "a" { allowed_parameters = { "j" = "v" } }';
    expect(rulesOf(text)).toEqual([{ path: 'a', capabilities: [], allowedParameters: { k: ['x', 'y', 'z'], '*': [], j: ['v'] } }]);
    // `allowed_parameters "k" { ... }`: the name is the second key.
    expect(rulesOf('path "a" { allowed_parameters "k" { x = ["v"] } }')?.[0].allowedParameters).toEqual({ k: ['v'] });
    expect(rulesOf('path "a" { capabilities = ["read"] }')?.[0]).not.toHaveProperty('allowedParameters');
  });
});

describe('HCL expressions', () => {
  it('reads literals, lists, objects and references', () => {
    expect(parseHclExpression('{"a" = {"b" = true}, "c" = [1, "x"], d = false, e = null, f = -1.5e+3, g = var.v}'))
      .toEqual({ a: { b: true }, c: [1, 'x'], d: false, e: null, f: -1500, g: '${var.v}' });
    expect(parseHclExpression('2')).toBe(2);
    expect(parseHclExpression('12')).toBe(12);
    expect(parseHclExpression('-12.5e10')).toBe(-12.5e10);
    expect(parseHclExpression('"\\UFFFFFFFF"')).toBeUndefined();
    expect(parseHclExpression('0.25')).toBe(0.25);
    expect(parseHclExpression('1E2')).toBe(100);
    expect(parseHclExpression('1e-2')).toBe(0.01);
    expect(parseHclExpression('"s"')).toBe('s');
    expect(parseHclExpression('True')).toBe('${True}');
    expect(parseHclExpression('1.')).toBe('${1.}');
    expect(parseHclExpression('1x')).toBe('${1x}');
    expect(parseHclExpression('x1')).toBe('${x1}');
    expect(parseHclExpression('{a "b" {c = 1}}')).toEqual({ a: { b: { c: 1 } } });
  });

  it('is undefined for text that is not one expression', () => {
    expect(parseHclExpression('1 2')).toBeUndefined();
    expect(parseHclExpression('[1')).toBeUndefined();
    expect(parseHclExpression('"open')).toBeUndefined();
    expect(parseHclExpression('')).toBeUndefined();
  });
});

describe('hclString', () => {
  it('escapes quotes, backslashes, line breaks, control characters and ${', () => {
    expect(hclString('a"b\\c\nd\re\tf')).toBe('"a\\"b\\\\c\\nd\\re\\tf"');
    expect(hclString('\x00\x01\x1f\x7f\x20~')).toBe('"\\u0000\\u0001\\u001f\\u007f ~"');
    expect(hclString('${x} $ { {y} $${z}')).toBe('"$\\u007bx} $ { {y} $$\\u007bz}"');
    expect(hclString('é😀\x80')).toBe('"é😀\x80"');
    expect(hclString('')).toBe('""');
  });

  it('has Terraform quote a value known only at apply time', () => {
    const s = testStack();
    const v = new TerraformVariable(s, 'v', { type: 'string' }).stringValue;
    const quoted = hclString(v);
    expect(Token.isUnresolved(quoted)).toBe(true);
    expect(Tokenization.resolve(quoted, { scope: s, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) })).toBe('${jsonencode(var.v)}');
  });

  it('reads back through the parser as the text it quoted', () => {
    for (const text of ['a"b', 'x\\y', 'l1\nl2\r', '\x01\x7f', '${x}', 'tab\there', '{$}$']) {
      expect(rulesOf(`path ${hclString(text)} {}`)?.[0].path).toBe(text);
    }
  });
});

describe('policy rendering', () => {
  it('renders comments, capabilities and allowed parameters exactly', () => {
    expect(renderPolicyHcl([
      { path: 'kv/data/a', capabilities: ['read', 'list'], comment: 'one\r\ntwo\rthree\nfour' },
      { path: 'kv/data/b', capabilities: ['update'], allowedParameters: { k: ['x', 'y'], '*': [] } },
      { path: 'kv/data/c', capabilities: [], allowedParameters: {}, comment: '' },
    ])).toBe([
      '# one\n# two\n# three\n# four\npath "kv/data/a" {\n  capabilities = ["read", "list"]\n}\n',
      'path "kv/data/b" {\n  capabilities = ["update"]\n  allowed_parameters = {\n    "k" = ["x", "y"]\n    "*" = []\n  }\n}\n',
      'path "kv/data/c" {\n  capabilities = []\n  allowed_parameters = {\n  }\n}\n',
    ].join('\n'));
    expect(renderPolicyHcl([])).toBe('');
  });

  it('has Terraform encode a capability or value list known only at apply time', () => {
    const s = testStack();
    const caps = new TerraformVariable(s, 'caps', { type: 'list(string)' }).listValue;
    const values = new TerraformVariable(s, 'values', { type: 'list(string)' }).listValue;
    expect(Tokenization.resolve(renderPolicyHcl([{ path: 'a', capabilities: caps, allowedParameters: { k: values, j: ['x'] } }]), { scope: s, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }))
      .toBe('path "a" {\n  capabilities = ${jsonencode(var.caps)}\n  allowed_parameters = {\n    "k" = ${jsonencode(var.values)}\n    "j" = ["x"]\n  }\n}\n');
  });
});

describe('policy rule risks', () => {
  const kinds = (path: string, ...capabilities: string[]) => policyRuleRisks({ path, capabilities }).map((r) => r.kind);

  it('finds nothing in a rule that denies, whatever its path or other capabilities', () => {
    expect(kinds('*', 'deny')).toEqual([]);
    expect(kinds('*', 'DENY')).toEqual([]);
    // Vault's parser keeps only deny when a rule lists it: these grant nothing.
    expect(kinds('*', 'deny', 'read')).toEqual([]);
    expect(kinds('sys/policies/acl/*', 'sudo', 'update', 'deny')).toEqual([]);
    expect(kinds('sys/policies/acl/*', 'sudo', 'update')).toEqual(['sudo', 'root-equivalent']);
  });

  it('judges the first segment: empty, a glob or a segment wildcard reach every mount', () => {
    expect(kinds('*', 'read')).toEqual(['mount-wide']);
    expect(kinds('pki*', 'read')).toEqual(['mount-wide']);
    expect(kinds('+/creds', 'read')).toEqual(['mount-wide']);
    expect(kinds('/', 'read')).toEqual(['mount-wide']);
    expect(kinds('', 'read')).toEqual(['mount-wide']);
    expect(kinds('//kv/data/x', 'read')).toEqual([]);
    expect(kinds('kv/*', 'read')).toEqual([]);
    expect(kinds('kv/+/x', 'read')).toEqual([]);
  });

  it('names the path and the capabilities in each message', () => {
    expect(policyRuleRisks({ path: '*', capabilities: ['SUDO', 'Update', 'read', 'create', 'patch'] })).toEqual([
      { kind: 'mount-wide', message: 'has path "*"' },
      { kind: 'sudo', message: 'grants sudo on "*"' },
      { kind: 'root-equivalent', message: 'grants update, create, patch on "*", which reaches sys/policies/acl/*: a token that can write there can grant itself anything (root-equivalent)' },
    ]);
    expect(policyRuleRisks({ path: 'sys/mounts/kv', capabilities: ['create', 'update'] })).toEqual([
      { kind: 'privileged-write', message: 'grants create, update on "sys/mounts/kv", Vault\'s own configuration' },
    ]);
    expect(policyRuleRisks({ path: '/sys/mounts', capabilities: ['patch'] })).toEqual([
      { kind: 'privileged-write', message: 'grants patch on "/sys/mounts", Vault\'s own configuration' },
    ]);
    expect(policyRuleRisks({ path: 'kv/data/x', capabilities: ['sudo', 'delete', 'read'] })).toEqual([{ kind: 'sudo', message: 'grants sudo on "kv/data/x"' }]);
  });

  it('judges only create, update and patch as writes', () => {
    for (const c of ['create', 'update', 'patch']) expect(kinds('sys/auth/x', c)).toEqual(['root-equivalent']);
    for (const c of ['read', 'list', 'delete', 'subscribe', 'recover']) expect(kinds('sys/auth/x', c)).toEqual([]);
  });

  it('reaches each root-equivalent prefix, and its exact path without the slash', () => {
    for (const p of ['sys/policies/acl/x', 'sys/policy/x', 'sys/policies/password/x', 'sys/auth/jwt', 'auth/token/roles/r', 'identity/group/g', 'identity/entity/e', 'sys/raw/x']) {
      expect(kinds(p, 'update')).toEqual(['root-equivalent']);
    }
    for (const p of ['sys/policies', 'sys/policy', 'sys/auth', 'sys/raw', 'identity/group', 'auth/token/roles']) expect(kinds(p, 'update')).toEqual(['root-equivalent']);
    expect(kinds('sys/auth*', 'update')).toEqual(['root-equivalent']);
    expect(kinds('identity/+', 'update')).toEqual(['root-equivalent']);
    expect(kinds('sys/authx', 'update')).toEqual(['privileged-write']);
    expect(kinds('identity/oidc/key/k', 'update')).toEqual(['privileged-write']);
    expect(kinds('auth/token/create', 'update')).toEqual(['privileged-write']);
    expect(kinds('kv/sys/auth/x', 'update')).toEqual([]);
    expect(kinds('system/x', 'update')).toEqual([]);
  });

  it('lets a token write the endpoints it needs for itself', () => {
    for (const p of ['sys/leases/renew', 'sys/leases/revoke/azure/creds/x/lease', 'sys/leases/lookup', 'sys/renew', 'sys/revoke/abc',
      'auth/token/renew-self', 'auth/token/revoke-self', 'auth/token/lookup-self', 'sys/wrapping/unwrap', 'sys/wrapping/lookup',
      'sys/capabilities-self', 'sys/tools/random', 'sys/tools/', 'auth/kubernetes/login', 'auth/jwt/login/', 'auth/oidc/login/x']) {
      expect([p, kinds(p, 'update')]).toEqual([p, []]);
    }
  });

  it('does not take a look-alike or a glob over many leases for self-service', () => {
    expect(kinds('sys/auth/x/login', 'update')).toEqual(['root-equivalent']);
    expect(kinds('sys/leases/revoke/sys/renew*', 'update')).toEqual([]);
    for (const p of ['sys/leases/renewx', 'sys/renewal', 'auth/token/renew-selfish', 'sys/tools', 'sys/toolsx']) {
      expect([p, kinds(p, 'update')]).toEqual([p, ['privileged-write']]);
    }
    for (const p of ['sys/leases/revoke/*', 'sys/leases/revoke/+/x', 'sys/revoke/*', 'sys/renew+', 'sys/leases/renew/*', 'sys/revoke*', 'sys/leases/revoke*']) {
      expect([p, kinds(p, 'update')]).toEqual([p, ['privileged-write']]);
    }
    for (const p of ['auth/*/login', 'auth/+/login', 'auth/x/login/*', 'auth/x/login/+', 'auth/login', 'auth/x/y/login2', 'xauth/x/login']) {
      expect([p, kinds(p, 'update')]).toEqual([p, p === 'xauth/x/login' ? [] : ['privileged-write']]);
    }
  });
});
