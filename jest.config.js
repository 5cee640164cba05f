/** Unit tests sit beside the code (*.spec.ts); e2e tests in test/ run against a real Cassandra node. */
const transform = { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] };

module.exports = {
  testTimeout: 60000,
  // cassandra-driver 4.10 can restart a host's health-count interval while a client shuts down right after
  // a lost connection (the outage test does exactly that), and that interval would keep Jest alive forever.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/support/closing-line-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      moduleFileExtensions: ['js', 'json', 'ts'],
      rootDir: '.',
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
        '<rootDir>/bench/**/*.spec.ts',
      ],
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      moduleFileExtensions: ['js', 'json', 'ts'],
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
