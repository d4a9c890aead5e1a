/**
 * All SQL of the who-does-what-where figures. Two sources give the same answers:
 * - the pre-summed cells (`figure_cells`, `figure_organisations`, migration 0008), read for
 *   the views they cover: no owner-type, modality or status filter (the default statuses)
 *   and at most one issue; the dashboard also needs no issue filter and one focus area;
 * - the fact table (`program_area_facts`), aggregated per request, for every other filter.
 * The reader's area scope is applied in every query, so what they may not see is not counted.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { WhoWhatWhereFilter } from '../../../shared/contracts/who-what-where.ts';
import { DEFAULT_MAPPED_STATUSES } from '../../../shared/programs.ts';
import type { OrganisationType } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';
import { areaScopeFilter } from '../../policies/scope-filter.ts';

type FactsEB = ExpressionBuilder<DB & { f: DB['program_area_facts'] }, 'f'>;
type CellsEB = ExpressionBuilder<DB & { c: DB['figure_cells'] }, 'c'>;

export type MapLevel = 'regency' | 'district' | 'village';

/** The sums every view shows for a set of programs. */
export interface FigureSums {
  programs: number;
  without_budget: number;
  budget_planned: number;
  budget_realised: number;
  productive_budget: number;
}
export interface MapRow extends FigureSums {
  area_code: string;
  organisations: number;
}
export interface BreakdownRow {
  key: string;
  programs: number;
  budget_planned: number;
  productive_budget: number;
}
export interface YearRow {
  year: number;
  programs: number;
  budget_planned: number;
  productive_budget: number;
}
export interface OwnerRow {
  organisation_id: string;
  programs: number;
  budget_planned: number;
}
export interface DashboardRows {
  totals: FigureSums & { target_households: number; reached_households: number };
  organisations: number;
  villages: number;
  byIssue: BreakdownRow[];
  byType: BreakdownRow[];
  byModality: BreakdownRow[];
  byStatus: BreakdownRow[];
  byYear: YearRow[];
  owners: OwnerRow[];
}
export interface AreaOrganisationRow {
  id: string;
  name: string;
  type: OrganisationType;
  verification_status: string;
  programs: number;
}

const EMPTY_SUMS: FigureSums = {
  programs: 0,
  without_budget: 0,
  budget_planned: 0,
  budget_realised: 0,
  productive_budget: 0,
};

/** Bigint sums arrive as numbers (db/engine.ts); a numeric sum as a number too. */
const sums = <T extends object>(row: T): T =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v]),
  ) as T;

// ---- pre-summed cells ---------------------------------------------------------------

/** The cell rows for (year, issue) with no further breakdown: an area's totals. */
function totalCells(eb: CellsEB, year: number, issue: string) {
  return eb.and([
    eb('c.year', '=', year),
    eb('c.issue', '=', issue),
    eb('c.owner_type', '=', ''),
    eb('c.modality', '=', ''),
    eb('c.status', '=', ''),
  ]);
}

const cellColumns = [
  'c.programs',
  'c.without_budget',
  'c.budget_planned',
  'c.budget_realised',
  'c.productive_budget',
  'c.organisations',
] as const;

export async function mapRowsFromCells(
  db: Kysely<DB>,
  q: { level: MapLevel; year: number; issue: string; area?: string | undefined; scopes: string[] | null },
): Promise<MapRow[]> {
  return db
    .selectFrom('figure_cells as c')
    .select(['c.area_code', ...cellColumns])
    .where((eb) =>
      eb.and([
        eb('c.level', '=', q.level),
        totalCells(eb as unknown as CellsEB, q.year, q.issue),
        areaScopeFilter(eb, 'c.area_code', q.area ? [q.area] : null),
        areaScopeFilter(eb, 'c.area_code', q.scopes),
      ]),
    )
    .orderBy('c.area_code')
    .execute();
}

