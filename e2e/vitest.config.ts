import { defineConfig } from 'vitest/config';

// End-to-end journeys: a real server (in-process) serving the built web app, driven by Chromium.
// Needs `pnpm build` first (web/dist).
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // `expect.poll` waits for a page state, not for a speed: Vitest's 1 s default fails on a
    // loaded machine while the page still gets there (a wrong state still fails, after the wait).
    expect: { poll: { timeout: 30_000 } },
    // One server for the run (global-setup.ts), one browser per file; files run one after the other.
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
  },
});
