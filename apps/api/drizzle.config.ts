import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -w apps/api` turns schema changes into a new committed SQL migration.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
});
