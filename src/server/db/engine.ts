/**
 * Engine selection. Both engines are reached through node-postgres and Kysely's
 * PostgresDialect, so queries, result types and migrations are identical: the
 * embedded engine is PGlite behind its node-postgres adapter (one connection),
 * the server engine a normal pg.Pool.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './lock.ts';
import type { DB } from './types.ts';

export type EngineName = 'pglite' | 'postgresql';

/** The extensions our migrations create; PGlite must have them loaded at start. */
export const PGLITE_EXTENSIONS = { pg_trgm, fuzzystrmatch, unaccent, citext };

export interface Database {
  db: Kysely<DB>;
  pool: pg.Pool;
  engine: EngineName;
  /** Present only in embedded mode: used for CHECKPOINT, backups and dumps. */
  pglite: PGlite | null;
  close(): Promise<void>;
}

let parsersInstalled = false;

/**
 * Result parsing is global in node-postgres; set it once so both engines return the
 * same JavaScript types. int8 (counts, rupiah) becomes a number, refusing values
 * that would lose precision instead of rounding them silently; numeric becomes a
 * number; date stays an ISO string so no time zone can shift a calendar date.
 */
function installTypeParsers(): void {
  if (parsersInstalled) return;
  parsersInstalled = true;
  pg.types.setTypeParser(pg.types.builtins.INT8, (text) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value))
      throw new RangeError(`int8 value ${text} exceeds the safe integer range`);
    return value;
  });
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (text) => Number(text));
  pg.types.setTypeParser(pg.types.builtins.DATE, (text) => text);
}

export interface PgliteOptions {
  /** Folder to persist in; null keeps everything in memory (tests). */
  dataDir: string | null;
  /** A data-dir dump (from dumpDataDir) to start from, e.g. the migrated test template. */
  loadDataDir?: Blob;
}

export async function openPglite(options: PgliteOptions): Promise<Database> {
  installTypeParsers();
  let lock: DataDirLock | null = null;
  if (options.dataDir) {
    // The lock lives beside the PGlite folder so it is taken before PGlite touches anything.
    lock = lockDataDir(options.dataDir);
  }
  try {
    const pgliteDir = options.dataDir ? `${options.dataDir}/pglite` : undefined;
    if (pgliteDir) mkdirSync(pgliteDir, { recursive: true });
    const pglite = await PGlite.create({
      ...(pgliteDir ? { dataDir: pgliteDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: PGLITE_EXTENSIONS,
    });
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    // Once PGlite is closed, node-postgres' adapter fails with a TypeError (and an unhandled
    // rejection) instead of a connection error: refuse the connection first, as a lost server would.
    const guardedPool = {
      connect() {
        if (pglite.closed) return Promise.reject(new DatabaseClosedError('PGlite is closed'));
        return pool.connect();
      },
      end: () => pool.end(),
    };
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: guardedPool }) });
    let closed = false;
    return {
      db,
      pool,
      engine: 'pglite',
      pglite,
      async close() {
        if (closed) return;
        closed = true;
        try {
          // Flush WAL into the data files so the next start does not replay it.
          await pglite.exec('CHECKPOINT');
        } catch {
          // Closing must still release the lock even if the checkpoint failed.
        }
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

export class DatabaseUnreachableError extends Error {}

/** A query on an embedded database that has been closed. */
export class DatabaseClosedError extends Error {}

/** Socket errors of a connection that could not be made or was cut. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or refusing connections: class 08 (connection
 * exception) and admin / crash shutdown, "cannot connect now", too many connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres, its pool and PGlite say when there is no database to talk to. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'PGlite is closed',
];

/**
 * Whether an error means the database cannot be reached (refused, cut, shut down, closed), as
 * opposed to an error in the query or its data (constraint violations, bad input), which the
 * database answered. The first become 503 DATABASE_UNAVAILABLE, so a client knows to retry later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current instanceof DatabaseClosedError) return true;
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') {
      if (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) {
        return true;
      }
    }
    if (
      UNAVAILABLE_MESSAGES.some((message) => current instanceof Error && current.message.startsWith(message))
    ) {
      return true;
    }
    // Node reports a refused connection to several addresses as an AggregateError; pg-pool wraps some in `cause`.
    const inner =
      current instanceof AggregateError ? current.errors[0] : (current as { cause?: unknown }).cause;
    current = inner;
  }
  return false;
}

export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  installTypeParsers();
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // Pool errors on idle clients (server restart) must not crash the process.
  pool.on('error', () => {});
  // Neither must a connection cut while a client is checked out: node-postgres fails the query in
  // flight (which answers 503 DATABASE_UNAVAILABLE) and then emits 'error' on the client, which the
  // pool listens to only while the client is idle. The pool drops such a client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { rows } = await sql<{
      version: number;
    }>`select current_setting('server_version_num')::int as version`.execute(db);
    const version = rows[0]?.version ?? 0;
    if (version < 150000) {
      throw new DatabaseUnreachableError(
        `DATABASE_URL points to PostgreSQL ${Math.floor(version / 10000)}; Simpul needs 15 or newer`,
      );
    }
  } catch (error) {
    await db.destroy().catch(() => {});
    if (error instanceof DatabaseUnreachableError) throw error;
    const err = error as NodeJS.ErrnoException & { message: string };
    const target = describeUrl(url);
    throw new DatabaseUnreachableError(
      `DATABASE_URL: cannot connect to PostgreSQL at ${target} (${err.code ?? err.message})`,
    );
  }
  let closed = false;
  return {
    db,
    pool,
    engine: 'postgresql',
    pglite: null,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** host:port/database without credentials, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

export async function serverVersion(database: Database): Promise<string> {
  const { rows } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(
    database.db,
  );
  return rows[0]?.v ?? 'unknown';
}
