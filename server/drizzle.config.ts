import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/metadata/schema.ts',
  out: './drizzle',
});
