/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
/** Packs examples/ once per run for the projects that read it (see the file). */
const packExample = '<rootDir>/test/package/global-setup.js';

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
      // The README's Node and live-room examples as printed, against the built entries.
      displayName: 'readme',
      testEnvironment: 'node',
      transform,
      moduleNameMapper: {
        '^ts-pusher$': '<rootDir>/miniprogram_dist/index.js',
        '^ts-pusher/(server|im|testing)$': '<rootDir>/dist/$1/index.js',
      },
      testMatch: ['<rootDir>/test/readme/**/*.test.ts'],
    },
    {
      displayName: 'package',
      testEnvironment: 'node',
      transform,
      globalSetup: packExample,
      testMatch: ['<rootDir>/test/package/**/*.test.ts'],
    },
    {
      // The example pages tested as a user tests theirs: the packed component from
      // miniprogram_npm, `ts-pusher` as the mini-program resolves it, `ts-pusher/testing` from
      // the package installed in examples/node_modules, and the example's own tsconfig.
      displayName: 'examples',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/examples/test/tsconfig.json' }] },
      globalSetup: packExample,
      // ts-pusher/im as the mini-program loads it too: the packed file, requiring the packed core.
      moduleNameMapper: {
        '^ts-pusher$': '<rootDir>/examples/miniprogram_npm/ts-pusher/index.js',
        '^ts-pusher/im$': '<rootDir>/examples/miniprogram_npm/ts-pusher/im/index.js',
      },
      testMatch: ['<rootDir>/examples/test/**/*.test.ts'],
    },
  ],
};
