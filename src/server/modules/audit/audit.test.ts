import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInMember } from '../../../../tests/support/api.ts';
import { withAuditTriggerDisabled } from '../../../../tests/support/audit.ts';
import {
  apiError,
  type Client,
  makeOrganisation,
  makeUser,
  registeredRoutes,
  sessionFor,
} from '../../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/test-db.ts';
import type { Role } from '../../../shared/roles.ts';
import type { AuditLogTable, DB } from '../../db/types.ts';
import { GENESIS_HASH } from './record-audit.ts';

let ctx: TestContext;
let db: Kysely<DB>;
let auditor: Client;
let admin: Client;
/** An editor whose writes fill the trail; their email is what the actor filter looks for. */
let editor: { client: Client; email: string; orgId: string };

const clientWith = (role: Role) => signedInMember(ctx.app, role);

beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
  auditor = (await clientWith('auditor')).client;
  admin = (await clientWith('platform_admin')).client;
  editor = await clientWith('org_editor');
});
afterAll(async () => {
  await ctx?.close();
});

type AuditRow = Selectable<AuditLogTable>;

/** Registers an organisation through the API: one `create` entry (no contacts, so no read entry). */
async function registerOrganisation(): Promise<string> {
  const response = await editor.client.post('/api/organisations', {
    legalName: `Lembaga Jejak ${randomUUID()}`,
    type: 'ngo',
    areaCode: '52.03',
    confirmDuplicate: true,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** The last `count` entries, oldest first. */
async function lastEntries(count: number): Promise<AuditRow[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(count).execute();
  return rows.reverse();
}

async function verify() {
  const response = await auditor.get('/api/audit/verify');
  expect(response.statusCode).toBe(200);
  return response.json();
}

const withTriggerDisabled = (work: () => Promise<unknown>) => withAuditTriggerDisabled(db, work);

describe('the hash chain', () => {
  it('links every entry to the one before it, from the genesis hash', async () => {
    await registerOrganisation();
    await registerOrganisation();
    const rows = await db.selectFrom('audit_log').select(['id', 'prev_hash', 'hash']).orderBy('id').execute();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((row, i) => {
      expect(row.prev_hash, `entry ${row.id}`).toBe(rows[i]?.hash);
    });
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
  });

  it('GET /api/audit/verify recomputes the whole chain and finds it intact', async () => {
    await registerOrganisation();
    const { n } = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await verify()).toEqual({ ok: true, checked: Number(n), firstBrokenId: null, reason: null });
  });
});

describe('GET /api/audit', () => {
  it('401 for anonymous callers, 403 for every role but auditor and platform admin', async () => {
    for (const url of ['/api/audit', '/api/audit/verify']) {
      const anonymous = await ctx.app.inject({ method: 'GET', url: `${url}?limit=0` });
      expect(apiError(anonymous), url).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      for (const role of ['coordinator', 'org_admin', 'org_editor', 'viewer', 'field_facilitator'] as const) {
        const { client } = await clientWith(role);
        expect(apiError(await client.get(url)), `${url} as ${role}`).toMatchObject({
          status: 403,
          code: 'FORBIDDEN',
        });
      }
    }
  });

  it('refuses each invalid parameter with its path (400)', async () => {
    const cases: Array<[string, string]> = [
      ['limit=0', 'querystring.limit'],
      ['offset=-1', 'querystring.offset'],
      ['action=erase', 'querystring.action'],
      ['from=2025-13-01', 'querystring.from'],
      ['to=yesterday', 'querystring.to'],
      [`entityType=${'x'.repeat(61)}`, 'querystring.entityType'],
      ['hash=abc', 'querystring'],
    ];
    for (const [query, path] of cases) {
      expect(apiError(await auditor.get(`/api/audit?${query}`)), query).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
  });

  it('filters by action, entity type and id, actor and date range, newest first', async () => {
    const id = await registerOrganisation();
    const updated = await editor.client.patch(`/api/organisations/${id}`, {
      version: 1,
      address: 'Jl. Jejak',
    });
    expect(updated.statusCode).toBe(200);

    for (const reader of [auditor, admin]) {
      const forEntity = (await reader.get(`/api/audit?entityType=organisation&entityId=${id}`)).json();
      expect(forEntity.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
      expect(forEntity.page.total).toBe(2);
      const [update, create] = forEntity.items;
      expect(update.id).toBeGreaterThan(create.id);
      expect(create).toMatchObject({
        entityType: 'organisation',
        entityId: id,
        actorLabel: editor.email,
        before: null,
        after: expect.objectContaining({ areaCode: '52.03' }),
      });
      expect(update.before).toMatchObject({ address: null });
      expect(update.after).toMatchObject({ address: 'Jl. Jejak' });
      expect(create.hash).toMatch(/^[0-9a-f]{64}$/);

      const updates = (await reader.get(`/api/audit?action=update&entityId=${id}`)).json();
      expect(updates.items.map((e: { action: string }) => e.action)).toEqual(['update']);

      // The actor filter matches part of the email, case-insensitively.
      const byActor = (
        await reader.get(`/api/audit?actor=${editor.email.slice(0, 14).toUpperCase()}&limit=200`)
      ).json();
      expect(byActor.items.length).toBeGreaterThan(0);
      expect(byActor.items.every((e: { actorLabel: string }) => e.actorLabel === editor.email)).toBe(true);
      expect(byActor.items.map((e: { entityId: string }) => e.entityId)).toContain(id);

      // Dates are whole UTC days, both ends included.
      const day = create.occurredAt.slice(0, 10);
      const shift = (days: number) =>
        new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      const within = async (query: string) =>
        (await reader.get(`/api/audit?entityId=${id}&${query}`)).json().items.length as number;
      expect(await within(`from=${day}&to=${day}`)).toBe(2);
      expect(await within(`from=${shift(-1)}`)).toBe(2);
      expect(await within(`from=${shift(1)}`)).toBe(0);
      expect(await within(`to=${shift(-1)}`)).toBe(0);
    }
  });
});

describe('who an entry names', () => {
  it('the acting user by id and by the email they acted with; a user whose data was read by id only', async () => {
    const orgId = await makeOrganisation(db);
    const administrator = await makeUser(db, [{ organisationId: orgId, role: 'platform_admin' }]);
    const subject = await makeUser(db, []);
    const read = await (await sessionFor(ctx.app, administrator)).get(`/api/users/${subject.id}`);
    expect(read.statusCode, read.body).toBe(200);

    const trail = (await auditor.get(`/api/audit?action=read_personal&entityId=${subject.id}`)).json();
    expect(trail.items).toHaveLength(1);
    const [entry] = trail.items;
    expect(entry).toMatchObject({
      actorUserId: administrator.id,
      actorLabel: administrator.email,
      entityType: 'user',
      entityId: subject.id,
    });
    // The person read is named by id: neither their email nor their name is copied into the trail.
    const copied = JSON.stringify([entry.before, entry.after]);
    expect(copied).not.toContain(subject.email);
    expect(copied).not.toContain('Pengguna Uji');
  });
});

describe('the append-only audit log', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_log', async () => {
    await registerOrganisation();
    const [entry] = await lastEntries(1);
    const id = entry?.id as number;
    await expect(
      sql`update audit_log set actor_label = 'someone else' where id = ${id}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await lastEntries(1))[0]).toEqual(entry);
  });

  it('detects a row changed behind the application’s back, at that row', async () => {
    await registerOrganisation();
    const [entry] = await lastEntries(1);
    const target = entry as AuditRow;
    await withTriggerDisabled(() =>
      sql`update audit_log set after = jsonb_set(after, '{legalName}', '"Nama Palsu"') where id = ${target.id}`.execute(
        db,
      ),
    );
    const broken = await verify();
    expect(broken).toMatchObject({
      ok: false,
      firstBrokenId: target.id,
      reason: 'content does not match its hash',
    });
    expect(broken.checked).toBe(await countBefore(target.id));

    // Putting the original content back makes the chain whole again, so other tests see a valid log.
    await withTriggerDisabled(() =>
      sql`update audit_log set after = ${JSON.stringify(target.after)}::jsonb where id = ${target.id}`.execute(
        db,
      ),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('detects a changed actor label the same way', async () => {
    await registerOrganisation();
    const [entry] = await lastEntries(1);
    const target = entry as AuditRow;
    await withTriggerDisabled(() =>
      sql`update audit_log set actor_label = 'anonymous' where id = ${target.id}`.execute(db),
    );
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: target.id });
    await withTriggerDisabled(() =>
      sql`update audit_log set actor_label = ${target.actor_label} where id = ${target.id}`.execute(db),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('detects a deleted middle row at the row after it (broken link)', async () => {
    await registerOrganisation();
    await registerOrganisation();
    await registerOrganisation();
    const [, middle, next] = (await lastEntries(3)) as [AuditRow, AuditRow, AuditRow];
    await withTriggerDisabled(() => sql`delete from audit_log where id = ${middle.id}`.execute(db));
    expect(await verify()).toMatchObject({
      ok: false,
      firstBrokenId: next.id,
      reason: 'link to the previous entry does not match',
    });

    // Restoring the removed row exactly (same id and content) restores the chain.
    await db
      .insertInto('audit_log')
      .values({
        ...middle,
        before: middle.before === null ? null : JSON.stringify(middle.before),
        after: middle.after === null ? null : JSON.stringify(middle.after),
      })
      .execute();
    expect((await verify()).ok).toBe(true);
  });
});

/** Entries before `id`: what the chain check has verified when it stops there. */
async function countBefore(id: number): Promise<number> {
  const { n } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '<', id)
    .executeTakeFirstOrThrow();
  return Number(n);
}

describe('the API surface of the audit log', () => {
  it('has no route that edits or deletes audit entries', () => {
    const routes = registeredRoutes(ctx.app);
    const auditRoutes = routes.filter((r) => r.split(' ')[1]?.startsWith('/api/audit'));
    expect(auditRoutes.sort()).toEqual([
      'GET /api/audit',
      'GET /api/audit/verify',
      'HEAD /api/audit',
      'HEAD /api/audit/verify',
    ]);
    const writesMentioningAudit = routes.filter((r) => !/^(GET|HEAD) /.test(r) && /audit/i.test(r));
    expect(writesMentioningAudit).toEqual([]);
  });
});
