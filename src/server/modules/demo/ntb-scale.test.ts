import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/test-db.ts';
import { PRODUCTIVE_MODALITIES } from '../../../shared/programs.ts';
import { SECTOR_OF_TYPE } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';
import { canonicalJson } from '../audit/record-audit.ts';
import { GeneratedDataPresentError, generatedDataIn, generateNtbScale } from './ntb-scale.ts';
import { KABUPATEN_POVERTY, REFERENCE_DATE } from './ntb-scale-data.ts';
import { type AreaRow, planNtbScale, SCALE_SIZES } from './ntb-scale-plan.ts';
import { loadDemoData } from './seed.ts';

const SEED = 52;
const OTHER_SEED = 53;
const REF = REFERENCE_DATE;

let ctx: TestContext;
let db: Kysely<DB>;
let areas: AreaRow[];
/** Snapshot digest of the demo slice for SEED, taken right after the first generation. */
let firstSnapshot: string;

/** Digest of the generated rows' identifying and business fields, in canonical JSON. */
async function snapshot(database: Kysely<DB>): Promise<string> {
  const orgs = await database
    .selectFrom('organisations as o')
    .leftJoin('organisations as parent', 'parent.id', 'o.parent_id')
    .select([
      'o.id',
      'o.key',
      'o.legal_name',
      'o.type',
      'o.level',
      'o.area_code',
      'o.offers',
      'o.verification_status',
      'parent.key as parent_key',
    ])
    .where('o.key', 'like', 'gen-org-%')
    .orderBy('o.key')
    .execute();
  const orgIssues = await database
    .selectFrom('organisation_issues as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .select(['i.organisation_id', 'i.issue_code'])
    .where('o.key', 'like', 'gen-org-%')
    .orderBy('i.organisation_id')
    .orderBy('i.issue_code')
    .execute();
  const programs = await database
    .selectFrom('programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.owner_org_id')
    .select([
      'p.id',
      'p.key',
      'o.key as owner',
      'p.title',
      'p.status',
      'p.planned_at',
      'p.started_at',
      'p.completed_at',
      'p.cancelled_at',
      'p.period_start',
      'p.period_end',
      'p.budget_planned',
      'p.budget_realised',
      'p.modality',
      'p.target_households',
      'p.reached_households',
    ])
    .where('p.key', 'like', 'gen-prg-%')
    .orderBy('p.key')
    .execute();
  const villages = await database
    .selectFrom('program_villages')
    .select(['program_id', 'village_code', 'target_households'])
    .orderBy('program_id')
    .orderBy('village_code')
    .execute();
  const partners = await database
    .selectFrom('program_partners')
    .select(['program_id', 'organisation_id', 'role', 'contribution_money', 'contribution_in_kind'])
    .orderBy('program_id')
    .orderBy('organisation_id')
    .execute();
  const partnerships = await database
    .selectFrom('partnerships as k')
    .leftJoin('partnerships as prior', 'prior.id', 'k.renews_id')
    .select([
      'k.id',
      'k.key',
      'k.title',
      'k.status',
      'k.agreement_type',
      'k.agreement_number',
      'k.signed_on',
      'k.starts_on',
      'k.ends_on',
      'k.terminated_on',
      'prior.key as renews',
    ])
    .where('k.key', 'like', 'gen-kmt-%')
    .orderBy('k.key')
    .execute();
  const parties = await database
    .selectFrom('partnership_parties')
    .select(['partnership_id', 'organisation_id', 'role', 'commitment_money', 'commitment_months'])
    .orderBy('partnership_id')
    .orderBy('organisation_id')
    .execute();
  const links = await database
    .selectFrom('partnership_programs')
    .select(['partnership_id', 'program_id'])
    .orderBy('partnership_id')
    .orderBy('program_id')
    .execute();
  // A digest keeps a failure message short; the tables compared are listed above.
  return createHash('sha256')
    .update(canonicalJson({ orgs, orgIssues, programs, villages, partners, partnerships, parties, links }))
    .digest('hex');
}

async function countGeneratedAudits(): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select(db.fn.countAll<number>().as('n'))
    .where('action', '=', 'import')
    .where('entity_type', '=', 'demo')
    // The generator's entries are named scale:seed; the demo seed's own entry is not.
    .where('entity_id', 'like', '%:%')
    .executeTakeFirstOrThrow();
  return row.n;
}

beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
  areas = await db
    .selectFrom('areas')
    .select(['code', 'name', 'level', 'kind'])
    .where('code', 'like', '52.%')
    .orderBy('code')
    .execute();
  const result = await generateNtbScale(db, { scale: 'demo', seed: SEED });
  expect(result.outcome).toBe('generated');
  firstSnapshot = await snapshot(db);
});

afterAll(async () => {
  await ctx?.close();
});

describe('determinism', () => {
  it('plans the same rows for the same seed and different rows for another', () => {
    const a = canonicalJson(planNtbScale(areas, { scale: 'demo', seed: SEED }));
    const b = canonicalJson(planNtbScale(areas, { scale: 'demo', seed: SEED }));
    const c = canonicalJson(planNtbScale(areas, { scale: 'demo', seed: OTHER_SEED }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('writes exactly the planned volumes, with one audit entry and the generation recorded', async () => {
    const sizes = SCALE_SIZES.demo;
    const count = async (table: 'organisations' | 'programs' | 'partnerships', prefix: string) =>
      (
        await db
          .selectFrom(table)
          .select(db.fn.countAll<number>().as('n'))
          .where('key', 'like', `${prefix}%`)
          .executeTakeFirstOrThrow()
      ).n;
    expect(await count('organisations', 'gen-org-')).toBe(sizes.organisations);
    expect(await count('programs', 'gen-prg-')).toBe(sizes.programs);
    expect(await count('partnerships', 'gen-kmt-')).toBe(sizes.partnerships);
    expect(await countGeneratedAudits()).toBe(1);
    expect(await generatedDataIn(db)).toMatchObject({ scale: 'demo', seed: SEED, referenceDate: REF });
  });

  it('keeps the data on a rerun with the same seed and refuses another seed unless told to replace', async () => {
    const again = await generateNtbScale(db, { scale: 'demo', seed: SEED });
    expect(again.outcome).toBe('kept');
    await expect(generateNtbScale(db, { scale: 'demo', seed: OTHER_SEED })).rejects.toBeInstanceOf(
      GeneratedDataPresentError,
    );
    expect(await snapshot(db)).toBe(firstSnapshot);
    expect(await countGeneratedAudits()).toBe(1);
  });

  it('writes byte-identical rows, ids included, when the same seed is generated again', async () => {
    // Replacing removes every generated row and writes the plan afresh; the plan test
    // above already shows that another seed gives other rows.
    const again = await generateNtbScale(db, { scale: 'demo', seed: SEED, existing: 'replace' });
    expect(again.replaced).toMatchObject({ scale: 'demo', seed: SEED });
    expect(await snapshot(db)).toBe(firstSnapshot);
    expect(await countGeneratedAudits()).toBe(2);
  });

  it('the demo seed step keeps generated data that is already there', async () => {
    await loadDemoData(db, () => {});
    expect(await snapshot(db)).toBe(firstSnapshot);
    expect(await generatedDataIn(db)).toMatchObject({ scale: 'demo', seed: SEED });
  });
});

describe('distributions of the demo slice', () => {
  it('puts every program in at least one NTB village and inside 2025–2030', async () => {
    const rows = await db
      .selectFrom('programs as p')
      .leftJoin('program_villages as v', 'v.program_id', 'p.id')
      .select((eb) => [
        'p.key',
        'p.period_start',
        'p.period_end',
        eb.fn.count<number>('v.village_code').as('villages'),
      ])
      .where('p.key', 'like', 'gen-prg-%')
      .groupBy(['p.key', 'p.period_start', 'p.period_end'])
      .execute();
    expect(rows).toHaveLength(SCALE_SIZES.demo.programs);
    for (const row of rows) {
      expect(row.villages, row.key).toBeGreaterThanOrEqual(1);
      expect(row.period_start >= '2025-01-01' && row.period_end <= '2030-12-31', row.key).toBe(true);
      expect(row.period_end >= row.period_start).toBe(true);
    }
    const outside = await db
      .selectFrom('program_villages as v')
      .innerJoin('areas as a', 'a.code', 'v.village_code')
      .select(db.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('a.level', '<>', 'village'), eb('a.code', 'not like', '52.%')]))
      .executeTakeFirstOrThrow();
    expect(outside.n).toBe(0);
  });

  it('gives poorer kabupaten more programs per village than Kota Mataram', async () => {
    const perVillage = await sql<{ regency: string; links: number; programs: number; villages: number }>`
      select a.code as regency,
             (select count(*)::int from program_villages v join programs p on p.id = v.program_id
               where p.key like 'gen-prg-%' and v.village_code like a.code || '.%') as links,
             (select count(distinct v.program_id)::int from program_villages v join programs p on p.id = v.program_id
               where p.key like 'gen-prg-%' and v.village_code like a.code || '.%') as programs,
             (select count(*)::int from areas x where x.level = 'village' and x.code like a.code || '.%') as villages
      from areas a where a.level = 'regency' and a.code like '52.%'`.execute(db);
    const rate = (code: string) => {
      const row = perVillage.rows.find((r) => r.regency === code);
      if (!row) throw new Error(`no row for ${code}`);
      return { links: row.links / row.villages, programs: row.programs / row.villages };
    };
    const lombokTimur = rate('52.03');
    const lombokUtara = rate('52.08');
    const mataram = rate('52.71');
    expect(lombokTimur.links).toBeGreaterThan(mataram.links);
    expect(lombokTimur.programs).toBeGreaterThan(mataram.programs);
    expect(lombokUtara.programs).toBeGreaterThan(mataram.programs);
    // And per poor person (BPS March 2024 counts), the poorest places are not short-changed either.
    const poor = (code: string) => KABUPATEN_POVERTY.find((k) => k.code === code)?.poorThousands ?? 1;
    expect(lombokUtara.programs / poor('52.08')).toBeGreaterThan(mataram.programs / poor('52.71'));
  });

  it('mixes modalities about 45/55 consumptive/productive, shifting to productive in later years', async () => {
    const rows = await db
      .selectFrom('programs')
      .select(['modality', 'period_start'])
      .where('key', 'like', 'gen-prg-%')
      .execute();
    const productive = (list: typeof rows) =>
      list.filter((r) => PRODUCTIVE_MODALITIES.includes(r.modality)).length / list.length;
    expect(productive(rows)).toBeGreaterThan(0.45);
    expect(productive(rows)).toBeLessThan(0.65);
    const early = rows.filter((r) => r.period_start < '2027-01-01');
    const late = rows.filter((r) => r.period_start >= '2029-01-01');
    expect(productive(late)).toBeGreaterThan(productive(early));
  });

  it('makes the three LKKS priorities frequent issues', async () => {
    const rows = await db
      .selectFrom('program_issues as i')
      .innerJoin('programs as p', 'p.id', 'i.program_id')
      .select(['i.issue_code', db.fn.countAll<number>().as('n')])
      .where('p.key', 'like', 'gen-prg-%')
      .groupBy('i.issue_code')
      .orderBy('n', 'desc')
      .execute();
    const top = rows.slice(0, 4).map((r) => r.issue_code);
    expect(top).toContain('kemiskinan_ekstrem');
    expect(top).toContain('tengkes');
    const childMarriage = rows.find((r) => r.issue_code === 'perkawinan_anak');
    expect(childMarriage?.n ?? 0).toBeGreaterThan(SCALE_SIZES.demo.programs * 0.04);
  });

  it('keeps money in whole non-negative rupiah and budgets between Rp 10 jt and Rp 5 M', async () => {
    const programs = await db
      .selectFrom('programs')
      .select(['key', 'budget_planned', 'budget_realised', 'status'])
      .where('key', 'like', 'gen-prg-%')
      .execute();
    for (const p of programs) {
      // The generator always gives a budget: an unknown one (null) would be a bug here.
      expect(p.budget_planned, p.key).not.toBeNull();
      const planned = Number(p.budget_planned);
      expect(Number.isSafeInteger(planned) && planned % 1000 === 0, p.key).toBe(true);
      expect(p.budget_planned).toBeGreaterThanOrEqual(10_000_000);
      expect(p.budget_planned).toBeLessThanOrEqual(5_000_000_000);
      if (p.budget_realised !== null) {
        expect(Number.isSafeInteger(p.budget_realised) && p.budget_realised >= 0, p.key).toBe(true);
      }
      if (p.status === 'completed') expect(p.budget_realised, p.key).not.toBeNull();
    }
    const contributions = await db.selectFrom('program_partners').select('contribution_money').execute();
    const commitments = await db.selectFrom('partnership_parties').select('commitment_money').execute();
    for (const money of [
      ...contributions.map((c) => c.contribution_money),
      ...commitments.map((c) => c.commitment_money),
    ]) {
      if (money !== null) expect(Number.isSafeInteger(money) && money >= 0).toBe(true);
    }
  });

  it('adds per-village targets up to the program target where they are given', async () => {
    const rows = await sql<{ key: string; target: number; sum: number }>`
      select p.key, p.target_households as target, sum(v.target_households)::int as sum
      from programs p join program_villages v on v.program_id = p.id
      where p.key like 'gen-prg-%' and v.target_households is not null
      group by p.key, p.target_households`.execute(db);
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const row of rows.rows) expect(row.sum, row.key).toBe(row.target);
  });

  it('sets program statuses and lifecycle dates consistent with the reference date', async () => {
    const programs = await db.selectFrom('programs').selectAll().where('key', 'like', 'gen-prg-%').execute();
    const statuses = new Set(programs.map((p) => p.status));
    for (const status of ['planned', 'active', 'completed'] as const) expect(statuses).toContain(status);
    for (const p of programs) {
      const why = `${p.key} ${p.status} ${p.period_start}..${p.period_end}`;
      switch (p.status) {
        case 'completed':
          expect(p.period_end < REF, why).toBe(true);
          expect(p.started_at, why).toBe(p.period_start);
          expect(
            p.completed_at !== null && p.completed_at >= p.period_end && p.completed_at <= REF,
            why,
          ).toBe(true);
          break;
        case 'active':
          expect(p.period_start <= REF && p.period_end >= REF, why).toBe(true);
          expect(p.started_at, why).toBe(p.period_start);
          break;
        case 'planned':
        case 'draft':
          expect(p.period_start > REF, why).toBe(true);
          expect(p.started_at, why).toBeNull();
          break;
        case 'cancelled':
          expect(p.cancelled_at !== null && p.cancelled_at <= REF, why).toBe(true);
          break;
      }
      if (p.planned_at !== null)
        expect(p.planned_at <= REF && p.planned_at <= p.period_start, why).toBe(true);
      if (p.status === 'draft') expect(p.planned_at, why).toBeNull();
    }
  });

  it('builds partnerships of two or more organisations from at least two sectors', async () => {
    const parties = await db
      .selectFrom('partnership_parties as pp')
      .innerJoin('partnerships as k', 'k.id', 'pp.partnership_id')
      .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
      .select(['k.key', 'pp.organisation_id', 'pp.role', 'o.type'])
      .where('k.key', 'like', 'gen-kmt-%')
      .execute();
    const byKey = new Map<string, typeof parties>();
    for (const party of parties) byKey.set(party.key, [...(byKey.get(party.key) ?? []), party]);
    expect(byKey.size).toBe(SCALE_SIZES.demo.partnerships);
    for (const [key, list] of byKey) {
      expect(new Set(list.map((p) => p.organisation_id)).size, key).toBeGreaterThanOrEqual(2);
      expect(new Set(list.map((p) => SECTOR_OF_TYPE[p.type])).size, key).toBeGreaterThanOrEqual(2);
      expect(
        list.filter((p) => p.role === 'lead'),
        key,
      ).toHaveLength(1);
    }
  });

  it('links renewals to an earlier agreement of overlapping parties, starting the day after it ended', async () => {
    const renewals = await db
      .selectFrom('partnerships as k')
      .innerJoin('partnerships as prior', 'prior.id', 'k.renews_id')
      .select([
        'k.id',
        'k.key',
        'k.starts_on',
        'prior.id as prior_id',
        'prior.key as prior_key',
        'prior.ends_on',
      ])
      .where('k.key', 'like', 'gen-kmt-%')
      .execute();
    expect(renewals.length).toBeGreaterThan(0);
    const partiesOf = async (id: string) =>
      (
        await db
          .selectFrom('partnership_parties')
          .select('organisation_id')
          .where('partnership_id', '=', id)
          .execute()
      ).map((p) => p.organisation_id);
    for (const r of renewals) {
      expect(r.prior_key < r.key, r.key).toBe(true);
      const nextDay = new Date(`${r.ends_on}T00:00:00Z`);
      nextDay.setUTCDate(nextDay.getUTCDate() + 1);
      expect(r.starts_on, r.key).toBe(nextDay.toISOString().slice(0, 10));
      const mine = await partiesOf(r.id);
      const theirs = new Set(await partiesOf(r.prior_id));
      expect(mine.filter((o) => theirs.has(o)).length, r.key).toBeGreaterThanOrEqual(1);
    }
  });

  it('sets partnership statuses consistent with their dates', async () => {
    const rows = await db.selectFrom('partnerships').selectAll().where('key', 'like', 'gen-kmt-%').execute();
    for (const k of rows) {
      const why = `${k.key} ${k.status} ${k.starts_on}..${k.ends_on}`;
      expect(k.starts_on !== null && k.ends_on !== null && k.ends_on >= k.starts_on, why).toBe(true);
      switch (k.status) {
        case 'expired':
          expect((k.ends_on ?? '') < REF, why).toBe(true);
          break;
        case 'active':
          expect((k.starts_on ?? '') <= REF && (k.ends_on ?? '') >= REF, why).toBe(true);
          break;
        case 'signed':
        case 'draft':
          expect((k.starts_on ?? '') > REF, why).toBe(true);
          break;
        case 'terminated':
          expect(k.terminated_on !== null && k.terminated_on <= REF, why).toBe(true);
          break;
      }
      if (k.signed_on !== null) expect(k.signed_on <= REF, why).toBe(true);
      if (k.agreement_type === 'informal') expect(k.agreement_number, why).toBeNull();
    }
  });

  it('fills the who-does-what-where fact table for every non-draft program', async () => {
    const missing = await sql<{ n: number }>`
      select count(*)::int as n from programs p
      where p.key like 'gen-prg-%' and p.status <> 'draft'
        and not exists (select 1 from program_area_facts f where f.program_id = p.id)`.execute(db);
    expect(missing.rows[0]?.n).toBe(0);
    const province = await sql<{ n: number; budget: number }>`
      select count(*)::int as n, sum(budget_planned)::bigint as budget
      from program_area_facts where level = 'province' and year = 0`.execute(db);
    const planned = await sql<{ budget: number }>`
      select sum(budget_planned)::bigint as budget from programs
      where key like 'gen-prg-%' and status <> 'draft'`.execute(db);
    expect(province.rows[0]?.n).toBeGreaterThan(0);
    // Facts split money exactly: the province total equals the programs' own total.
    expect(province.rows[0]?.budget).toBe(planned.rows[0]?.budget);
  });
});
