import { TerraformVariable, Token } from 'cdktf';
import { formatDuration, parseDuration, parseUnsignedGoDuration, toSeconds } from '../../lib/core/duration';
import { isUnresolvedToken } from '../../lib/core/unresolved';
import { isDnsLabel, isDnsSubdomain, isUrl, literalsDiffer, PropValidator } from '../../lib/core/validation';
import { ValidationError } from '../../lib/core/validation-error';
import { testStack } from '../helpers';

describe('PropValidator', () => {
  it('names the construct path, the prop, the value and what is allowed', () => {
    const stack = testStack();
    const v = new PropValidator(stack, 'Thing', "role 'x'");
    v.dnsLabel('namespace', 'Bad_NS');
    expect(() => v.throwIfInvalid()).toThrow(/^Thing 'Test': role 'x': 'namespace' must be a DNS-1123 label.* \(got 'Bad_NS'\)$/);
  });

  it('collects every problem into one error, one line each', () => {
    const v = new PropValidator(testStack(), 'Thing');
    v.dnsLabel('a', 'A').duration('b', '1 hour').url('c', 'ftp://x').oneOf('d', 'z', ['x', 'y']).nonEmpty('e', []);
    expect(v.hasProblems).toBe(true);
    expect(() => v.throwIfInvalid()).toThrow(expect.objectContaining({ message: expect.stringMatching(/^(Thing 'Test': .*\n){4}Thing 'Test': .*$/) }));
  });

  it('passes unresolved tokens through every check', () => {
    const stack = testStack();
    const s = new TerraformVariable(stack, 'S', { type: 'string' }).stringValue;
    const n = new TerraformVariable(stack, 'N', { type: 'number' }).numberValue;
    const v = new PropValidator(stack, 'Thing');
    v.dnsLabel('a', s).dnsSubdomain('b', s).duration('c', s).duration('d', n).url('e', s).oneOf('f', s, ['x']);
    expect(v.hasProblems).toBe(false);
    expect(toSeconds(s)).toEqual(expect.any(Number));
  });

  it('passes each element of a list token through element-wise checks', () => {
    const stack = testStack();
    const list = new TerraformVariable(stack, 'L', { type: 'list(string)' }).listValue;
    const v = new PropValidator(stack, 'Thing');
    for (const x of list) v.uuid('owners', x).dnsLabel('names', x).goDuration('d', x).oneOf('o', x, ['a']);
    expect(v.hasProblems).toBe(false);
    expect(list.every(isUnresolvedToken)).toBe(true);
    expect(isUnresolvedToken('#not-a-token')).toBe(false);
    expect(isUnresolvedToken(new TerraformVariable(stack, 'N', { type: 'number' }).numberValue)).toBe(true);
  });

  it('passes number tokens, number-list elements and list tokens, and still refuses the literals next to them', () => {
    const stack = testStack();
    const n = Token.asNumber(new TerraformVariable(stack, 'N', { type: 'number' }).value);
    const numbers = Token.asNumberList(new TerraformVariable(stack, 'NL', { type: 'list(number)' }).value);
    const strings = new TerraformVariable(stack, 'SL', { type: 'list(string)' }).listValue;
    const v = new PropValidator(stack, 'Thing');
    v.oneOf('keySize', n, [2048, 4096]).duration('ttl', n).nonEmpty('names', strings).nonEmpty('sizes', numbers);
    for (const x of numbers) v.oneOf('keySize', x, [2048, 4096]).duration('ttl', x);
    for (const x of strings) v.duration('ttl', x).oneOf('sku', x, ['standard']).url('issuer', x);
    expect(v.hasProblems).toBe(false);
    expect(numbers.every(isUnresolvedToken)).toBe(true);
    expect(isUnresolvedToken(2048)).toBe(false);
    expect(isUnresolvedToken([2048])).toBe(false);
    v.oneOf('keySize', 1024, [2048, 4096]).duration('ttl', -1);
    expect(() => v.throwIfInvalid()).toThrow("Thing 'Test': 'keySize' must be one of '2048', '4096' (got 1024)\nThing 'Test': 'ttl' must be a duration like 15m or 1h (units s, m, h) or a whole number of seconds (got -1)");
  });

  it('throws a ValidationError whose fields name the construct and each prop', () => {
    const v = new PropValidator(testStack(), 'Thing', "role 'x'");
    v.dnsLabel('namespace', 'Bad_NS').duration('ttl', '1 hour');
    let error: unknown;
    try {
      v.throwIfInvalid();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ValidationError',
      constructPath: 'Test',
      constructType: 'Thing',
      problems: [
        { prop: 'namespace', value: 'Bad_NS', message: expect.stringMatching(/^role 'x': 'namespace' must be a DNS-1123 label/) },
        { prop: 'ttl', value: '1 hour', allowed: 'must be a duration like 15m or 1h (units s, m, h) or a whole number of seconds' },
      ],
    });
    expect((error as ValidationError).message.split('\n')).toEqual((error as ValidationError).problems.map((p) => `Thing 'Test': ${p.message}`));
  });

  it('checks duration bounds', () => {
    const v = new PropValidator(testStack(), 'Thing');
    v.duration('ttl', '2h', { max: 3600 });
    expect(() => v.throwIfInvalid()).toThrow(/'ttl' must be at most 1h \(got '2h'\)/);
  });
});

