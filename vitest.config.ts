import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // Neo4j and Chromium are real processes: keep files from fighting over two cores.
    fileParallelism: true,
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent' },
  },
});