export async function dashboardRowsFromCells(
  db: Kysely<DB>,
  area: string,
  year: number | undefined,
): Promise<DashboardRows> {
  const y = year ?? 0;
  const cells = () => db.selectFrom('figure_cells as c').where('c.area_code', '=', area);
  const breakdownColumns = ['c.programs', 'c.budget_planned', 'c.productive_budget'] as const;
  const [rows, villages, byYear, owners] = await Promise.all([
    // The area's total, per issue, per owner type, per modality and per status: one read.
    cells()
      .select([
        'c.issue',
        'c.owner_type',
        'c.modality',
        'c.status',
        ...cellColumns,
        'c.target_households',
        'c.reached_households',
      ])
      .where('c.year', '=', y)
      .execute(),
    db
      .selectFrom('figure_cells as c')
      .select(sql<number>`count(*)::int`.as('n'))
      .where((eb) =>
        eb.and([
          eb('c.level', '=', 'village'),
          totalCells(eb as unknown as CellsEB, y, ''),
          areaScopeFilter(eb, 'c.area_code', [area]),
        ]),
      )
      .executeTakeFirstOrThrow(),
    cells()
      .select(['c.year', ...breakdownColumns])
      .where((eb) => eb.and([eb('c.issue', '=', ''), eb('c.owner_type', '=', ''), eb('c.modality', '=', '')]))
      .where('c.status', '=', '')
      // The chart over years shows the year asked for, or every year.
      .where((eb) => (year === undefined ? eb('c.year', '>', 0) : eb('c.year', '=', year)))
      .orderBy('c.year')
      .execute(),
    // The ten largest owners (ties at the tenth included: the caller orders ties by name).
    sql<OwnerRow>`
      select organisation_id, owned_programs as programs, owned_budget_planned as budget_planned
      from figure_organisations
      where area_code = ${area} and year = ${y} and issue = '' and owned_programs > 0
      order by owned_budget_planned desc
      fetch first 10 rows with ties`.execute(db),
  ]);
  const total = rows.find(
    (r) => r.issue === '' && r.owner_type === '' && r.modality === '' && r.status === '',
  );
  const pick = (column: 'issue' | 'owner_type' | 'modality' | 'status') =>
    rows
      .filter((r) => r[column] !== '')
      .map((r) => ({
        key: r[column],
        programs: r.programs,
        budget_planned: r.budget_planned,
        productive_budget: r.productive_budget,
      }));
  return {
    totals: total
      ? {
          programs: total.programs,
          without_budget: total.without_budget,
          budget_planned: total.budget_planned,
          budget_realised: total.budget_realised,
          productive_budget: total.productive_budget,
          target_households: total.target_households,
          reached_households: total.reached_households,
        }
      : { ...EMPTY_SUMS, target_households: 0, reached_households: 0 },
    organisations: total?.organisations ?? 0,
    villages: villages.n,
    byIssue: pick('issue'),
    byType: pick('owner_type'),
    byModality: pick('modality'),
    byStatus: pick('status'),
    byYear: byYear.map(sums),
    owners: owners.rows.map(sums),
  };
}

export async function areaTotalsFromCells(
  db: Kysely<DB>,
  q: { code: string; year: number; issue: string; scopes: string[] | null },
): Promise<FigureSums & { organisations: number }> {
  const row = await db
    .selectFrom('figure_cells as c')
    .select(cellColumns)
    .where((eb) =>
      eb.and([
        eb('c.area_code', '=', q.code),
        totalCells(eb as unknown as CellsEB, q.year, q.issue),
        areaScopeFilter(eb, 'c.area_code', q.scopes),
      ]),
    )
    .executeTakeFirst();
  return row ?? { ...EMPTY_SUMS, organisations: 0 };
}

export async function areaOrganisationsFromCells(
  db: Kysely<DB>,
  q: { code: string; year: number; issue: string; scopes: string[] | null },
  paging: { limit: number; offset: number },
): Promise<AreaOrganisationRow[]> {
  return db
    .selectFrom('figure_organisations as fo')
    .innerJoin('organisations as o', 'o.id', 'fo.organisation_id')
    .select(['o.id', 'o.legal_name as name', 'o.type', 'o.verification_status', 'fo.programs'])
    .where((eb) =>
      eb.and([
        eb('fo.area_code', '=', q.code),
        eb('fo.year', '=', q.year),
        eb('fo.issue', '=', q.issue),
        areaScopeFilter(eb, 'fo.area_code', q.scopes),
      ]),
    )
    .orderBy('fo.programs', 'desc')
    .orderBy('o.legal_name')
    .orderBy('o.id')
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
}

