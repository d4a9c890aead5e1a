/**
 * Who does what where: the map, the dashboard and the area panel, read only from the
 * fact table (facts.ts). Answers are cached per (filters, reader scope) and keyed by
 * the facts version, which every program write bumps in its transaction, so a cached
 * answer is never staler than the data; the embedded engine has one connection, and
 * without the cache sixteen concurrent map requests would queue behind each other.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { isInArea } from '../../../shared/area-code.ts';
import type {
  DashboardResponse,
  MapResponse,
  WhoWhatWhereFilter,
} from '../../../shared/contracts/programs.ts';
import { DEFAULT_MAPPED_STATUSES } from '../../../shared/programs.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { type Actor, ANONYMOUS } from '../../policies/actor.ts';
import { areaScopeFilter } from '../../policies/scope-filter.ts';
import { ancestorPaths } from '../areas/service.ts';
import { presentOrganisationRef, seesUnverifiedNames } from '../organisations/names.ts';
import { factsVersion } from '../programs/facts.ts';

type FactsEB = ExpressionBuilder<DB & { f: DB['program_area_facts'] }, 'f'>;

export const PROVINCE_CODE = '52';

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

/**
 * The areas whose rows make up "everything the reader asked about": the filter area (or
 * the province), narrowed to the reader's scopes when they are area-scoped.
 */
export function focusAreas(area: string | undefined, scopes: string[] | null): string[] {
  const asked = area ?? PROVINCE_CODE;
  if (scopes === null) return [asked];
  if (scopes.some((s) => isInArea(s, asked))) return [asked];
  // A scope inside another one (a kabupaten coordinator who also facilitates one of its
  // kecamatan) adds no area, and its rows would be summed twice.
  const inside = scopes.filter((s) => isInArea(asked, s));
  return inside.filter((s) => !inside.some((other) => other !== s && isInArea(other, s)));
}

// ---- cache ------------------------------------------------------------------------

const CACHE_LIMIT = 200;
const cache = new Map<string, { version: number; value: unknown }>();
let cacheEnabled = process.env.SIMPUL_WWW_CACHE !== 'off';

/** For the benchmark's uncached runs (same process, same data). */
export function setWhoWhatWhereCache(enabled: boolean): void {
  cacheEnabled = enabled;
  cache.clear();
}

export async function cached<T>(db: Kysely<DB>, key: string, compute: () => Promise<T>): Promise<T> {
  if (!cacheEnabled) return compute();
  const version = await factsVersion(db);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // Re-insert to keep the map in least-recently-used order.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  cache.set(key, { version, value });
  while (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return value;
}

export function cacheKey(kind: string, f: object, scopes: string[] | null, extra: object = {}): string {
  const sorted = Object.fromEntries(
    Object.entries({ ...f, ...extra })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]): [string, unknown] => [k, Array.isArray(v) ? [...v].sort() : v])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return JSON.stringify([kind, sorted, scopes ? [...scopes].sort() : null]);
}

// ---- map ----------------------------------------------------------------------------

export async function mapOf(
  db: Kysely<DB>,
  f: WhoWhatWhereFilter & { level: 'regency' | 'district' | 'village' },
  scopes: string[] | null,
): Promise<MapResponse> {
  return cached(db, cacheKey('map', f, scopes), () => computeMap(db, f, scopes));
}

