import { defineConfig } from 'vitest/config';

// Unit and integration tests of every package; e2e runs separately (needs the built web app).
export default defineConfig({
  test: {
    projects: ['widgets', 'server', 'dashboards', 'web'],
  },
});