// ---- the fact table -----------------------------------------------------------------

/** Conditions every view applies: filters, status default, year (0 = whole period), reader scope. */
function factFilter(eb: FactsEB, f: WhoWhatWhereFilter, scopes: string[] | null, year: number | 'any') {
  const conditions: Expression<SqlBool>[] = [
    eb('f.status', 'in', [...(f.status?.length ? f.status : DEFAULT_MAPPED_STATUSES)]),
  ];
  if (year !== 'any') conditions.push(eb('f.year', '=', year));
  if (f.issue?.length) conditions.push(sql<SqlBool>`f.issues && ${sql.val(f.issue)}::text[]`);
  if (f.orgType?.length) conditions.push(eb('f.owner_type', 'in', f.orgType));
  if (f.modality?.length) conditions.push(eb('f.modality', 'in', f.modality));
  if (scopes !== null) conditions.push(areaScopeFilter(eb, 'f.area_code', scopes));
  return eb.and(conditions);
}

/** The owners and partners of the fact rows `where` keeps, one row per program and organisation. */
const involved = (db: Kysely<DB>, where: (eb: FactsEB) => Expression<SqlBool>) =>
  db
    .selectFrom('program_area_facts as f')
    .select(sql<string>`unnest(f.org_ids)`.as('organisation_id'))
    .where((eb) => where(eb as unknown as FactsEB))
    .as('involved');

/** The sums of FigureSums over fact rows with one row per program (one area, or grouped by area). */
const factSums = () => [
  sql<number>`count(*)::int`.as('programs'),
  // An unknown budget (null) is left out of the sums and counted here instead.
  sql<number>`(count(*) filter (where f.budget_planned is null))::int`.as('without_budget'),
  sql<number>`coalesce(sum(f.budget_planned), 0)`.as('budget_planned'),
  sql<number>`coalesce(sum(f.budget_realised), 0)`.as('budget_realised'),
  sql<number>`coalesce(sum(f.budget_planned) filter (where f.productive), 0)`.as('productive_budget'),
];

export async function mapRowsFromFacts(
  db: Kysely<DB>,
  f: WhoWhatWhereFilter & { level: MapLevel },
  scopes: string[] | null,
): Promise<MapRow[]> {
  const year = f.year ?? 0;
  const base = (eb: FactsEB) => {
    const c: Expression<SqlBool>[] = [eb('f.level', '=', f.level), factFilter(eb, f, scopes, year)];
    if (f.area) c.push(areaScopeFilter(eb, 'f.area_code', [f.area]));
    return eb.and(c);
  };
  const [figures, organisations] = await Promise.all([
    db
      .selectFrom('program_area_facts as f')
      .select(['f.area_code', ...factSums()])
      .where((eb) => base(eb as unknown as FactsEB))
      .groupBy('f.area_code')
      .orderBy('f.area_code')
      .execute(),
    // Distinct (area, organisation) pairs first, then a count per area: hashing the pairs is
    // faster than count(distinct) per group (which sorts every group), and unnest in the
    // select list is several times faster on the embedded engine than a lateral join.
    db
      .selectFrom((sub) =>
        sub
          .selectFrom('program_area_facts as f')
          .select(['f.area_code', sql<string>`unnest(f.org_ids)`.as('organisation_id')])
          .distinct()
          .where((eb) => base(eb as unknown as FactsEB))
          .as('pairs'),
      )
      .select(['pairs.area_code', sql<number>`count(*)::int`.as('organisations')])
      .groupBy('pairs.area_code')
      .execute(),
  ]);
  const orgsBy = new Map(organisations.map((o) => [o.area_code, o.organisations]));
  return figures.map((r) => ({ ...sums(r), organisations: orgsBy.get(r.area_code) ?? 0 }));
}

