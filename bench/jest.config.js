/** `npm run bench`: figures printed side by side, never asserted as timings. */
module.exports = {
  rootDir: '..',
  testEnvironment: 'jsdom',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  // A benchmark never fails for being slow: no timeout (the largest a timer holds).
  testTimeout: 2147483647,
};
