import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Files that measure the server's timing (event-loop pauses, load shedding): run alone, after
 * the others, so a neighbouring test file never takes their core.
 */
const timingFiles = ['src/routes/responsiveness.test.ts', 'src/plugins/load-shedding.test.ts'];

// Unit and integration tests of every package; e2e runs separately (needs the built web app).
export default defineConfig({
  test: {
    // Two files at a time on this 2-core machine (Vitest's default is cores − 1 = one): most
    // server files spend their time waiting on PostgreSQL, PGlite, child processes and disk.
    maxWorkers: 2,
    projects: [
      'widgets',
      'dashboards',
      'web',
      {
        extends: './server/vitest.config.ts',
        test: { root: './server', exclude: [...configDefaults.exclude, ...timingFiles] },
      },
      {
        extends: './server/vitest.config.ts',
        test: { name: 'server-timing', root: './server', include: timingFiles, maxWorkers: 1 },
      },
    ],
  },
});