export async function dashboardRowsFromFacts(
  db: Kysely<DB>,
  f: WhoWhatWhereFilter,
  areas: string[],
): Promise<DashboardRows> {
  const year = f.year ?? 0;
  // Rows of the focus areas themselves: one per program and year, already summed over villages.
  const focus = (y: number | 'any') => (eb: FactsEB) =>
    eb.and([eb('f.area_code', 'in', areas), factFilter(eb, f, null, y)]);
  const facts = () => db.selectFrom('program_area_facts as f');
  const distinctSums = [
    sql<number>`count(distinct f.program_id)::int`.as('programs'),
    // Unknown budgets (null) are left out of the sums; the totals say how many there are.
    sql<number>`(count(distinct f.program_id) filter (where f.budget_planned is null))::int`.as(
      'without_budget',
    ),
    sql<number>`coalesce(sum(f.budget_planned), 0)`.as('budget_planned'),
    sql<number>`coalesce(sum(f.budget_planned) filter (where f.productive), 0)`.as('productive_budget'),
  ];
  // Totals and the single-valued breakdowns (owner type, modality, status, owner) in one scan.
  const grouped = facts()
    .select([
      sql<string | null>`f.owner_type`.as('owner_type'),
      sql<string | null>`f.modality`.as('modality'),
      sql<string | null>`f.status`.as('status'),
      sql<string | null>`f.owner_org_id`.as('owner_org_id'),
      sql<number>`grouping(f.owner_type, f.modality, f.status, f.owner_org_id)`.as('grouping'),
      ...distinctSums,
      sql<number>`coalesce(sum(f.budget_realised), 0)`.as('budget_realised'),
      sql<number>`coalesce(sum(f.target_households), 0)`.as('target_households'),
      sql<number>`coalesce(sum(f.reached_households), 0)`.as('reached_households'),
    ])
    .where((eb) => focus(year)(eb as unknown as FactsEB))
    .groupBy(sql`grouping sets ((), (f.owner_type), (f.modality), (f.status), (f.owner_org_id))` as never)
    .execute();

  const [groups, organisations, villages, byIssue, byYear] = await Promise.all([
    grouped,
    db
      .selectFrom(involved(db, focus(year)))
      .select(sql<number>`count(distinct involved.organisation_id)::int`.as('n'))
      .executeTakeFirstOrThrow(),
    facts()
      .select(sql<number>`count(distinct f.area_code)::int`.as('n'))
      .where((eb) =>
        eb.and([
          eb('f.level', '=', 'village'),
          areaScopeFilter(eb, 'f.area_code', areas),
          factFilter(eb as unknown as FactsEB, f, null, year),
        ]),
      )
      .executeTakeFirstOrThrow(),
    db
      .selectFrom((sub) =>
        sub
          .selectFrom('program_area_facts as f')
          .select([
            sql<string>`unnest(f.issues)`.as('issue'),
            'f.program_id',
            'f.budget_planned',
            'f.productive',
          ])
          .where((eb) => focus(year)(eb as unknown as FactsEB))
          .as('i'),
      )
      .select([
        sql<string>`i.issue`.as('key'),
        sql<number>`count(distinct i.program_id)::int`.as('programs'),
        sql<number>`coalesce(sum(i.budget_planned), 0)`.as('budget_planned'),
        sql<number>`coalesce(sum(i.budget_planned) filter (where i.productive), 0)`.as('productive_budget'),
      ])
      .groupBy('i.issue')
      .execute(),
    facts()
      .select(['f.year', ...distinctSums])
      // The chart over years shows the year asked for, or every year.
      .where((eb) =>
        eb.and([
          focus('any')(eb as unknown as FactsEB),
          f.year === undefined ? eb('f.year', '>', 0) : eb('f.year', '=', f.year),
        ]),
      )
      .groupBy('f.year')
      .orderBy('f.year')
      .execute(),
  ]);
  // grouping() has one bit per column, the first column the highest, 1 = rolled up: 15 is
  // the grand total, 7 owner type, 11 modality, 13 status, 14 the owner rows.
  const setOf = (bits: number, column: 'owner_type' | 'modality' | 'status' | 'owner_org_id') =>
    groups
      .filter((g) => Number(g.grouping) === bits)
      .map((g) => ({
        key: g[column] as string,
        programs: g.programs,
        budget_planned: Number(g.budget_planned),
        productive_budget: Number(g.productive_budget),
      }));
  const total = groups.find((g) => Number(g.grouping) === 15);
  return {
    totals: total
      ? {
          programs: total.programs,
          without_budget: total.without_budget,
          budget_planned: Number(total.budget_planned),
          budget_realised: Number(total.budget_realised),
          productive_budget: Number(total.productive_budget),
          target_households: Number(total.target_households),
          reached_households: Number(total.reached_households),
        }
      : { ...EMPTY_SUMS, target_households: 0, reached_households: 0 },
    organisations: organisations.n,
    villages: villages.n,
    byIssue: byIssue.map(sums),
    byType: setOf(7, 'owner_type'),
    byModality: setOf(11, 'modality'),
    byStatus: setOf(13, 'status'),
    byYear: byYear.map(sums),
    owners: setOf(14, 'owner_org_id').map((o) => ({
      organisation_id: o.key,
      programs: o.programs,
      budget_planned: o.budget_planned,
    })),
  };
}

