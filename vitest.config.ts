import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share one Temporal dev server and one PostgreSQL; two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
