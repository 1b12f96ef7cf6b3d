// Unit, property, contract, function and host tests (the browser journey has its own config).
// The function and security suites run twice: on PGlite, and ("cloud") on the CloudBase adapter
// over the strict SDK double (tests/helpers/harness.ts reads JUNHENG_TEST_STORE).
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/browser/'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
  testTimeout: 60000,
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'local' },
    {
      ...base,
      displayName: 'cloud',
      testMatch: ['<rootDir>/tests/functions/*.test.ts', '<rootDir>/tests/security/*.test.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/tests/functions/bundle.test.ts',
        '<rootDir>/tests/functions/cli.test.ts',
        // These drive the local host or its PGlite data directory; nothing in them is cloud-specific.
        '<rootDir>/tests/security/hostile.test.ts',
        '<rootDir>/tests/security/fuzz.test.ts',
        '<rootDir>/tests/security/auditChain.test.ts',
        '<rootDir>/tests/security/uploads.test.ts',
        '<rootDir>/tests/security/squatting.test.ts',
      ],
      setupFiles: ['<rootDir>/tests/helpers/cloudProject.js'],
    },
  ],
};
