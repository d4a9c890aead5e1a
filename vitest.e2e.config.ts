import { defineConfig } from 'vitest/config';

// Browser tests: each file starts the real server (built web app, fresh embedded database,
// demo data, reference boundaries) and drives Chromium through playwright-core. One file at a
// time in a single fork: a server and a browser per file already use both cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // Server start-up (initdb, migrations, loading 1,166 villages and their boundaries) takes a while.
    hookTimeout: 180_000,
    testTimeout: 120_000,
    reporters: ['default'],
  },
});
