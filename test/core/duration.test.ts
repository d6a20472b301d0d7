import { TerraformVariable, Token } from 'cdktf';
import { formatDuration, literalSeconds, parseDuration, parseGoDuration, parseUnsignedGoDuration, parseVaultDuration, toSecondsString, TWO_YEARS_SECONDS } from '../../lib/core/duration';
import { testStack } from '../helpers';

describe('parseGoDuration', () => {
  it.each([
    ['4380h', 4380 * 3600],
    ['20000h0m', 20000 * 3600],
    ['8760h30m', 8760 * 3600 + 1800],
    ['1h2m3s', 3723],
    ['1.5h', 5400],
    ['.5m', 30],
    ['90s', 90],
    ['1500ms', 1.5],
    ['0', 0],
    ['-1h', -3600],
    ['+2m', 120],
  ])('reads %s as Go does', (text, seconds) => {
    expect(parseGoDuration(text)).toBeCloseTo(seconds, 9);
  });

  it.each(['', '10', '2y', '1d', '1h 30m', 'h', '1.h.', 'PT1H', '17520 h'])('rejects %j as Go does', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });

  it('puts two years at 17520h', () => {
    expect(parseGoDuration('17520h')).toBe(TWO_YEARS_SECONDS);
  });
});

describe('parseVaultDuration', () => {
  it.each<[string | number, number]>([
    [3600, 3600],
    ['86400', 86400],
    ['24h', 86400],
    ['2d', 172800],
    ['1h30m', 5400],
  ])('reads %j as Vault does', (value, seconds) => {
    expect(parseVaultDuration(value)).toBe(seconds);
  });

  it.each(['1 hour', '1.5d', 'forever'])('rejects %j', (value) => {
    expect(parseVaultDuration(value)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('writes the shortest XhYmZs form', () => {
    expect([0, 90, 5400, 63072000].map(formatDuration)).toEqual(['0s', '1m30s', '1h30m', '17520h']);
  });
});

describe('sign rule', () => {
  it('reads a sign where Go and Vault do, and refuses it in props', () => {
    expect(parseGoDuration('-1h')).toBe(-3600);
    expect(parseVaultDuration('-1d')).toBe(-86400);
    expect(['-1h', '+1h'].map(parseUnsignedGoDuration)).toEqual([undefined, undefined]);
    expect(['-60', '-1m'].map(parseDuration)).toEqual([undefined, undefined]);
  });
});

describe('TTL props for provider attributes', () => {
  it('gives literal seconds, and nothing for a token, an absent or a bad value', () => {
    const stack = testStack();
    const s = new TerraformVariable(stack, 'S', { type: 'string' }).stringValue;
    const n = new TerraformVariable(stack, 'N', { type: 'number' }).numberValue;
    expect(['1h30m', 90, s, n, undefined, '1 hour'].map(literalSeconds)).toEqual([5400, 90, undefined, undefined, undefined, undefined]);
  });

  it('writes seconds as a string and passes tokens through as strings', () => {
    const stack = testStack();
    const s = new TerraformVariable(stack, 'S', { type: 'string' }).stringValue;
    const n = new TerraformVariable(stack, 'N', { type: 'number' }).numberValue;
    expect(toSecondsString('1h')).toBe('3600');
    expect(toSecondsString(60)).toBe('60');
    expect(toSecondsString(undefined)).toBeUndefined();
    expect(toSecondsString(s)).toBe(s);
    expect(Token.isUnresolved(toSecondsString(n))).toBe(true);
  });
});
