/**
 * The chain sealed at commit (migration 0009) and its signed checkpoints. A file of its own:
 * these tests cut the log and store checkpoints, which the tests of audit.test.ts must not see.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAuditTriggerDisabled } from '../../../../tests/support/audit.ts';
import { type Client, makeOrganisation, makeUser, sessionFor } from '../../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/test-db.ts';
import { down as downToLegacy, up as upToSealed } from '../../db/migrations/0009_audit_streams.ts';
import type { DB } from '../../db/types.ts';
import { verifyAgainstLatestCheckpoint, writeCheckpoint } from './checkpoint.ts';
import { type AuditContext, canonicalJson, entryHash, GENESIS_HASH, recordAudit } from './record-audit.ts';
import { parseCheckpointFile } from './signature.ts';
import { verifyAuditChain } from './verify-chain.ts';

const KEY = 'test-audit-checkpoint-key-0123456789abcdef';
let ctx: TestContext;
let db: Kysely<DB>;
let auditor: Client;

const context = (label: string): AuditContext => ({
  actorUserId: null,
  actorLabel: label,
  ip: null,
  requestId: null,
});
const event = (entityId: string) => ({ action: 'create', entityType: 'test', entityId, after: { entityId } });

beforeAll(async () => {
  ctx = await createTestApp({ auditCheckpointKey: KEY });
  db = ctx.database.db;
  const orgId = await makeOrganisation(db);
  auditor = await sessionFor(ctx.app, await makeUser(db, [{ organisationId: orgId, role: 'auditor' }]));
});
afterAll(async () => {
  await ctx?.close();
});

const withTriggerDisabled = (work: () => Promise<unknown>) => withAuditTriggerDisabled(db, work);

async function record(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const id of ids) await db.transaction().execute((trx) => recordAudit(trx, context('test'), event(id)));
  return ids;
}

const entriesOf = (entityIds: string[]) =>
  db.selectFrom('audit_log').selectAll().where('entity_id', 'in', entityIds).orderBy('id').execute();

async function verifyRoute() {
  const response = await auditor.get('/api/audit/verify');
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('entries sealed at commit', () => {
  it('a rolled-back write leaves neither an entry nor a pending row', async () => {
    const id = randomUUID();
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, context('test'), event(id));
        throw new Error('the write fails after its audit entry');
      }),
    ).rejects.toThrow('the write fails');
    expect(await entriesOf([id])).toEqual([]);
    expect(await db.selectFrom('audit_pending').selectAll().execute()).toEqual([]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('links a transaction’s entries in the order they were recorded, each onto the one before', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await db.transaction().execute(async (trx) => {
      for (const id of ids) await recordAudit(trx, context('test'), event(id));
      // Not linked before the commit: the chain only ever holds committed entries.
      expect(
        (await trx.selectFrom('audit_pending').select('entity_id').execute()).map((r) => r.entity_id),
      ).toEqual(ids);
    });
    const rows = await entriesOf(ids);
    expect(rows.map((r) => r.entity_id)).toEqual(ids);
    expect(rows.every((r) => r.hash_scheme === 2)).toBe(true);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[2]?.prev_hash).toBe(rows[1]?.hash);
    expect(await db.selectFrom('audit_head').select(['entry_id', 'hash']).executeTakeFirst()).toEqual({
      entry_id: rows[2]?.id,
      hash: rows[2]?.hash,
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('a write still open does not hold up another one: the first to commit is linked first', async (test) => {
    // The embedded engine has one connection, so a second transaction cannot start while one is open.
    if (ctx.database.engine !== 'postgresql') test.skip();
    const [first, second] = [randomUUID(), randomUUID()];
    await db.transaction().execute(async (open) => {
      await recordAudit(open, context('test'), event(first));
      // With the old single lock held until commit, this transaction waited for `open`: a deadlock.
      await db.transaction().execute((other) => recordAudit(other, context('test'), event(second)));
    });
    const rows = await entriesOf([first, second]);
    expect(rows.map((r) => r.entity_id)).toEqual([second, first]);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('a tail cut off behind the head shows at the next entry, whose link points at the removed one', async () => {
    const [, removed] = await record(2);
    const [cut] = await entriesOf([removed as string]);
    await withTriggerDisabled(() => sql`delete from audit_log where id = ${cut?.id}`.execute(db));
    const [next] = await record(1);
    const [nextRow] = await entriesOf([next as string]);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBrokenId: nextRow?.id,
      reason: 'link to the previous entry does not match',
    });
    // Put the row back exactly so the other tests see a whole chain.
    await db
      .insertInto('audit_log')
      .values({ ...(cut as NonNullable<typeof cut>), before: null, after: JSON.stringify(cut?.after) })
      .execute();
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('signed checkpoints', () => {
  it('verify compares the chain with the latest checkpoint; entries after it are fine', async () => {
    await record(2);
    const { checkpoint, verification } = await writeCheckpoint(db, KEY);
    expect(verification.ok).toBe(true);
    expect(checkpoint).toMatchObject({ sequence: verification.checked, format: 'simpul-audit-checkpoint/1' });
    await record(2);
    const result = await verifyRoute();
    expect(result).toMatchObject({
      ok: true,
      firstBrokenId: null,
      reason: null,
      checkpoint: { ok: true, reason: null, sequence: checkpoint?.sequence, entryId: checkpoint?.entryId },
    });
    expect(result.checked).toBe((checkpoint?.sequence ?? 0) + 2);
  });

  it('deleting the last entries leaves a valid chain that fails against the checkpoint, with a clear message', async () => {
    const ids = await record(3);
    const { checkpoint } = await writeCheckpoint(db, KEY);
    const file = JSON.stringify(checkpoint, null, 2);
    const rows = await entriesOf(ids);
    const cut = rows.slice(1);
    // Everything an intruder with table-owner rights would do: remove the tail and move the head back.
    await withTriggerDisabled(async () => {
      await sql`delete from audit_log where id = any(${cut.map((r) => r.id)})`.execute(db);
    });
    await sql`update audit_head set entry_id = ${rows[0]?.id}, hash = ${rows[0]?.hash}`.execute(db);
    const sequence = checkpoint?.sequence as number;

    // Without a checkpoint the shorter chain looks whole: the gap the checkpoint closes.
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: sequence - 2 });
    const expected = {
      ok: false,
      checked: sequence - 2,
      firstBrokenId: null,
      reason: `the log has ${sequence - 2} entries but the checkpoint of ${checkpoint?.createdAt} anchors ${sequence} (up to entry ${checkpoint?.entryId}): entries were removed from the end`,
    };
    expect(await verifyRoute()).toMatchObject(expected);
    expect(await verifyAuditChain(db, { checkpoint: parseCheckpointFile(file), key: KEY })).toMatchObject({
      ...expected,
      checkpoint: { ok: false, reason: expected.reason },
    });

    // New entries of the same count do not hide it: the chain diverges at the checkpoint's head.
    const refill = await record(2);
    const [, replaced] = await entriesOf(refill);
    expect(await verifyAgainstLatestCheckpoint(db, KEY)).toMatchObject({
      ok: false,
      firstBrokenId: replaced?.id,
      reason: expect.stringMatching(
        new RegExp(
          `^at position ${sequence} the log holds entry ${replaced?.id} .* the log diverges from the checkpoint$`,
        ),
      ),
    });
  });
});

describe('checkpoint signatures and files', () => {
  it('refuses an altered checkpoint, one signed with another key, and one checked without a key', async () => {
    const { checkpoint } = await writeCheckpoint(db, KEY);
    const anchor = checkpoint as NonNullable<typeof checkpoint>;
    const forged = { ...anchor, sequence: anchor.sequence - 1 };
    const signatureFails = {
      ok: false,
      reason: 'the checkpoint’s signature does not match: it was altered or signed with another key',
    };
    expect((await verifyAuditChain(db, { checkpoint: forged, key: KEY })).checkpoint).toMatchObject(
      signatureFails,
    );
    expect(
      (await verifyAuditChain(db, { checkpoint: anchor, key: 'another-key-0123456789abcdef-0123456789' }))
        .checkpoint,
    ).toMatchObject(signatureFails);
    expect(await verifyAgainstLatestCheckpoint(db, null)).toMatchObject({
      ok: false,
      reason: 'AUDIT_CHECKPOINT_KEY is not set, so the checkpoint’s signature cannot be checked',
    });
  });

  it('reads only checkpoint files, with a message naming what is wrong', () => {
    expect(() => parseCheckpointFile('not json')).toThrow('the checkpoint file is not JSON');
    expect(() => parseCheckpointFile(JSON.stringify({ format: 'simpul-audit-checkpoint/1' }))).toThrow(
      /^the checkpoint file is not a Simpul audit checkpoint \(createdAt: /,
    );
  });

  it('stored checkpoints are append-only', async () => {
    await expect(sql`delete from audit_checkpoints`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_checkpoints set sequence = 0`.execute(db)).rejects.toThrow(/append-only/);
  });
});

describe('entries written before migration 0009', () => {
  it('keep verifying with their own scheme, and the sealed entries chain on after them', async () => {
    // A second database state: back to before 0009, a few entries the old way, then 0009 again.
    const legacy = await createTestApp();
    const ldb = legacy.database.db;
    try {
      await downToLegacy(ldb as Kysely<unknown>);
      const last = await ldb.selectFrom('audit_log').select('hash').orderBy('id', 'desc').executeTakeFirst();
      let prevHash = last?.hash ?? GENESIS_HASH;
      for (const id of [randomUUID(), randomUUID()]) {
        const occurredAt = new Date(Math.floor(Date.now()));
        const after = JSON.parse(canonicalJson({ entityId: id }));
        const fields = { prevHash, occurredAt, ...context('system'), action: 'create', entityType: 'test' };
        const hash = entryHash({ ...fields, entityId: id, before: null, after });
        await ldb
          .insertInto('audit_log')
          .values({
            occurred_at: occurredAt,
            actor_user_id: null,
            actor_label: 'system',
            action: 'create',
            entity_type: 'test',
            entity_id: id,
            before: null,
            after: JSON.stringify(after),
            ip: null,
            request_id: null,
            prev_hash: prevHash,
            hash,
          } as never)
          .execute();
        prevHash = hash;
      }
      await upToSealed(ldb as Kysely<unknown>);
      await ldb.transaction().execute((trx) => recordAudit(trx, context('test'), event(randomUUID())));
      const rows = await ldb.selectFrom('audit_log').select(['id', 'hash_scheme', 'prev_hash']).execute();
      expect(rows.filter((r) => r.hash_scheme === 1).length).toBeGreaterThanOrEqual(2);
      expect(rows.at(-1)).toMatchObject({ hash_scheme: 2, prev_hash: prevHash });
      expect((await verifyAuditChain(ldb)).ok).toBe(true);

      // Tampering with an old entry is still caught, at that entry.
      const legacyRow = rows.filter((r) => r.hash_scheme === 1).at(-1);
      await withAuditTriggerDisabled(ldb, () =>
        sql`update audit_log set actor_label = 'someone' where id = ${legacyRow?.id}`.execute(ldb),
      );
      expect(await verifyAuditChain(ldb)).toMatchObject({
        ok: false,
        firstBrokenId: legacyRow?.id,
        reason: 'content does not match its hash',
      });
    } finally {
      await legacy.close();
    }
  });
});
