import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    testTimeout: 60_000,
    // Test files share a worker's module cache instead of re-importing the whole server each
    // (≈ 4 s of imports per file): 6 route files took 138 s wall / 108 s CPU isolated, 102 s /
    // 75 s shared. No server test mocks modules or globals; each opens its own services.
    isolate: false,
    hookTimeout: 120_000,
    // One seed-pack load per Chorus size for the whole run (see testing/harness.ts).
    globalSetup: ['./src/testing/global-setup.ts'],
  },
});
