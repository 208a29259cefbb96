/**
 * Three tiers (see the README): `unit` (pure modules, no I/O), `integration` (a real local
 * DynamoDB, the fault proxy, the local server, a modest fuzz) and `e2e` (Chromium, serverless
 * package, audio renders, the full fuzz). `npm test` runs them all; `npm run test:unit` and friends
 * pick one. The DynamoDB the run talks to is dynalite, or Amazon's DynamoDB Local with
 * DYNAMODB_BACKEND=dynamodb-local (test/support/global-setup.ts).
 */
const tier = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
});

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // Two workers on two cores: most suites wait on a local DynamoDB, a child process or ffmpeg, so
  // a second worker overlaps them (measured: the whole run 163 s against 240 s with jest's default of one).
  maxWorkers: 2,
  projects: [tier('unit'), tier('integration'), tier('e2e')],
};
