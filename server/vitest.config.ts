import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One seed-pack load per Chorus size for the whole run (see testing/harness.ts).
    globalSetup: ['./src/testing/global-setup.ts'],
  },
});
