import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // `expect.poll` waits for a state, not for a speed: Vitest's 1 s default fails on a loaded
    // machine while the state still comes (a wrong state still fails, after the wait).
    expect: { poll: { timeout: 30_000 } },
    // One seed-pack load per Chorus size for the whole run (see testing/harness.ts).
    globalSetup: ['./src/testing/global-setup.ts'],
  },
});
