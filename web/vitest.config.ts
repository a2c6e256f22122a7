import { defineConfig } from 'vitest/config';

// Pure logic of the web app (explorer state, URL, operators): no DOM needed.
export default defineConfig({ test: { name: 'web', environment: 'node', include: ['src/**/*.test.ts'] } });
