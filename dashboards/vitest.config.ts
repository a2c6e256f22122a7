import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'dashboards',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The server's seed templates (server/src/testing/harness.ts): the CLI test's server copies
    // the run's 2 000-line template instead of loading the seed pack once more.
    globalSetup: ['../server/src/testing/global-setup.ts'],
  },
});
