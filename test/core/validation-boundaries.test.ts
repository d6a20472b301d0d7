import { TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  formatDuration, isDnsLabel, isDnsSubdomain, isUrl, isUuid, literalSeconds, parseDuration, parseUnsignedGoDuration as parseGoDurationSeconds, parseVaultDuration,
  PropValidator, toSeconds, toSecondsString,
} from '../../lib/core';
import { testStack } from '../helpers';

// Every pattern of lib/core/validation.ts and duration.ts at both anchors and at its
// boundaries, and every PropValidator method's message and skip rules: the
// judgments other constructs build on (mutation testing, issue #19).

/** The message PropValidator throws, or '' when it does not throw. */
function problemsOf(build: (v: PropValidator) => void, context?: string): string {
  const v = new PropValidator(testStack(), 'Thing', context);
  build(v);
  try {
    v.throwIfInvalid();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('isUuid', () => {
  const uuid = '0123abcd-4567-89ef-aBcD-0123456789ab';
  it('accepts a UUID in either case', () => {
    expect(isUuid(uuid)).toBe(true);
    expect(isUuid(uuid.toUpperCase())).toBe(true);
  });
  it.each([
    ['text before it (start anchor)', `x${uuid}`],
    ['text after it (end anchor)', `${uuid}x`],
    ['a short first group', uuid.slice(1)],
    ['a long last group', `${uuid}0`],
    ['a short second group', '0123abcd-456-89ef-abcd-0123456789ab'],
    ['a short third group', '0123abcd-4567-89e-abcd-0123456789ab'],
    ['a short fourth group', '0123abcd-4567-89ef-abc-0123456789ab'],
    ['a long middle group', '0123abcd-45678-89ef-abcd-0123456789ab'],
    ['a non-hex letter', '0123abcg-4567-89ef-abcd-0123456789ab'],
    ['no dashes', '0123abcd456789efabcd0123456789ab'],
    ['a line break after it', `${uuid}\n`],
  ])('rejects %s', (_what, value) => {
    expect(isUuid(value)).toBe(false);
  });
});

describe('isDnsLabel', () => {
  it.each(['a', '0', 'ab', 'a-b', 'a--b', 'cert-manager', '9lives', 'a'.repeat(63)])('accepts %p', (value) => {
    expect(isDnsLabel(value)).toBe(true);
  });
  it.each([
    ['-a', 'a leading hyphen (start anchor)'],
    ['a-', 'a trailing hyphen (end anchor)'],
    ['A', 'a capital'],
    ['a_b', 'an underscore'],
    ['a.b', 'a dot'],
    ['', 'nothing'],
    ['a'.repeat(64), '64 characters'],
    ['a\n', 'a line break'],
  ])('rejects %p (%s)', (value) => {
    expect(isDnsLabel(value)).toBe(false);
  });
});

describe('isDnsSubdomain', () => {
  const at253 = `${'a.'.repeat(126)}a`;
  it.each(['a', 'kube-root-ca.crt', 'a.b.c', at253])('accepts %p', (value) => {
    expect(isDnsSubdomain(value)).toBe(true);
  });
  it.each([
    [`${at253}a`, '254 characters'],
    ['a..b', 'an empty label between two good ones'],
    ['.a', 'a leading dot'],
    ['a.', 'a trailing dot'],
    ['a.B', 'a capital in a later label'],
    ['a.-b', 'a label starting with a hyphen'],
  ])('rejects %p (%s)', (value) => {
    expect(isDnsSubdomain(value)).toBe(false);
  });
});

describe('isUrl', () => {
  it('accepts a URL with an allowed scheme and a host', () => {
    expect(isUrl('https://vault:8200', ['https'])).toBe(true);
    expect(isUrl('http://vault:8200', ['http', 'https'])).toBe(true);
  });
  it('rejects another scheme, input that does not parse, and a URL without a host', () => {
    expect(isUrl('http://vault:8200', ['https'])).toBe(false);
    expect(isUrl('not a url', ['https'])).toBe(false);
    expect(isUrl('https://', ['https'])).toBe(false);
    expect(isUrl('', ['https'])).toBe(false);
    // Parses, scheme allowed, but no host.
    expect(isUrl('file:///etc/passwd', ['file'])).toBe(false);
    expect(isUrl('vault:8200', ['vault'])).toBe(false);
  });
  it('reads the scheme without its colon, and only the scheme', () => {
    expect(isUrl('https://vault', ['https:'])).toBe(false);
    expect(isUrl('https://vault', ['http'])).toBe(false);
  });
});

describe('parseDuration', () => {
  it.each([
    ['0', 0], ['90', 90], [0, 0], [3600, 3600], ['45s', 45], ['15m', 900], ['1h', 3600], ['12h', 43200],
    ['1h30m', 5400], ['1h30m15s', 5415], ['1m1s', 61], ['1h1s', 3601], ['10m30s', 630],
  ])('reads %p as %p seconds', (value, seconds) => {
    expect(parseDuration(value)).toBe(seconds);
  });
  it.each([
    [''], ['x90'], ['90x'], ['x1h'], ['1hx'], ['1h 30m'], ['h'], ['1d'], ['-5m'], ['1.5h'], ['1m1h'], [-1], [1.5], [Number.NaN],
  ])('rejects %p', (value) => {
    expect(parseDuration(value)).toBeUndefined();
  });
});

describe('parseGoDurationSeconds', () => {
  it.each([
    ['0', 0], ['0s', 0], ['1000ns', 1e-6], ['1000us', 1e-3], ['1000\u00b5s', 1e-3], ['1000\u03bcs', 1e-3], ['1500ms', 1.5], ['2s', 2], ['2m', 120],
    ['2h', 7200], ['1.5h', 5400], ['1.h', 3600], ['.5m', 30], ['10.25s', 10.25], ['1h30m', 5400], ['2h45m30s', 9930], ['100h', 360000],
  ])('reads %p as %p seconds', (value, seconds) => {
    expect(parseGoDurationSeconds(value)).toBeCloseTo(seconds, 12);
  });
  it.each([
    [''], ['1'], ['60'], ['x1h'], ['1hx'], ['1h x'], ['-1h'], ['+1h'], ['1d'], ['1H'], ['h'], ['.h'], ['1..5h'], ['1 h'], ['00'],
  ])('rejects %p', (value) => {
    expect(parseGoDurationSeconds(value)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([[0, '0s'], [1, '1s'], [59, '59s'], [60, '1m'], [61, '1m1s'], [3600, '1h'], [3601, '1h1s'], [3660, '1h1m'], [3661, '1h1m1s'], [63072000, '17520h']])(
    'formats %p seconds as %p', (seconds, text) => {
      expect(formatDuration(seconds)).toBe(text);
    });
});

describe('parseVaultDuration', () => {
  it.each<[string | number, number]>([[' 24h ', 86400], ['10', 10], ['-10', -10], ['10d', 864000], ['-2d', -172800], [90, 90]])('reads %p as Vault does', (value, seconds) => {
    expect(parseVaultDuration(value)).toBe(seconds);
  });
  it.each(['x10', '10x', 'x2d', '2dx', '2 d', 'd'])('refuses %p', (value) => {
    expect(parseVaultDuration(value)).toBeUndefined();
  });
});

describe('Go durations with fractions', () => {
  it.each([['.25m', 15], ['1.25m', 75], ['0.5s', 0.5]])('reads %p as %p seconds', (value, seconds) => {
    expect(parseGoDurationSeconds(value)).toBeCloseTo(seconds, 12);
  });
});

describe('formatDuration of negative and fractional seconds', () => {
  it.each([[-3600, '-1h'], [-90, '-1m30s'], [0.5, '0.5s']])('formats %p as %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('literalSeconds and toSecondsString', () => {
  it('reads literals only', () => {
    const stack = testStack();
    const token = new TerraformVariable(stack, 'Ttl', { type: 'string' }).stringValue;
    expect(literalSeconds(undefined)).toBeUndefined();
    expect(literalSeconds(token)).toBeUndefined();
    expect(literalSeconds('1h')).toBe(3600);
    expect(literalSeconds(90)).toBe(90);
    expect(literalSeconds('soon')).toBeUndefined();
  });
  it('writes seconds as a string, passing tokens through', () => {
    const stack = testStack();
    const s = new TerraformVariable(stack, 'S', { type: 'string' }).stringValue;
    const n = new TerraformVariable(stack, 'N', { type: 'number' }).numberValue;
    expect(toSecondsString(undefined)).toBeUndefined();
    expect(toSecondsString('1h')).toBe('3600');
    expect(toSecondsString(90)).toBe('90');
    expect(toSecondsString('soon')).toBeUndefined();
    expect(toSecondsString(s)).toBe(s);
    const fromNumber = toSecondsString(n)!;
    expect(typeof fromNumber).toBe('string');
    expect(Token.isUnresolved(fromNumber)).toBe(true);
  });
});

describe('toSeconds', () => {
  it('passes undefined and numbers through, parses literals, and keeps tokens as number tokens', () => {
    expect(toSeconds(undefined)).toBeUndefined();
    expect(toSeconds(0)).toBe(0);
    expect(toSeconds(90)).toBe(90);
    expect(toSeconds(1.5)).toBe(1.5);
    expect(toSeconds('1h30m')).toBe(5400);
    const stack = testStack();
    const token = new TerraformVariable(stack, 'Ttl', { type: 'string' }).stringValue;
    const seconds = toSeconds(token)!;
    expect(Token.isUnresolved(seconds)).toBe(true);
    expect(typeof seconds).toBe('number');
  });
});

describe('PropValidator', () => {
  it('refuses a construct from another copy of cdktf', () => {
    const root = new Construct(undefined as never, '');
    const foreign = new Construct(root, 'Other');
    Object.defineProperty(foreign, Symbol.for('cdktf/TerraformStack'), { value: true });
    expect(() => new PropValidator(foreign, 'Thing')).toThrow(/two copies of 'cdktf' are loaded/);
  });

  it('throws nothing when nothing failed, and says so', () => {
    const v = new PropValidator(testStack(), 'Thing');
    v.check(true, 'a', 1, 'must be fine').dnsLabel('b', 'ok').url('c', 'https://x');
    expect(v.hasProblems).toBe(false);
    expect(() => v.throwIfInvalid()).not.toThrow();
  });

  it('starts each line with the kind and path, then the context, prop, rule and value', () => {
    expect(problemsOf((v) => v.check(false, 'size', 3, 'must be big').fail('name', 'x', 'must be y'), "role 'eso'"))
      .toBe("Thing 'Test': role 'eso': 'size' must be big (got 3)\nThing 'Test': role 'eso': 'name' must be y (got 'x')");
  });

  it('shows strings quoted, nothing as nothing, and other values as JSON', () => {
    expect(problemsOf((v) => v.fail('a', undefined, 'is required').fail('b', ['x'], 'is wrong').fail('c', '', 'is empty')))
      .toBe("Thing 'Test': 'a' is required (got nothing)\nThing 'Test': 'b' is wrong (got [\"x\"])\nThing 'Test': 'c' is empty (got '')");
  });

  it('prefixes a child\'s problems with its context, after the parent\'s, into the parent\'s one error', () => {
    const parent = new PropValidator(testStack(), 'Thing', "auth 'k8s'");
    parent.child("role 'eso'").fail('tokenTtl', '2d', 'must be short');
    new PropValidator(testStack(), 'Other').child("rule 'kv'").fail('path', '/', 'must be relative');
    expect(parent.hasProblems).toBe(true);
    expect(() => parent.throwIfInvalid()).toThrow(/^Thing 'Test': auth 'k8s': role 'eso': 'tokenTtl' must be short \(got '2d'\)$/);
    const orphan = new PropValidator(testStack(), 'Other');
    orphan.child("rule 'kv'").fail('path', '/', 'must be relative');
    expect(() => orphan.throwIfInvalid()).toThrow(/^Other 'Test': rule 'kv': 'path' must be relative \(got '\/'\)$/);
  });

  it('names the rule of each check in its message', () => {
    expect(problemsOf((v) => v.dnsLabel('ns', 'A'))).toMatch(/'ns' must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters \(got 'A'\)$/);
    expect(problemsOf((v) => v.dnsSubdomain('name', 'A'))).toMatch(/'name' must be a DNS-1123 subdomain: lowercase letters, digits, "-" and "\.", starting and ending with a letter or digit, at most 253 characters \(got 'A'\)$/);
    expect(problemsOf((v) => v.uuid('tenantId', 'x'))).toMatch(/'tenantId' must be a UUID like 00000000-0000-0000-0000-000000000000 \(got 'x'\)$/);
    expect(problemsOf((v) => v.url('address', 'ftp://x'))).toMatch(/'address' must be a URL starting with https:\/\/ \(got 'ftp:\/\/x'\)$/);
    expect(problemsOf((v) => v.url('address', 'ftp://x', ['http', 'https']))).toMatch(/'address' must be a URL starting with http:\/\/ or https:\/\/ \(got 'ftp:\/\/x'\)$/);
    expect(problemsOf((v) => v.oneOf('sku', 'gold', ['standard', 'premium']))).toMatch(/'sku' must be one of 'standard', 'premium' \(got 'gold'\)$/);
    expect(problemsOf((v) => v.nonEmpty('names', []))).toMatch(/'names' must not be empty \(got \[\]\)$/);
    expect(problemsOf((v) => v.duration('ttl', '1 hour'))).toMatch(/'ttl' must be a duration like 15m or 1h \(units s, m, h\) or a whole number of seconds \(got '1 hour'\)$/);
    expect(problemsOf((v) => v.goDuration('renewBefore', '60'))).toMatch(/'renewBefore' must be a duration with a unit like 30s, 15m or 1h30m \(Go syntax: units ns, us, ms, s, m, h; no bare numbers, no 'd'\) \(got '60'\)$/);
  });

  it('passes values that are allowed', () => {
    expect(problemsOf((v) => v
      .dnsLabel('a', 'ok').dnsSubdomain('b', 'a.b').uuid('c', '00000000-0000-0000-0000-000000000000').url('d', 'https://vault')
      .oneOf('e', 'premium', ['standard', 'premium']).oneOf('n', 2048, [2048, 4096]).nonEmpty('f', ['x']).duration('g', '1h').goDuration('h', '90s')
      .string('i', 'yes', (x) => x === 'yes', 'must be yes'))).toBe('');
  });

  it('skips undefined for every check', () => {
    expect(problemsOf((v) => v
      .dnsLabel('a', undefined).dnsSubdomain('b', undefined).uuid('c', undefined).url('d', undefined).oneOf('e', undefined, ['x'])
      .nonEmpty('f', undefined).duration('g', undefined).goDuration('h', undefined).string('i', undefined, () => false, 'never'))).toBe('');
  });

  it('skips tokens for every check, strings, numbers and lists alike', () => {
    const stack = testStack();
    const s = new TerraformVariable(stack, 'S', { type: 'string' }).stringValue;
    const n = new TerraformVariable(stack, 'N', { type: 'number' }).numberValue;
    const l = new TerraformVariable(stack, 'L', { type: 'list(string)' }).listValue;
    const v = new PropValidator(stack, 'Thing');
    v.string('a', s, () => false, 'never').string('a2', l[0], () => false, 'never').duration('b', s, { max: 0 }).duration('c', n, { max: 0 })
      .goDuration('d', s, { max: 0 }).goDuration('d2', l[0]).nonEmpty('e', l).oneOf('f', s, ['x']).oneOf('f2', l[0], ['x']).url('g', s);
    expect(v.hasProblems).toBe(false);
  });

  it('still judges a number that is no token, and a literal list', () => {
    expect(problemsOf((v) => v.oneOf('n', 1024, [2048]).nonEmpty('l', []))).toMatch(/'n' must be one of '2048' \(got 1024\)\n.*'l' must not be empty/);
    expect(problemsOf((v) => v.duration('ttl', 1.5))).toMatch(/'ttl' must be a duration/);
  });

  describe.each([
    ['duration', (v: PropValidator, value: string, opts: { min?: number; max?: number }) => v.duration('ttl', value, opts)],
    ['goDuration', (v: PropValidator, value: string, opts: { min?: number; max?: number }) => v.goDuration('ttl', value, opts)],
  ])('%s bounds', (_name, check) => {
    it('accepts a value equal to min or max', () => {
      expect(problemsOf((v) => check(v, '1m', { min: 60 }))).toBe('');
      expect(problemsOf((v) => check(v, '1h', { max: 3600 }))).toBe('');
      expect(problemsOf((v) => check(v, '30m', { min: 60, max: 3600 }))).toBe('');
    });
    it('rejects one second outside either bound, naming the bound', () => {
      expect(problemsOf((v) => check(v, '59s', { min: 60 }))).toBe("Thing 'Test': 'ttl' must be at least 1m (got '59s')");
      expect(problemsOf((v) => check(v, '1h0m1s', { max: 3600 }))).toBe("Thing 'Test': 'ttl' must be at most 1h (got '1h0m1s')");
    });
    it('accepts zero without a min, and rejects it with min 1', () => {
      expect(problemsOf((v) => check(v, '0s', {}))).toBe('');
      expect(problemsOf((v) => check(v, '0s', { min: 1 }))).toBe("Thing 'Test': 'ttl' must be at least 1s (got '0s')");
    });
    it('reports one problem per value: an unreadable value is not also out of bounds', () => {
      expect(problemsOf((v) => check(v, 'soon', { min: 60, max: 3600 })).split('\n')).toHaveLength(1);
      expect(problemsOf((v) => check(v, '45s', { min: 60, max: 30 })).split('\n')).toHaveLength(1);
    });
  });
});
