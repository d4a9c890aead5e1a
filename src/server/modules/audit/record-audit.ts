/**
 * Appends to the hash-chained audit log. Each entry's hash covers the previous
 * entry's hash and the entry's own content (canonical JSON with sorted keys, so
 * PostgreSQL's jsonb key reordering does not change it). Call it inside the same
 * transaction as the write it records: both commit or neither does.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends so two transactions cannot both chain onto the same predecessor. */
const AUDIT_LOCK_KEY = 52_0001;

export interface AuditContext {
  actorUserId: string | null;
  actorLabel: string;
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_CONTEXT: AuditContext = {
  actorUserId: null,
  actorLabel: 'system',
  ip: null,
  requestId: null,
};

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface HashedFields {
  prevHash: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

export function entryHash(fields: HashedFields): string {
  const content = canonicalJson([
    fields.prevHash,
    fields.occurredAt.toISOString(),
    fields.actorUserId,
    fields.actorLabel,
    fields.action,
    fields.entityType,
    fields.entityId,
    fields.before ?? null,
    fields.after ?? null,
    fields.ip,
    fields.requestId,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

export async function recordAudit(trx: Kysely<DB>, context: AuditContext, event: AuditEvent): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Millisecond precision: what a JavaScript Date can carry through the round trip exactly.
  const occurredAt = new Date(Math.floor(Date.now()));
  const before = event.before === undefined ? null : JSON.parse(canonicalJson(event.before));
  const after = event.after === undefined ? null : JSON.parse(canonicalJson(event.after));
  const fields: HashedFields = {
    prevHash,
    occurredAt,
    actorUserId: context.actorUserId,
    actorLabel: context.actorLabel,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before,
    after,
    ip: context.ip,
    requestId: context.requestId,
  };
  await trx
    .insertInto('audit_log')
    .values({
      occurred_at: occurredAt,
      actor_user_id: context.actorUserId,
      actor_label: context.actorLabel,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      ip: context.ip,
      request_id: context.requestId,
      prev_hash: prevHash,
      hash: entryHash(fields),
    })
    .execute();
}

/** Runs `work` and its audit entries in one transaction. */
export async function withAudit<T>(
  db: Kysely<DB>,
  context: AuditContext,
  work: (trx: Kysely<DB>, audit: (event: AuditEvent) => Promise<void>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute((trx) => work(trx, (event) => recordAudit(trx, context, event)));
}
