/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/consumer is a team's project with its own jest, run by test/package/consumer.test.ts.
  modulePathIgnorePatterns: ['<rootDir>/test/consumer/', '<rootDir>/dist/'],
  // swc strips types only; `tsc --noEmit` in `npm test` does the type-check.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Inside the project, not /tmp/jest_*: nothing outlives the checkout.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};
