import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    // A timeout only catches a hang: generous, so that a busy 2-core machine never fails a test by its load.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // Neo4j and Chromium are real processes: keep files from fighting over two cores.
    fileParallelism: true,
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent' },
  },
});
