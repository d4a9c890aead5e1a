/** All SQL of the audit module: browsing the trail, walking the chain, stored checkpoints. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ListAuditQuery } from '../../../shared/contracts/audit.ts';
import type { AuditCheckpointsTable, AuditLogTable, DB } from '../../db/types.ts';
import { escapeLike } from '../../policies/scope-filter.ts';

export type AuditRow = Selectable<AuditLogTable>;
export type CheckpointRow = Selectable<AuditCheckpointsTable>;

const DAY_MS = 86_400_000;

/** One page of entries matching the filters, newest first, and how many match in all. */
export async function listAuditEntries(
  db: Kysely<DB>,
  query: ListAuditQuery,
): Promise<{ rows: AuditRow[]; total: number }> {
  const { limit, offset, action, entityType, entityId, actor, from, to } = query;
  let base = db.selectFrom('audit_log');
  if (action) base = base.where('action', '=', action);
  if (entityType) base = base.where('entity_type', '=', entityType);
  if (entityId) base = base.where('entity_id', '=', entityId);
  if (actor) base = base.where(sql`lower(actor_label)`, 'like', `%${escapeLike(actor.toLowerCase())}%`);
  // Dates are whole UTC days, both ends included.
  if (from) base = base.where('occurred_at', '>=', new Date(`${from}T00:00:00Z`));
  if (to) base = base.where('occurred_at', '<', new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS));
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The next `limit` entries after `afterId`, in chain (id) order. */
export function chainEntriesAfter(db: Kysely<DB>, afterId: number, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function latestCheckpoint(db: Kysely<DB>): Promise<CheckpointRow | undefined> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export function insertCheckpoint(
  db: Kysely<DB>,
  checkpoint: Omit<CheckpointRow, 'id'>,
): Promise<CheckpointRow> {
  return db.insertInto('audit_checkpoints').values(checkpoint).returningAll().executeTakeFirstOrThrow();
}
