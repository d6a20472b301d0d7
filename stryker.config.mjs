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
  'lib/keyvault/**/*.ts',
  // Re-export files hold nothing to mutate.
  '!lib/**/index.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // Each mutant runs only the test files that import its file (through lib/,
    // stacks/ and examples/, which is why those are jest roots).
    enableFindRelatedTests: true,
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
  ignorePatterns: ['cdktf.out', 'coverage', '.gen', '.terraform', 'reports'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
