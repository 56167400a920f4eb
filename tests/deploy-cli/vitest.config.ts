import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/deploy-cli/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
