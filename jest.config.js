/**
 * Unit tests (`src/**\/*.spec.ts`) and e2e tests (`test/**\/*.e2e-spec.ts`) in one run, as ES
 * modules (NestJS 12 ships only ES modules, which Jest loads in its ESM mode: `npm test` sets
 * --experimental-vm-modules). TypeScript is transpiled per file without type checking; the
 * build that `npm test` runs first checks the types.
 */
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', useESM: true }],
    '/node_modules/.+\\.c?js$': '<rootDir>/test/support/require-esm-transformer.cjs',
  },
  transformIgnorePatterns: [],
  setupFiles: ['<rootDir>/test/support/environment.cjs'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 30000,
  maxWorkers: 2,
};
