import { parseDuration } from '../../lib/core/duration';
import { bindingBreadth, bindingMatches, vaultPathReaches } from '../../lib/core/glob';
import { holdsTerraformExpression } from '../../lib/core/unresolved';
import { hasUrlCredentials, PropValidator, urlScheme } from '../../lib/core/validation';
import { testStack } from '../helpers';

// The survivors of a mutation run over the validation code (issue #19), each
// pinned by the behaviour it changed.

function errorOf(check: (v: PropValidator) => void): string {
  const v = new PropValidator(testStack(), 'Thing');
  check(v);
  try {
    v.throwIfInvalid();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('duration bounds', () => {
  it('says why ten years is the default cap, and only when no max was given', () => {
    expect(errorOf((v) => v.duration('ttl', '87601h'))).toBe("Thing 'Test': 'ttl' must be at most 87600h (ten years: no Vault lifetime is longer, and larger numbers overflow Go's durations) (got '87601h')");
    expect(errorOf((v) => v.duration('ttl', '2h', { max: 3600 }))).toBe("Thing 'Test': 'ttl' must be at most 1h (got '2h')");
  });

  it('reads a whole number of seconds however it is written, never one JavaScript prints with an exponent as a string', () => {
    expect(parseDuration(1e21)).toBe(1e21);
    expect(errorOf((v) => v.duration('ttl', 1e21))).toBe("Thing 'Test': 'ttl' must be at most 87600h (ten years: no Vault lifetime is longer, and larger numbers overflow Go's durations) (got 1e+21)");
    expect(parseDuration('1e21')).toBeUndefined();
  });
});

describe('URL credentials and schemes', () => {
  it('finds a password without a user name, and nothing in text that is no URL', () => {
    expect(hasUrlCredentials('https://:secret@vault.example')).toBe(true);
    expect(hasUrlCredentials('https://user@vault.example')).toBe(true);
    expect(hasUrlCredentials('https://vault.example')).toBe(false);
    expect(hasUrlCredentials('not a url')).toBe(false);
  });

  it('refuses credentials in a URL prop with its own message only', () => {
    expect(errorOf((v) => v.url('addr', 'https://:secret@vault.example'))).toBe(
      "Thing 'Test': 'addr' must not carry credentials ('user:password@'): they would be written into state, manifests and certificates; use the provider's auth instead (got 'https://:secret@vault.example')");
  });

  it('reads the scheme only at the start, after blanks, and nothing without one', () => {
    expect(urlScheme('  HTTPS://vault')).toBe('https');
    expect(urlScheme('git+ssh://host')).toBe('git+ssh');
    expect(urlScheme('/path:with-colon')).toBeUndefined();
    expect(urlScheme('1http://x')).toBeUndefined();
    expect(urlScheme('vault.example')).toBeUndefined();
  });
});

describe('globs at the end of a prefix or a name', () => {
  it('lets a segment run past the end of a prefix, never across a slash', () => {
    expect(vaultPathReaches('sys/+/acl', 'sys/pol')).toBe(true);
    expect(vaultPathReaches('sys/+', 'sys/policies/acl/')).toBe(false);
  });

  it('matches a trailing star by the whole prefix before it', () => {
    expect(bindingMatches('pay-*', 'pa')).toBe(false);
    expect(bindingMatches('pay-*', 'pzz-x')).toBe(false);
    expect(bindingMatches('*-prod', 'x-prox')).toBe(false);
    expect(bindingBreadth('*ab*')).toBe('glob');
  });
});

describe('Terraform expressions in synthesized strings', () => {
  it('reads an escaped marker as text, even next to a dollar or a brace', () => {
    expect(holdsTerraformExpression('${var.x}')).toBe(true);
    expect(holdsTerraformExpression('$${var.x}')).toBe(false);
    expect(holdsTerraformExpression('$$${{')).toBe(false);
    expect(holdsTerraformExpression('a $${x} ${y}')).toBe(true);
    expect(holdsTerraformExpression(42)).toBe(false);
  });
});
