/**
 * Walks the audit log in id order and recomputes every hash. Reports the first
 * entry whose stored hash or link to its predecessor does not match: that is where
 * someone changed, inserted or removed a row behind the application's back.
 */
import type { Kysely } from 'kysely';
import type { ChainVerification } from '../../../shared/contracts/audit.ts';
import type { DB } from '../../db/types.ts';
import { entryHash, GENESIS_HASH } from './record-audit.ts';

const BATCH = 2000;

export async function verifyAuditChain(db: Kysely<DB>): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBrokenId: row.id,
          reason: 'link to the previous entry does not match',
        };
      }
      const expected = entryHash({
        prevHash: row.prev_hash,
        occurredAt: new Date(row.occurred_at),
        actorUserId: row.actor_user_id,
        actorLabel: row.actor_label,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        before: row.before,
        after: row.after,
        ip: row.ip,
        requestId: row.request_id,
      });
      if (expected !== row.hash) {
        return { ok: false, checked, firstBrokenId: row.id, reason: 'content does not match its hash' };
      }
      prevHash = row.hash;
      lastId = row.id;
      checked += 1;
    }
  }
  return { ok: true, checked, firstBrokenId: null, reason: null };
}
