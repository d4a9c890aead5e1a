/**
 * Program reads from the base tables: the paginated list (with the same filters as the
 * map and the export), one program with its links, and the visibility rule in SQL.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { ProgramVisibility } from '../../policies/programs.ts';
import { areaScopeFilter, escapeLike, visibleRecord } from '../../policies/scope-filter.ts';

type ProgramEB = ExpressionBuilder<DB & { p: DB['programs'] }, 'p'>;

export interface ProgramFilter {
  area?: string | undefined;
  issue?: string[] | undefined;
  orgType?: string[] | undefined;
  modality?: string[] | undefined;
  status?: string[] | undefined;
  year?: number | undefined;
  q?: string | undefined;
  organisationId?: string | undefined;
}

/** Rows `p` the reader may see (see policies/programs.ts). */
export function visibleProgram(eb: ProgramEB, v: ProgramVisibility) {
  return visibleRecord(eb, v, {
    notDraft: eb('p.status', '<>', 'draft'),
    inAreas: (areas) => touchesAnyArea(eb, areas),
    ofOrganisations: (ids) => ownedOrPartneredBy(eb, ids),
  });
}

/** The program is owned by one of these organisations or has one of them as a partner. */
function ownedOrPartneredBy(eb: ProgramEB, ids: readonly string[]): Expression<SqlBool> {
  return eb.or([
    eb('p.owner_org_id', 'in', ids),
    eb.exists(
      eb
        .selectFrom('program_partners as pp')
        .select(sql`1`.as('one'))
        .whereRef('pp.program_id', '=', 'p.id')
        .where('pp.organisation_id', 'in', ids),
    ),
  ]);
}

/** The program has a village inside one of these areas (codes at any level). */
function touchesAnyArea(eb: ProgramEB, areas: string[]): Expression<SqlBool> {
  if (areas.length === 0) return sql<SqlBool>`false`;
  return eb.exists(
    eb
      .selectFrom('program_villages as pv')
      .select(sql`1`.as('one'))
      .whereRef('pv.program_id', '=', 'p.id')
      .where((w) => areaScopeFilter(w, 'pv.village_code', areas)),
  );
}

function filtered(eb: ProgramEB, v: ProgramVisibility, f: ProgramFilter) {
  const conditions: Expression<SqlBool>[] = [visibleProgram(eb, v)];
  if (f.area) conditions.push(touchesAnyArea(eb, [f.area]));
  if (f.issue?.length) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('program_issues as pi')
          .select(sql`1`.as('one'))
          .whereRef('pi.program_id', '=', 'p.id')
          .where('pi.issue_code', 'in', f.issue),
      ),
    );
  }
  if (f.orgType?.length) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('organisations as ot')
          .select(sql`1`.as('one'))
          .whereRef('ot.id', '=', 'p.owner_org_id')
          .where('ot.type', 'in', f.orgType as never[]),
      ),
    );
  }
  if (f.modality?.length) conditions.push(eb('p.modality', 'in', f.modality as never[]));
  if (f.status?.length) conditions.push(eb('p.status', 'in', f.status as never[]));
  if (f.year !== undefined) {
    conditions.push(eb('p.period_start', '<=', `${f.year}-12-31`));
    conditions.push(eb('p.period_end', '>=', `${f.year}-01-01`));
  }
  if (f.q) conditions.push(sql<SqlBool>`lower(p.title) like ${`%${escapeLike(f.q.toLowerCase())}%`}`);
  if (f.organisationId) conditions.push(ownedOrPartneredBy(eb, [f.organisationId]));

  return eb.and(conditions);
}

export type ProgramSort = 'period' | 'title' | 'budget' | 'updated';

export function programRowsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.owner_org_id')
    .selectAll('p')
    .select([
      'o.legal_name as owner_name',
      'o.type as owner_type',
      'o.verification_status as owner_verification',
      sql<
        string[]
      >`array(select pi.issue_code from program_issues pi where pi.program_id = p.id order by pi.issue_code)`.as(
        'issues',
      ),
      sql<number>`(select count(*) from program_villages pv where pv.program_id = p.id)::int`.as(
        'village_count',
      ),
      sql<number>`(select count(*) from program_partners pp where pp.program_id = p.id)::int`.as(
        'partner_count',
      ),
      sql<
        string[]
      >`array(select distinct substr(pv.village_code, 1, 5) from program_villages pv where pv.program_id = p.id order by 1)`.as(
        'regency_codes',
      ),
    ]);
}
export type ProgramRow = Awaited<ReturnType<ReturnType<typeof programRowsQuery>['executeTakeFirstOrThrow']>>;

