/**
 * Appends to the hash-chained audit log. Call it inside the same transaction as the write it
 * records (`await recordAudit(trx, context, event)` inside `db.transaction().execute(…)`): both
 * commit or neither does.
 *
 * The entry goes to `audit_pending` without taking any lock; at commit a deferred trigger
 * (migration 0009) links it onto the chain's head and moves it into `audit_log`. So writes run
 * side by side and wait for each other only for the moment of linking, and the chain is still
 * one sequence in id order. Hashes are computed over canonical JSON (sorted keys, so
 * PostgreSQL's jsonb key reordering does not change them):
 *
 * - scheme 2 (every entry since 0009): hash = SHA-256(prev_hash ‖ contentDigest(entry)), the
 *   trigger joining the two hex strings;
 * - scheme 1 (entries written before 0009): hash = SHA-256 of [prev_hash, …fields] (entryHash).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export const GENESIS_HASH = '0'.repeat(64);

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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The entry's fields in hashing order (shared by both schemes). */
function hashedContent(fields: Omit<HashedFields, 'prevHash'>): unknown[] {
  return [
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
  ];
}

/** Scheme 1: the hash of entries written before migration 0009. */
export function entryHash(fields: HashedFields): string {
  return sha256(canonicalJson([fields.prevHash, ...hashedContent(fields)]));
}

/** Scheme 2, the part the application computes: the entry's content without its link. */
export function contentDigest(fields: Omit<HashedFields, 'prevHash'>): string {
  return sha256(canonicalJson(hashedContent(fields)));
}

/** Scheme 2, the part the seal trigger computes: the link of a digest onto its predecessor. */
export function sealedHash(prevHash: string, digest: string): string {
  return sha256(prevHash + digest);
}

export async function recordAudit(trx: Kysely<DB>, context: AuditContext, event: AuditEvent): Promise<void> {
  // Millisecond precision: what a JavaScript Date can carry through the round trip exactly.
  const occurredAt = new Date(Math.floor(Date.now()));
  const before = event.before === undefined ? null : JSON.parse(canonicalJson(event.before));
  const after = event.after === undefined ? null : JSON.parse(canonicalJson(event.after));
  const digest = contentDigest({
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
  });
  await trx
    .insertInto('audit_pending')
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
      content_digest: digest,
    })
    .execute();
}
