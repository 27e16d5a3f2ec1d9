import { defineConfig } from 'vitest/config';

// One suite: unit tests (*.test.ts) beside the code, database tests (*.int.test.ts) that run once per
// engine (PGlite always; PostgreSQL when SAFETYNET_TEST_PG is set or CI=true), browser journeys in test/e2e.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
    // expect.poll gives up after 1 s by default: too short for a browser page on a loaded 2-core CI machine.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
