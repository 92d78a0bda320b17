import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests need the built renderer: built here once when missing or stale.
    globalSetup: ['test/e2e/global-setup.ts'],
    // Long browser walkthroughs on a loaded 2-core machine: generous, a hang still fails.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: a few files at once; each file has its own database and server.
    poolOptions: { forks: { maxForks: 3, minForks: 1 } },
    reporters: ['default'],
  },
});
