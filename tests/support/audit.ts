import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/server/db/types.ts';

/**
 * Runs statements with audit_log's append-only trigger switched off, as someone with
 * table-owner rights could, and switches it back on whatever happens: how the audit tests
 * tamper with the log to show that verification notices.
 */
export async function withAuditTriggerDisabled(db: Kysely<DB>, work: () => Promise<unknown>): Promise<void> {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  try {
    await work();
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
  }
}
