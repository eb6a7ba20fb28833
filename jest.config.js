/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'component',
      testEnvironment: 'jsdom',
      transform,
      snapshotSerializers: ['miniprogram-simulate/jest-snapshot-plugin'],
      testMatch: ['<rootDir>/test/component/**/*.test.ts'],
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/server/**/*.test.ts'],
    },
    {
      displayName: 'im',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/im/**/*.test.ts'],
    },
    {
      displayName: 'package',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/package/**/*.test.ts'],
    },
  ],
};