export async function listPrograms(
  db: Kysely<DB>,
  visibility: ProgramVisibility,
  filter: ProgramFilter,
  paging: { limit: number; offset: number },
  sort: ProgramSort,
): Promise<{ rows: ProgramRow[]; total: number }> {
  let query = programRowsQuery(db).where((eb) => filtered(eb as unknown as ProgramEB, visibility, filter));
  query =
    sort === 'title'
      ? query.orderBy('p.title').orderBy('p.id')
      : sort === 'budget'
        ? // Unknown budgets last (PostgreSQL sorts nulls first when descending).
          query.orderBy(sql`p.budget_planned desc nulls last`).orderBy('p.id')
        : sort === 'updated'
          ? query.orderBy('p.updated_at', 'desc').orderBy('p.id')
          : query.orderBy('p.period_start', 'desc').orderBy('p.id');
  const [rows, count] = await Promise.all([
    query.limit(paging.limit).offset(paging.offset).execute(),
    db
      .selectFrom('programs as p')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => filtered(eb as unknown as ProgramEB, visibility, filter))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * The ids of every matching program in export order (bounded by the caller): the export
 * then reads the rows themselves batch by batch (exportRowsByIds), so it never holds them all.
 */
export async function matchingProgramIds(
  db: Kysely<DB>,
  visibility: ProgramVisibility,
  filter: ProgramFilter,
  max: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('programs as p')
    .select('p.id')
    .where((eb) => filtered(eb as unknown as ProgramEB, visibility, filter))
    .orderBy('p.period_start', 'desc')
    .orderBy('p.id')
    .limit(max)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The export's columns of the programs `ids` still visible, in the order of `ids`. Leaner
 * than programRowsQuery (no counts or regency lists), and the ids go as one array
 * parameter: on the embedded engine every query holds the event loop, and a batch with
 * hundreds of parameters spent more time being planned than run.
 */
export async function exportRowsByIds(db: Kysely<DB>, visibility: ProgramVisibility, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.owner_org_id')
    .select([
      'p.id',
      'p.key',
      'p.title',
      'p.modality',
      'p.status',
      'p.period_start',
      'p.period_end',
      'p.budget_planned',
      'p.budget_realised',
      'p.target_households',
      'p.reached_households',
      'o.legal_name as owner_name',
      'o.type as owner_type',
      'o.verification_status as owner_verification',
      sql<
        string[]
      >`array(select pi.issue_code from program_issues pi where pi.program_id = p.id order by pi.issue_code)`.as(
        'issues',
      ),
    ])
    .where(sql<SqlBool>`p.id = any(${[...ids]}::uuid[])`)
    .where((eb) => visibleProgram(eb as unknown as ProgramEB, visibility))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
export type ExportProgramRow = Awaited<ReturnType<typeof exportRowsByIds>>[number];

export async function findVisibleProgram(
  db: Kysely<DB>,
  visibility: ProgramVisibility,
  id: string,
): Promise<ProgramRow | undefined> {
  return programRowsQuery(db)
    .where('p.id', '=', id)
    .where((eb) => visibleProgram(eb as unknown as ProgramEB, visibility))
    .executeTakeFirst();
}

/** Area names for codes (villages, kecamatan, kabupaten) in one query. */
export async function areaNames(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('areas')
    .select(['code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function villagesOf(db: Kysely<DB>, programId: string) {
  return db
    .selectFrom('program_villages as pv')
    .innerJoin('areas as a', 'a.code', 'pv.village_code')
    .select(['pv.village_code', 'pv.target_households', 'pv.target_persons', 'a.name', 'a.kind'])
    .where('pv.program_id', '=', programId)
    .orderBy('pv.village_code')
    .execute();
}

export async function partnersOf(db: Kysely<DB>, programId: string) {
  return db
    .selectFrom('program_partners as pp')
    .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
    .select([
      'pp.organisation_id',
      'pp.role',
      'pp.contribution_money',
      'pp.contribution_in_kind',
      'o.legal_name',
      'o.type',
      'o.verification_status',
    ])
    .where('pp.program_id', '=', programId)
    .orderBy('o.legal_name')
    .execute();
}

/** Rows keyed by their program: one pass instead of a filter per program. */
export function groupByProgram<T extends { program_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.program_id);
    if (list) list.push(row);
    else map.set(row.program_id, [row]);
  }
  return map;
}
