import { defineConfig } from 'vitest/config';

// Unit and API tests. Each test file gets a fresh database cloned from a template
// that tests/support/global-setup.ts migrates once per run: a PGlite data-dir dump by
// default, or a PostgreSQL template database when TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Two cores: two files at a time keeps PGlite (CPU-bound WASM) from starving itself.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
