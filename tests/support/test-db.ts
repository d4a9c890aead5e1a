/**
 * A fresh database per test file, cloned from the run's template, on the engine the
 * run was started with. Tests create their own data on top; nothing is shared
 * between files.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { testDatabaseUrl } from '../../src/server/config.ts';
import { type Database, openPglite, openPostgres } from '../../src/server/db/engine.ts';
import { adminDatabaseUrl, databaseUrlFor } from './pg-urls.ts';

export async function openTestDatabase(): Promise<Database> {
  if (inject('engine') === 'postgresql') {
    const url = testDatabaseUrl();
    if (!url) throw new Error('TEST_DATABASE_URL vanished during the run');
    const name = `simpul_t_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(adminDatabaseUrl(url), 1);
    try {
      await admin.pool.query(`create database ${name} template ${inject('pgTemplateDatabase')}`);
    } finally {
      await admin.close();
    }
    const database = await openPostgres(databaseUrlFor(url, name), 5);
    const close = database.close;
    return {
      ...database,
      async close() {
        await close();
        const cleanup = await openPostgres(adminDatabaseUrl(url), 1);
        await cleanup.pool.query(`drop database if exists ${name} with (force)`);
        await cleanup.close();
      },
    };
  }
  const dump = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return openPglite({ dataDir: null, loadDataDir: dump });
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** The real app around a fresh database; API tests call it with app.inject(). */
export async function createTestApp(
  options: {
    adminToken?: string | null;
    exportRateLimit?: number;
    exportConcurrency?: number;
    auditCheckpointKey?: string;
    /** Cache map/dashboard answers (default on, as SIMPUL_WWW_CACHE). */
    whoWhatWhereCache?: boolean;
    /** Serve this database instead of a fresh one (a second app on the same data). */
    database?: Database;
  } = {},
): Promise<TestContext> {
  const database = options.database ?? (await openTestDatabase());
  const app = await buildApp({
    config: {
      logLevel: 'silent',
      adminToken: options.adminToken === undefined ? TEST_ADMIN_TOKEN : options.adminToken,
      version: 'test',
      trustProxy: false,
      cookieSecret: 'test-cookie-secret-0123456789abcdef0123456789',
      cookieSecure: false,
      sessionTtlHours: 12,
      demoData: false,
      ...(options.exportRateLimit ? { exportRateLimit: options.exportRateLimit } : {}),
      ...(options.exportConcurrency ? { exportConcurrency: options.exportConcurrency } : {}),
      ...(options.auditCheckpointKey ? { auditCheckpointKey: options.auditCheckpointKey } : {}),
      ...(options.whoWhatWhereCache === undefined ? {} : { whoWhatWhereCache: options.whoWhatWhereCache }),
    },
    database,
  });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
