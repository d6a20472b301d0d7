import { formatSeconds, parseGoDuration, parseVaultDuration, TWO_YEARS_SECONDS } from '../../../lib/checks/private/duration';

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

describe('formatSeconds', () => {
  it('writes the shortest XhYmZs form', () => {
    expect([0, 90, 5400, 63072000].map(formatSeconds)).toEqual(['0s', '1m30s', '1h30m', '17520h']);
  });
});