export async function computeMap(
  db: Kysely<DB>,
  f: WhoWhatWhereFilter & { level: 'regency' | 'district' | 'village' },
  scopes: string[] | null,
): Promise<MapResponse> {
  const year = f.year ?? 0;
  const base = (eb: FactsEB) => {
    const c: Expression<SqlBool>[] = [eb('f.level', '=', f.level), factFilter(eb, f, scopes, year)];
    if (f.area) c.push(areaScopeFilter(eb, 'f.area_code', [f.area]));
    return eb.and(c);
  };
  const [figures, organisations] = await Promise.all([
    db
      .selectFrom('program_area_facts as f')
      .select([
        'f.area_code',
        sql<number>`count(*)::int`.as('programs'),
        // An unknown budget (null) is left out of the sums and counted here instead.
        sql<number>`(count(*) filter (where f.budget_planned is null))::int`.as('without_budget'),
        sql<number>`coalesce(sum(f.budget_planned), 0)`.as('budget_planned'),
        sql<number>`coalesce(sum(f.budget_realised), 0)`.as('budget_realised'),
        sql<number>`coalesce(sum(f.budget_planned) filter (where f.productive), 0)`.as('productive_budget'),
      ])
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
  const cells = figures.map((r) => ({
    areaCode: r.area_code,
    programs: r.programs,
    programsWithoutBudget: r.without_budget,
    organisations: orgsBy.get(r.area_code) ?? 0,
    budgetPlanned: Number(r.budget_planned),
    budgetRealised: Number(r.budget_realised),
    productiveBudget: Number(r.productive_budget),
    productiveShare:
      Number(r.budget_planned) > 0 ? Number(r.productive_budget) / Number(r.budget_planned) : null,
  }));
  return {
    level: f.level,
    year: f.year ?? null,
    cells,
    max: {
      programs: Math.max(0, ...cells.map((c) => c.programs)),
      organisations: Math.max(0, ...cells.map((c) => c.organisations)),
      budgetPlanned: Math.max(0, ...cells.map((c) => c.budgetPlanned)),
    },
  };
}

// ---- dashboard ------------------------------------------------------------------------

export async function dashboardOf(
  db: Kysely<DB>,
  f: WhoWhatWhereFilter,
  scopes: string[] | null,
  reader: Actor,
): Promise<DashboardResponse> {
  // The answer names organisations: whether the reader sees unverified ones is part of the key.
  const key = cacheKey('dashboard', f, scopes, { names: seesUnverifiedNames(reader) });
  return cached(db, key, () => computeDashboard(db, f, scopes, reader));
}

export async function computeDashboard(
  db: Kysely<DB>,
  f: WhoWhatWhereFilter,
  scopes: string[] | null,
  /** Who reads it: unverified organisations are named to signed-in readers only. */
  reader: Actor = ANONYMOUS,
): Promise<DashboardResponse> {
  const areas = focusAreas(f.area, scopes);
  const year = f.year ?? 0;
  if (areas.length === 0) return emptyDashboard(f.year ?? null);
  // Rows of the focus areas themselves: one per program and year, already summed over villages.
  const focus = (y: number | 'any') => (eb: FactsEB) =>
    eb.and([eb('f.area_code', 'in', areas), factFilter(eb, f, null, y)]);
  const facts = () => db.selectFrom('program_area_facts as f');
  const sums = [
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
      ...sums,
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
      .selectFrom((sub) =>
        sub
          .selectFrom('program_area_facts as f')
          .select(sql<string>`unnest(f.org_ids)`.as('organisation_id'))
          .where((eb) => focus(year)(eb as unknown as FactsEB))
          .as('involved'),
      )
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
      .select([
        'f.year',
        ...sums,
        sql<number>`coalesce(sum(f.budget_planned) filter (where not f.productive), 0)`.as(
          'consumptive_budget',
        ),
      ])
      .where((eb) => eb.and([focus('any')(eb as unknown as FactsEB), eb('f.year', '>', 0)]))
      .groupBy('f.year')
      .orderBy('f.year')
      .execute(),
  ]);
  // grouping() has one bit per column, the first column the highest, 1 = rolled up: 15 is
  // the grand total, 7 owner type, 11 modality, 13 status, 14 the owner rows.
  const setOf = (bits: number, column: 'owner_type' | 'modality' | 'status' | 'owner_org_id') =>
    groups.filter((g) => Number(g.grouping) === bits).map((g) => ({ ...g, key: g[column] as string }));
  const totals = setOf(15, 'owner_type')[0] ?? {
    programs: 0,
    without_budget: 0,
    budget_planned: 0,
    productive_budget: 0,
    budget_realised: 0,
    target_households: 0,
    reached_households: 0,
  };
  const byType = setOf(7, 'owner_type');
  const byModality = setOf(11, 'modality');
  const byStatus = setOf(13, 'status');
  const owners = setOf(14, 'owner_org_id');
  const ownerNames = new Map(
    owners.length === 0
      ? []
      : (
          await db
            .selectFrom('organisations')
            .select(['id', 'legal_name', 'type', 'verification_status'])
            .where(
              'id',
              'in',
              owners.map((o) => o.key),
            )
            .execute()
        ).map((o) => [o.id, o]),
  );
  const top = owners
    .map((o) => ({
      ...o,
      name: ownerNames.get(o.key)?.legal_name ?? '',
      type: ownerNames.get(o.key)?.type,
      verification_status: ownerNames.get(o.key)?.verification_status ?? 'unverified',
    }))
    .sort(
      (a, b) =>
        Number(b.budget_planned) - Number(a.budget_planned) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )
    .slice(0, 10);
  const breakdown = (
    rows: Array<{ key: string; programs: number; budget_planned: number; productive_budget: number }>,
  ) =>
    rows
      .map((r) => ({
        key: r.key,
        programs: r.programs,
        budgetPlanned: Number(r.budget_planned),
        productiveBudget: Number(r.productive_budget),
      }))
      .sort((a, b) => b.budgetPlanned - a.budgetPlanned || a.key.localeCompare(b.key));
  const planned = Number(totals.budget_planned);
  return {
    year: f.year ?? null,
    totals: {
      programs: totals.programs,
      programsWithoutBudget: totals.without_budget,
      organisations: organisations.n,
      villages: villages.n,
      budgetPlanned: planned,
      budgetRealised: Number(totals.budget_realised),
      productiveBudget: Number(totals.productive_budget),
      productiveShare: planned > 0 ? Number(totals.productive_budget) / planned : null,
      targetHouseholds: Number(totals.target_households),
      reachedHouseholds: Number(totals.reached_households),
    },
    byIssue: breakdown(byIssue),
    byOrganisationType: breakdown(byType),
    byModality: breakdown(byModality),
    byStatus: breakdown(byStatus),
    byYear: byYear.map((r) => ({
      year: r.year,
      programs: r.programs,
      budgetPlanned: Number(r.budget_planned),
      productiveBudget: Number(r.productive_budget),
      consumptiveBudget: Number(r.consumptive_budget),
    })),
    topContributors: top.map((r) => ({
      organisation: presentOrganisationRef(reader, { ...r, id: r.key, type: r.type ?? 'ngo' }),
      programs: r.programs,
      budgetPlanned: Number(r.budget_planned),
    })),
  };
}

function emptyDashboard(year: number | null): DashboardResponse {
  return {
    year,
    totals: {
      programs: 0,
      programsWithoutBudget: 0,
      organisations: 0,
      villages: 0,
      budgetPlanned: 0,
      budgetRealised: 0,
      productiveBudget: 0,
      productiveShare: null,
      targetHouseholds: 0,
      reachedHouseholds: 0,
    },
    byIssue: [],
    byOrganisationType: [],
    byModality: [],
    byStatus: [],
    byYear: [],
    topContributors: [],
  };
}

// ---- one area ---------------------------------------------------------------------------

export async function areaActivityOf(
  db: Kysely<DB>,
  code: string,
  f: WhoWhatWhereFilter,
  scopes: string[] | null,
  paging: { limit: number; offset: number },
  /** Who reads it: unverified organisations are named to signed-in readers only. */
  reader: Actor,
) {
  const area = await db
    .selectFrom('areas')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!area) throw new AppError('AREA_NOT_FOUND');
  const year = f.year ?? 0;
  const rows = (eb: FactsEB) => eb.and([eb('f.area_code', '=', code), factFilter(eb, f, scopes, year)]);
  const [totals, organisations, programs, count] = await Promise.all([
    db
      .selectFrom('program_area_facts as f')
      .select([
        sql<number>`count(*)::int`.as('programs'),
        // An unknown budget (null) is left out of the sums and counted here instead.
        sql<number>`(count(*) filter (where f.budget_planned is null))::int`.as('without_budget'),
        sql<number>`coalesce(sum(f.budget_planned), 0)`.as('budget_planned'),
        sql<number>`coalesce(sum(f.budget_realised), 0)`.as('budget_realised'),
        sql<number>`coalesce(sum(f.budget_planned) filter (where f.productive), 0)`.as('productive_budget'),
      ])
      .where((eb) => rows(eb as unknown as FactsEB))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom((sub) =>
        sub
          .selectFrom('program_area_facts as f')
          .select(sql<string>`unnest(f.org_ids)`.as('organisation_id'))
          .where((eb) => rows(eb as unknown as FactsEB))
          .as('involved'),
      )
      .innerJoin('organisations as o', 'o.id', 'involved.organisation_id')
      .select([
        'o.id',
        'o.legal_name as name',
        'o.type',
        'o.verification_status',
        sql<number>`count(*)::int`.as('programs'),
        sql<number>`(count(*) over ())::int`.as('organisation_count'),
      ])
      .groupBy(['o.id', 'o.legal_name', 'o.type', 'o.verification_status'])
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('o.legal_name')
      .limit(100)
      .execute(),
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
  const planned = Number(totals.budget_planned);
  return {
    area: {
      code: area.code,
      name: area.name,
      level: area.level,
      ancestors: (await ancestorPaths(db, [area.code])).get(area.code) ?? [],
    },
    totals: {
      programs: totals.programs,
      programsWithoutBudget: totals.without_budget,
      organisations: organisations[0]?.organisation_count ?? 0,
      budgetPlanned: planned,
      budgetRealised: Number(totals.budget_realised),
      productiveBudget: Number(totals.productive_budget),
      productiveShare: planned > 0 ? Number(totals.productive_budget) / planned : null,
    },
    programs: {
      items: programs.map((p) => ({
        id: p.id,
        title: p.title,
        owner: presentOrganisationRef(reader, {
          id: p.owner_id,
          name: p.owner_name,
          type: p.owner_type,
          verification_status: p.owner_verification,
        }),
        status: p.status,
        modality: p.modality,
        issues: p.issues,
        periodStart: p.period_start,
        periodEnd: p.period_end,
        budgetInArea: p.budget_planned === null ? null : Number(p.budget_planned),
      })),
      page: { limit: paging.limit, offset: paging.offset, total: count.n },
    },
    organisations: organisations.map((o) => ({ ...presentOrganisationRef(reader, o), programs: o.programs })),
  };
}
