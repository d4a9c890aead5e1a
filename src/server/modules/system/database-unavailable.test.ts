/**
 * A lost database answers 503 DATABASE_UNAVAILABLE, not 500: on the embedded engine the PGlite
 * instance is closed under the running app; on PostgreSQL the app reaches its database through a
 * TCP relay that is then shut, so open connections are cut and new ones refused — what a stopped
 * or unreachable server does. Errors the database answers (constraint violations, bad SQL) stay
 * what they were.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../../../../tests/support/test-db.ts';
import { buildApp } from '../../app.ts';
import { type Database, isDatabaseUnavailable, openPostgres } from '../../db/engine.ts';
import { SESSION_COOKIE } from '../accounts/sessions.ts';

/** A TCP relay to the test database: shutting it is the database going away. */
interface Relay {
  url: string;
  shut(): Promise<void>;
  /** Listens again on the same port: the database is back. */
  reopen(): Promise<void>;
}

async function relayTo(databaseUrl: string): Promise<Relay> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  const relay = (client: Socket) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
  };
  let server: Server = createServer(relay);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    async shut() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    async reopen() {
      server = createServer(relay);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
  };
}

let testDatabase: Database;
/** The database the app uses: the test database itself (embedded) or through the relay (PostgreSQL). */
let appDatabase: Database;
let relay: Relay | null = null;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  testDatabase = await openTestDatabase();
  if (inject('engine') === 'postgresql') {
    const { connectionString } = testDatabase.pool.options as { connectionString: string };
    relay = await relayTo(connectionString);
    appDatabase = await openPostgres(relay.url, 2);
  } else {
    appDatabase = testDatabase;
  }
  app = await buildApp({
    config: {
      logLevel: 'silent',
      adminToken: null,
      version: 'test',
      trustProxy: false,
      cookieSecret: 'test-cookie-secret-0123456789abcdef0123456789',
      cookieSecure: false,
      sessionTtlHours: 12,
      demoData: false,
    },
    database: appDatabase,
  });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (relay) {
    await relay.shut();
    await appDatabase?.close().catch(() => {});
    await testDatabase?.close();
  } else {
    // The PGlite instance was closed by the test; closing again only releases what is left.
    await testDatabase?.close().catch(() => {});
  }
});

describe('errors the database answers', () => {
  it('are not mistaken for a lost database', async () => {
    const failures = await Promise.all([
      sql`select 1 / 0`.execute(appDatabase.db).catch((error: unknown) => error),
      sql`select * from no_such_table`.execute(appDatabase.db).catch((error: unknown) => error),
      // not null violation: name_id is missing
      sql`insert into issues (code) values ('tanpa_nama')`
        .execute(appDatabase.db)
        .catch((error: unknown) => error),
    ]);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(failure), String(failure)).toBe(false);
    }
  });
});

describe('a lost database', () => {
  it('answers 503 DATABASE_UNAVAILABLE on reads, on session lookups and on health', async () => {
    const before = await app.inject({ method: 'GET', url: '/api/areas/52' });
    expect(before.statusCode).toBe(200);

    if (relay) await relay.shut();
    else await appDatabase.pglite?.close();

    const read = await app.inject({ method: 'GET', url: '/api/areas/52' });
    expect(read.statusCode).toBe(503);
    expect(read.json().error.code).toBe('DATABASE_UNAVAILABLE');
    expect(read.json().error.requestId).toBe(read.headers['x-request-id']);

    // The session lookup runs before any route: a signed-in caller gets the same answer.
    const signedIn = await app.inject({
      method: 'GET',
      url: '/api/programs',
      headers: { cookie: `${SESSION_COOKIE}=some-session-token` },
    });
    expect(signedIn.statusCode).toBe(503);
    expect(signedIn.json().error.code).toBe('DATABASE_UNAVAILABLE');

    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json().database.status).toBe('down');
  }, 60_000);

  it('on PostgreSQL, is served again once the server is back, without a restart', async (context) => {
    if (!relay) return context.skip();
    await relay.reopen();
    const read = await app.inject({ method: 'GET', url: '/api/areas/52' });
    expect(read.statusCode).toBe(200);
    expect(read.json().code).toBe('52');
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json().database.status).toBe('up');
  }, 60_000);
});
