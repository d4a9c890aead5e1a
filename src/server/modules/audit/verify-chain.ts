/**
 * Walks the audit log in id order and recomputes every hash. Reports the first entry whose
 * stored hash or link to its predecessor does not match: that is where someone changed,
 * inserted or removed a row behind the application's back. Given a signed checkpoint it also
 * reports a chain that is shorter than the checkpoint's head (entries removed from the end,
 * which leaves a valid shorter chain) or that reaches that position with another entry.
 */
import type { Kysely } from 'kysely';
import type { AuditCheckpoint, ChainVerification } from '../../../shared/contracts/audit.ts';
import type { DB } from '../../db/types.ts';
import { chainEntriesAfter } from './queries.ts';
import { contentDigest, entryHash, GENESIS_HASH, sealedHash } from './record-audit.ts';
import { type ChainHead, checkpointSignatureMatches } from './signature.ts';

const BATCH = 2000;

type CheckpointOutcome = NonNullable<ChainVerification['checkpoint']>;

const short = (hash: string) => hash.slice(0, 12);

export async function verifyAuditChain(
  db: Kysely<DB>,
  options: { checkpoint?: AuditCheckpoint; key?: string | null } = {},
): Promise<ChainVerification> {
  return (await walkAuditChain(db, options)).verification;
}

export async function walkAuditChain(
  db: Kysely<DB>,
  options: { checkpoint?: AuditCheckpoint; key?: string | null } = {},
): Promise<{ verification: ChainVerification; head: ChainHead }> {
  const anchor = options.checkpoint;
  let outcome: CheckpointOutcome | undefined;
  if (anchor) {
    const signed = options.key ? checkpointSignatureMatches(anchor, options.key) : null;
    if (signed !== true) {
      outcome = {
        ...described(anchor),
        ok: false,
        reason:
          signed === null
            ? 'AUDIT_CHECKPOINT_KEY is not set, so the checkpoint’s signature cannot be checked'
            : 'the checkpoint’s signature does not match: it was altered or signed with another key',
      };
    } else if (anchor.sequence === 0) {
      outcome = { ...described(anchor), ok: true, reason: null };
    }
  }
  let prevHash = GENESIS_HASH;
  let lastId: number | null = null;
  let checked = 0;
  const head = (): ChainHead => ({ sequence: checked, entryId: lastId, hash: prevHash });
  const finish = (chain: Omit<ChainVerification, 'checkpoint'>) => {
    if (anchor && !outcome) {
      outcome = {
        ...described(anchor),
        ok: false,
        reason: chain.ok
          ? `the log has ${checked} entries but the checkpoint of ${anchor.createdAt} anchors ${anchor.sequence} ` +
            `(up to entry ${anchor.entryId}): entries were removed from the end`
          : `the chain breaks before the checkpoint’s head (entry ${anchor.entryId}, position ${anchor.sequence})`,
      };
    }
    const verification: ChainVerification =
      chain.ok && outcome && !outcome.ok
        ? {
            ok: false,
            checked,
            firstBrokenId: chain.firstBrokenId,
            reason: outcome.reason,
            checkpoint: outcome,
          }
        : { ...chain, ...(outcome ? { checkpoint: outcome } : {}) };
    return { verification, head: head() };
  };

  for (;;) {
    const rows = await chainEntriesAfter(db, lastId ?? 0, BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        return finish({
          ok: false,
          checked,
          firstBrokenId: row.id,
          reason: 'link to the previous entry does not match',
        });
      }
      const fields = {
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
      };
      const expected =
        row.hash_scheme === 1
          ? entryHash({ prevHash: row.prev_hash, ...fields })
          : sealedHash(row.prev_hash, contentDigest(fields));
      if (expected !== row.hash) {
        return finish({
          ok: false,
          checked,
          firstBrokenId: row.id,
          reason: 'content does not match its hash',
        });
      }
      prevHash = row.hash;
      lastId = row.id;
      checked += 1;
      if (anchor && !outcome && checked === anchor.sequence) {
        const same = row.id === anchor.entryId && row.hash === anchor.hash;
        outcome = {
          ...described(anchor),
          ok: same,
          reason: same
            ? null
            : `at position ${anchor.sequence} the log holds entry ${row.id} (hash ${short(row.hash)}…) but the ` +
              `checkpoint of ${anchor.createdAt} anchors entry ${anchor.entryId} (hash ${short(anchor.hash)}…): ` +
              'the log diverges from the checkpoint',
        };
        if (!same)
          return finish({ ok: false, checked: checked - 1, firstBrokenId: row.id, reason: outcome.reason });
      }
    }
  }
  return finish({ ok: true, checked, firstBrokenId: null, reason: null });
}

function described(anchor: AuditCheckpoint): Omit<CheckpointOutcome, 'ok' | 'reason'> {
  return { createdAt: anchor.createdAt, sequence: anchor.sequence, entryId: anchor.entryId };
}
