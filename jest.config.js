/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Every source folder is a root so that tools following imports back to
  // tests (`jest --findRelatedTests lib/core/validation.ts`, Stryker) see each
  // test that reaches a file, also through stacks/ and examples/. Tests
  // themselves live only under test/.
  roots: ['<rootDir>/lib', '<rootDir>/stacks', '<rootDir>/examples', '<rootDir>/test'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // test/consumer is a team's project with its own jest, run by test/package/consumer.test.ts.
  modulePathIgnorePatterns: ['<rootDir>/test/consumer/', '<rootDir>/dist/'],
  // swc strips types only; `tsc --noEmit` in `npm test` does the type-check.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Inside the project, not /tmp/jest_*: nothing outlives the checkout.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};
