import { TerraformVariable } from 'cdktf';
import { formatDuration, isDnsLabel, isDnsSubdomain, isUrl, parseDuration, PropValidator, toSeconds } from '../../lib/core/validation';
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
