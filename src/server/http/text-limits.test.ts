/**
 * Long text is refused, never cut (issue 8 §2): every write answers 400 VALIDATION_FAILED with a
 * `too_long` detail naming the field and its limit, and nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeOrganisation, makeUser, sessionFor } from '../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../tests/support/test-db.ts';
import { TEXT_LIMITS } from '../../shared/contracts/limits.ts';
import type { DB } from '../db/types.ts';

let ctx: TestContext;
let db: Kysely<DB>;
let admin: Client;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
  orgId = await makeOrganisation(db);
  otherOrgId = await makeOrganisation(db);
  const user = await makeUser(db, [{ organisationId: orgId, role: 'platform_admin', areaScope: null }]);
  admin = await sessionFor(ctx.app, user);
});
afterAll(async () => {
  await ctx?.close();
});

type Detail = { path: string; code?: string; limit?: number; message: string };
const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown) =>
  admin.request({ method, url, payload: payload as string });

function expectTooLong(response: { statusCode: number; json(): unknown }, fields: Record<string, number>) {
  expect(response.statusCode).toBe(400);
  const body = response.json() as { error: { code: string; details: Detail[] } };
  expect(body.error.code).toBe('VALIDATION_FAILED');
  for (const [path, limit] of Object.entries(fields)) {
    expect(body.error.details).toContainEqual({
      path: `body.${path}`,
      code: 'too_long',
      limit,
      message: `at most ${limit} characters`,
    });
  }
}

const marker = () => `panjang${randomUUID().slice(0, 8)}`;
const programBody = (title: string, extra: Record<string, unknown> = {}) => ({
  ownerOrgId: orgId,
  title,
  issues: ['tengkes'],
  villages: [{ code: '52.03.01.2002' }],
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  budgetPlanned: 1_000_000,
  modality: 'cash',
  status: 'planned',
  ...extra,
});

describe('over-long text on every write', () => {
  it('a 5,000-character title and a 200,000-character description: 400 and no program stored', async () => {
    const word = marker();
    const response = await send(
      'POST',
      '/api/programs',
      programBody(`${word} ${'t'.repeat(5000)}`, { description: 'd'.repeat(200_000) }),
    );
    expectTooLong(response, { title: TEXT_LIMITS.title, description: TEXT_LIMITS.description });
    const stored = await db.selectFrom('programs').select('id').where('title', 'like', `${word}%`).execute();
    expect(stored).toEqual([]);
  });

  it('text exactly at the limit is stored whole', async () => {
    const title = `${marker()} `.padEnd(TEXT_LIMITS.title, 'x');
    const description = 'd'.repeat(TEXT_LIMITS.description);
    const response = await send('POST', '/api/programs', programBody(title, { description }));
    expect(response.statusCode).toBe(201);
    const row = await db
      .selectFrom('programs')
      .select(['title', 'description'])
      .where('id', '=', (response.json() as { id: string }).id)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe(title);
    expect(row.description).toBe(description);
  });

  it('editing a program with an over-long title leaves it unchanged', async () => {
    const created = await send('POST', '/api/programs', programBody(`Program ${marker()}`));
    const program = created.json() as { id: string; title: string; version: number; key: string };
    const { status: _status, ...fields } = programBody('u'.repeat(301));
    const response = await send('PUT', `/api/programs/${program.id}`, {
      ...fields,
      key: program.key,
      version: program.version,
    });
    expectTooLong(response, { title: TEXT_LIMITS.title });
    const row = await db
      .selectFrom('programs')
      .select('title')
      .where('id', '=', program.id)
      .executeTakeFirst();
    expect(row?.title).toBe(program.title);
  });

  it('partnerships: title, description and commitments', async () => {
    const word = marker();
    const response = await send('POST', '/api/partnerships', {
      title: `${word} ${'t'.repeat(400)}`,
      description: 'd'.repeat(5001),
      agreementType: 'mou',
      agreementNumber: 'n'.repeat(121),
      parties: [
        { organisationId: orgId, role: 'lead', commitmentInKind: 'k'.repeat(501) },
        { organisationId: otherOrgId, role: 'partner' },
      ],
    });
    expectTooLong(response, {
      title: TEXT_LIMITS.title,
      description: TEXT_LIMITS.description,
      agreementNumber: TEXT_LIMITS.agreementNumber,
      'parties.0.commitmentInKind': TEXT_LIMITS.commitment,
    });
    const stored = await db
      .selectFrom('partnerships')
      .select('id')
      .where('title', 'like', `${word}%`)
      .execute();
    expect(stored).toEqual([]);
  });

  it('organisations: legal name, address, description and contact names', async () => {
    const word = marker();
    const response = await send('POST', '/api/organisations', {
      legalName: `${word} ${'n'.repeat(300)}`,
      type: 'ngo',
      areaCode: '52.03',
      address: 'a'.repeat(501),
      description: 'd'.repeat(200_000),
      contacts: [{ name: 'c'.repeat(121) }],
      confirmDuplicate: true,
    });
    expectTooLong(response, {
      legalName: TEXT_LIMITS.legalName,
      address: TEXT_LIMITS.address,
      description: TEXT_LIMITS.description,
      'contacts.0.name': TEXT_LIMITS.personName,
    });
    const stored = await db
      .selectFrom('organisations')
      .select('id')
      .where('legal_name', 'like', `${word}%`)
      .execute();
    expect(stored).toEqual([]);
  });

  it('issues and users', async () => {
    const code = `panjang_${randomUUID().slice(0, 6)}`;
    const issue = await send('POST', '/api/issues', {
      code,
      nameId: 'n'.repeat(101),
      nameEn: 'Long',
      descriptionEn: 'd'.repeat(1001),
    });
    expectTooLong(issue, { nameId: TEXT_LIMITS.issueName, descriptionEn: TEXT_LIMITS.issueDescription });
    expect(await db.selectFrom('issues').select('code').where('code', '=', code).execute()).toEqual([]);

    const email = `${marker()}@contoh.or.id`;
    const user = await send('POST', '/api/users', {
      email,
      name: 'n'.repeat(121),
      password: 'a long enough password',
    });
    expectTooLong(user, { name: TEXT_LIMITS.personName });
    expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
  });
});
