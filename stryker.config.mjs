// Mutation testing of the security-critical code: `npm run mutate`.
// Not part of `npm test` or CI: a full run takes long on 2 cores (README,
// "Mutation testing"). Narrow or widen one run from the command line:
//   npm run mutate -- --mutate lib/vault/policy.ts
// Results are kept in reports/mutation/ (gitignored), so a second run only
// tests mutants in changed code or covered by changed tests.

/** What is mutated by default: the rule pack and the code deciding what a policy or firewall allows. Add globs here. */
const SECURITY_CRITICAL = [
  'lib/checks/**/*.ts',
  'lib/vault/policy.ts',
  'lib/vault/grant.ts',
  'lib/core/validation.ts',
  'lib/core/duration.ts',
  'lib/core/unresolved.ts',
  // The shared judgments the hostile-input work added: what a policy grants,
  // how literals reach Terraform, globs, networks, HCL quoting, risky roles.
  'lib/core/policy-document.ts',
  'lib/core/template-literal.ts',
  'lib/core/glob.ts',
  'lib/core/network.ts',
  'lib/core/hcl.ts',
  'lib/core/azure-roles.ts',
  'lib/core/public-suffix.ts',
  'lib/keyvault/**/*.ts',
  // Re-export files hold nothing to mutate.
  '!lib/**/index.ts',
];

/**
 * The tests a mutant must fail: the ones that mirror lib/. Jest loads every
 * related test file for every mutant, each with a fresh cdktf and providers,
 * so this list stays short: example and stack tests are left out (they
 * synthesize whole stacks while loading, which also makes every mutant they
 * reach "static", run against all their tests), and so is
 * test/checks/rules.test.ts, whose cases test/checks/rule-behaviour.test.ts
 * repeats with level, path and message.
 */
const MUTATION_TESTS = [
  '<rootDir>/test/checks/rule-behaviour.test.ts',
  '<rootDir>/test/checks/security-checks.test.ts',
  '<rootDir>/test/checks/rule-helpers.test.ts',
  '<rootDir>/test/checks/azure-custom-role.test.ts',
  // The rule table (ids, levels, texts) and the CI rules' cases, which judged those parts in the README's runs.
  '<rootDir>/test/checks/rule-catalog.test.ts',
  '<rootDir>/test/checks/ci-rules.test.ts',
  '<rootDir>/test/checks/private/*.test.ts',
  '<rootDir>/test/core/*.test.ts',
  '<rootDir>/test/vault/policy*.test.ts',
  '<rootDir>/test/vault/kv-v2.test.ts',
  '<rootDir>/test/vault/grant.test.ts',
  '<rootDir>/test/keyvault/*.test.ts',
  '<rootDir>/test/bad-input.test.ts',
];

/**
 * `MUTATE_TESTS` (comma-separated globs) narrows the tests for one run, e.g.
 * a file judged by its own tests only:
 *   MUTATE_TESTS='test/core/validation*.test.ts' npm run mutate -- --mutate lib/core/validation.ts
 */
const TESTS = process.env.MUTATE_TESTS ? process.env.MUTATE_TESTS.split(',').map((glob) => `<rootDir>/${glob.trim()}`) : MUTATION_TESTS;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // Each mutant runs only the test files that import its file (through lib/,
    // stacks/ and examples/, which is why those are jest roots).
    enableFindRelatedTests: true,
    // Only the tests that mirror lib/ judge a mutant. The example and stack
    // tests synthesize whole stacks while their files load, which makes every
    // mutant they reach "static" (run against every test of every related
    // file); the security-critical code is meant to be pinned by its own
    // tests, not by a snapshot that happens to cover it.
    config: { testMatch: TESTS },
  },
  // ...and within them only the tests that reached the mutant.
  coverageAnalysis: 'perTest',
  mutate: SECURITY_CRITICAL,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  // The machine is shared: at most two test processes (run it niced, as the npm script does).
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowEmojis: false, logTests: false },
  ignorePatterns: ['cdktf.out', 'coverage', '.gen', '.terraform', 'reports', 'dist', 'test/consumer'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