describe('durations', () => {
  it.each([['15m', 900], ['1h', 3600], ['1h30m', 5400], ['45s', 45], ['8760h', 31536000], ['90', 90], [1800, 1800]])('parses %p as %p seconds', (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });

  it.each(['', '15 minutes', '1d', '-5m', '1.5h', 'm', '1m1h', 1.5, -1])('rejects %p', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });

  it('formats seconds back', () => {
    expect([0, 45, 900, 5400, 31536000].map(formatDuration)).toEqual(['0s', '45s', '15m', '1h30m', '8760h']);
  });
});

describe('Go durations', () => {
  it.each([['15s', 15], ['1h', 3600], ['1h30m', 5400], ['1h0m0s', 3600], ['1.5h', 5400], ['500ms', 0.5], ['90m', 5400], ['0', 0], ['0s', 0], ['1.s', 1], ['.5m', 30], ['2h45m30s', 9930]])('parses %p as %p seconds', (input, seconds) => {
    expect(parseUnsignedGoDuration(input)).toBeCloseTo(seconds, 9);
  });

  it.each(['', '60', '3600', '1d', '-1h', '+1h', '1 h', '1H', 'h', '.s', '15 minutes', '1h 30m'])('rejects %p', (input) => {
    expect(parseUnsignedGoDuration(input)).toBeUndefined();
  });

  it('checks a Go duration prop, its bounds, and skips tokens', () => {
    const stack = testStack();
    const v = new PropValidator(stack, 'Thing');
    v.goDuration('a', '60').goDuration('b', '30s', { min: 60 }).goDuration('c', '2h', { max: 3600 }).goDuration('d', undefined)
      .goDuration('e', new TerraformVariable(stack, 'S', { type: 'string' }).stringValue);
    expect(() => v.throwIfInvalid()).toThrow(/^Thing 'Test': 'a' must be a duration with a unit like 30s, 15m or 1h30m.*\(got '60'\)\nThing 'Test': 'b' must be at least 1m \(got '30s'\)\nThing 'Test': 'c' must be at most 1h \(got '2h'\)$/);
  });
});

describe('literalsDiffer', () => {
  it('is true only for two different literals', () => {
    const stack = testStack();
    const t = new TerraformVariable(stack, 'S', { type: 'string' }).stringValue;
    expect(literalsDiffer('a', 'b')).toBe(true);
    expect(literalsDiffer('a', 'a')).toBe(false);
    expect(literalsDiffer('a', undefined)).toBe(false);
    expect(literalsDiffer(undefined, 'b')).toBe(false);
    expect(literalsDiffer(t, 'b')).toBe(false);
    expect(literalsDiffer('a', t)).toBe(false);
  });
});

describe('names and URLs', () => {
  it('accepts and rejects DNS-1123 labels', () => {
    expect(['vault', 'cert-manager', 'a1'].every(isDnsLabel)).toBe(true);
    expect(['Vault', '-a', 'a-', 'a.b', 'a'.repeat(64), ''].some(isDnsLabel)).toBe(false);
  });

  it('accepts and rejects DNS-1123 subdomains', () => {
    expect(['kube-root-ca.crt', 'moelove-info-tls'].every(isDnsSubdomain)).toBe(true);
    expect(['a..b', 'A.b', '.a'].some(isDnsSubdomain)).toBe(false);
  });

  it('checks URL schemes', () => {
    expect(isUrl('https://vault:8200', ['https'])).toBe(true);
    expect(isUrl('http://vault:8200', ['https'])).toBe(false);
    expect(isUrl('vault:8200', ['https'])).toBe(false);
  });
});
