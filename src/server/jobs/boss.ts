/**
 * Background jobs on pg-boss 10 (the last line supporting Node 20), in the same
 * database as everything else. In embedded mode pg-boss shares the single PGlite
 * connection through our pool, so workers run in-process; on a server it gets the
 * same pool. pg-boss keeps job state in its own schema `pgboss`.
 */
import PgBoss from 'pg-boss';
import type { Database } from '../db/engine.ts';

export interface Jobs {
  boss: PgBoss;
  isUp(): boolean;
  stop(): Promise<void>;
}

export async function startJobs(
  database: Database,
  options: { onError?: (error: Error) => void } = {},
): Promise<Jobs> {
  const boss = new PgBoss({
    db: {
      executeSql: async (text: string, values: unknown[]) => {
        const result = await database.pool.query(text, values as unknown[]);
        return { rows: result.rows };
      },
    },
    schema: 'pgboss',
    // Maintenance every few minutes is plenty; on PGlite every query shares one connection.
    maintenanceIntervalSeconds: 300,
  });
  let up = false;
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  up = true;
  return {
    boss,
    isUp: () => up,
    async stop() {
      if (!up) return;
      up = false;
      // graceful: let running handlers finish; wait: resolve only when stopped.
      await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
    },
  };
}
