import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: 'widgets', testTimeout: 60_000, hookTimeout: 120_000 } });
