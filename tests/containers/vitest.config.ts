import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Real Docker: the global setup builds the base images (cached by content hash) and both app
// images from a clean copy of the repository, then the files run one after another.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 180_000,
    hookTimeout: 900_000,
    teardownTimeout: 120_000,
  },
});