export async function areaTotalsFromFacts(
  db: Kysely<DB>,
  code: string,
  f: WhoWhatWhereFilter,
  scopes: string[] | null,
): Promise<FigureSums & { organisations: number }> {
  const rows = areaFacts(code, f, scopes);
  const [totals, organisations] = await Promise.all([
    db
      .selectFrom('program_area_facts as f')
      .select(factSums())
      .where((eb) => rows(eb as unknown as FactsEB))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom(involved(db, rows))
      .select(sql<number>`count(distinct involved.organisation_id)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { ...sums(totals), organisations: organisations.n };
}

export async function areaOrganisationsFromFacts(
  db: Kysely<DB>,
  code: string,
  f: WhoWhatWhereFilter,
  scopes: string[] | null,
  paging: { limit: number; offset: number },
): Promise<AreaOrganisationRow[]> {
  const rows = areaFacts(code, f, scopes);
  return db
    .selectFrom(involved(db, rows))
    .innerJoin('organisations as o', 'o.id', 'involved.organisation_id')
    .select([
      'o.id',
      'o.legal_name as name',
      'o.type',
      'o.verification_status',
      sql<number>`count(*)::int`.as('programs'),
    ])
    .groupBy(['o.id', 'o.legal_name', 'o.type', 'o.verification_status'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('o.legal_name')
    .orderBy('o.id')
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
}

function areaFacts(code: string, f: WhoWhatWhereFilter, scopes: string[] | null) {
  return (eb: FactsEB) => eb.and([eb('f.area_code', '=', code), factFilter(eb, f, scopes, f.year ?? 0)]);
}

/** One page of the programs counted in an area, with the budget each puts there. */
export async function areaPrograms(
  db: Kysely<DB>,
  code: string,
  f: WhoWhatWhereFilter,
  scopes: string[] | null,
  paging: { limit: number; offset: number },
) {
  const rows = areaFacts(code, f, scopes);
  const [items, count] = await Promise.all([
    db
      .selectFrom('program_area_facts as f')
      .innerJoin('programs as p', 'p.id', 'f.program_id')
      .innerJoin('organisations as o', 'o.id', 'p.owner_org_id')
      .select([
        'p.id',
        'p.title',
        'p.status',
        'p.modality',
        'p.period_start',
        'p.period_end',
        'f.issues',
        'f.budget_planned',
        'o.id as owner_id',
        'o.legal_name as owner_name',
        'o.type as owner_type',
        'o.verification_status as owner_verification',
      ])
      .where((eb) => rows(eb as unknown as FactsEB))
      // Unknown budgets last: PostgreSQL puts nulls first in a descending order.
      .orderBy(sql`f.budget_planned desc nulls last`)
      .orderBy('p.id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    db
      .selectFrom('program_area_facts as f')
      .select(sql<number>`count(*)::int`.as('n'))
      .where((eb) => rows(eb as unknown as FactsEB))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}
export type AreaProgramRow = Awaited<ReturnType<typeof areaPrograms>>['items'][number];

export async function areaRow(db: Kysely<DB>, code: string) {
  return db.selectFrom('areas').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();
}

export async function organisationsByIds(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'legal_name', 'type', 'verification_status'])
    .where('id', 'in', ids)
    .execute();
}
