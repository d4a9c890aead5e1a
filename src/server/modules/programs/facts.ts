/**
 * The who-does-what-where fact table (`program_area_facts`): what the map, the
 * dashboard and the area panel read, so no request joins or scans the program tables.
 *
 * One row per (program, area, year) for every non-draft program, at each level its
 * villages roll up to, and year 0 for the whole period. Money is split so every
 * figure adds up exactly (docs/programs.md, "How figures are counted"):
 * - a program's budget is split evenly over its villages (whole rupiah, the first
 *   villages by code take the remainder), then each village's share evenly over the
 *   calendar years the period touches;
 * - kecamatan, kabupaten and province rows are the sums of their villages' rows;
 * - an unknown budget (null) stays null in every row: it is left out of sums, never counted as 0;
 * - households are not split over years (the same households are served each year): a
 *   village's own target when given; what is left of the program's target after those is
 *   split evenly over the villages without one (all of them when none has its own).
 *
 * Rows are rewritten in the same transaction as the program change (`refreshProgramFacts`),
 * and `rebuildProgramFacts` recomputes the whole table from the base tables (bulk loads).
 * A database trigger adds every fact row to the pre-summed figures (`figure_cells`,
 * `figure_organisations`, migration 0008) and subtracts every deleted one, in the same
 * transaction; bulk loads defer that and rebuild the figures once (`withFiguresRebuilt`).
 */
import { type Kysely, sql } from 'kysely';
import { ancestorCodes, levelOfCode } from '../../../shared/area-code.ts';
import { type Modality, type ProgramStatus, splitEvenly, yearsOf } from '../../../shared/programs.ts';
import type { DB, ProgramAreaFactsTable } from '../../db/types.ts';
import { groupByProgram } from './queries.ts';

export interface FactSource {
  id: string;
  ownerOrgId: string;
  ownerType: string;
  status: ProgramStatus;
  modality: Modality;
  productive: boolean;
  periodStart: string;
  periodEnd: string;
  /** Null when not known: the fact rows carry null too, so sums leave the program out. */
  budgetPlanned: number | null;
  budgetRealised: number | null;
  targetHouseholds: number | null;
  reachedHouseholds: number | null;
  issues: string[];
  partnerOrgIds: string[];
  villages: Array<{ code: string; targetHouseholds: number | null }>;
}

type FactRow = ProgramAreaFactsTable;

/** The fact rows of one program (none for a draft or a program without villages). */
export function factRowsOf(p: FactSource): FactRow[] {
  if (p.status === 'draft' || p.villages.length === 0) return [];
  const villages = [...p.villages].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const years = yearsOf(p.periodStart, p.periodEnd);
  const planned = p.budgetPlanned === null ? null : splitEvenly(p.budgetPlanned, villages.length);
  const realised = p.budgetRealised === null ? null : splitEvenly(p.budgetRealised, villages.length);
  const targets = householdTargets(p.targetHouseholds, villages);
  const reached = splitEvenly(p.reachedHouseholds ?? 0, villages.length);
  const orgIds = [...new Set([p.ownerOrgId, ...p.partnerOrgIds])].sort();
  const issues = [...new Set(p.issues)].sort();

  // Cells keyed by "level|code|year", summed from the village shares.
  const cells = new Map<string, FactRow>();
  const add = (
    code: string,
    year: number,
    planned: number | null,
    realised: number | null,
    target: number,
    reach: number,
  ) => {
    const level = levelOfCode(code);
    const id = `${code}|${year}`;
    const existing = cells.get(id);
    const row: FactRow = existing ?? {
      program_id: p.id,
      area_code: code,
      level,
      year,
      owner_org_id: p.ownerOrgId,
      owner_type: p.ownerType,
      modality: p.modality,
      productive: p.productive,
      status: p.status,
      issues,
      org_ids: orgIds,
      budget_planned: planned === null ? null : 0,
      budget_realised: realised === null ? null : 0,
      target_households: 0,
      reached_households: 0,
    };
    if (!existing) cells.set(id, row);
    if (row.budget_planned !== null && planned !== null) row.budget_planned += planned;
    if (row.budget_realised !== null && realised !== null) row.budget_realised += realised;
    row.target_households += target;
    row.reached_households += reach;
  };
  villages.forEach((village, i) => {
    const codes = [village.code, ...ancestorCodes(village.code)];
    const plannedShare = planned === null ? null : (planned[i] ?? 0);
    const realisedShare = realised === null ? null : (realised[i] ?? 0);
    const plannedByYear = plannedShare === null ? null : splitEvenly(plannedShare, years.length);
    const realisedByYear = realisedShare === null ? null : splitEvenly(realisedShare, years.length);
    for (const code of codes) {
      add(code, 0, plannedShare, realisedShare, targets[i] ?? 0, reached[i] ?? 0);
      years.forEach((year, y) => {
        add(
          code,
          year,
          plannedByYear === null ? null : (plannedByYear[y] ?? 0),
          realisedByYear === null ? null : (realisedByYear[y] ?? 0),
          targets[i] ?? 0,
          reached[i] ?? 0,
        );
      });
    }
  });
  return [...cells.values()];
}

/**
 * Target households per village (villages in code order). A village's own target counts as
 * given; the rest of the program's target (never below 0) is split evenly over the villages
 * without one, so a program whose villages carry only some targets keeps its whole target.
 */
export function householdTargets(
  programTarget: number | null,
  villages: ReadonlyArray<{ targetHouseholds: number | null }>,
): number[] {
  const given = villages.reduce((sum, v) => sum + (v.targetHouseholds ?? 0), 0);
  const without = villages.filter((v) => v.targetHouseholds === null).length;
  const rest = splitEvenly(Math.max(0, (programTarget ?? 0) - given), without);
  let next = 0;
  return villages.map((v) => v.targetHouseholds ?? rest[next++] ?? 0);
}

/** Reads what the fact rows need for these programs from the base tables. */
async function sourcesOf(db: Kysely<DB>, programIds: readonly string[] | null): Promise<FactSource[]> {
  const programs = await db
    .selectFrom('programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.owner_org_id')
    .select([
      'p.id',
      'p.owner_org_id',
      'o.type as owner_type',
      'p.status',
      'p.modality',
      'p.productive',
      'p.period_start',
      'p.period_end',
      'p.budget_planned',
      'p.budget_realised',
      'p.target_households',
      'p.reached_households',
    ])
    .where('p.status', '<>', 'draft')
    .$if(programIds !== null, (q) => q.where('p.id', 'in', programIds as string[]))
    .execute();
  if (programs.length === 0) return [];
  const ids = programs.map((p) => p.id);
  const filterIds = programIds !== null;
  const [issues, partners, villages] = await Promise.all([
    db
      .selectFrom('program_issues')
      .select(['program_id', 'issue_code'])
      .$if(filterIds, (q) => q.where('program_id', 'in', ids))
      .execute(),
    db
      .selectFrom('program_partners')
      .select(['program_id', 'organisation_id'])
      .$if(filterIds, (q) => q.where('program_id', 'in', ids))
      .execute(),
    db
      .selectFrom('program_villages')
      .select(['program_id', 'village_code', 'target_households'])
      .$if(filterIds, (q) => q.where('program_id', 'in', ids))
      .execute(),
  ]);
  const issuesBy = groupByProgram(issues);
  const partnersBy = groupByProgram(partners);
  const villagesBy = groupByProgram(villages);
  return programs.map((p) => ({
    id: p.id,
    ownerOrgId: p.owner_org_id,
    ownerType: p.owner_type,
    status: p.status,
    modality: p.modality,
    productive: p.productive,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    budgetPlanned: p.budget_planned,
    budgetRealised: p.budget_realised,
    targetHouseholds: p.target_households,
    reachedHouseholds: p.reached_households,
    issues: (issuesBy.get(p.id) ?? []).map((i) => i.issue_code),
    partnerOrgIds: (partnersBy.get(p.id) ?? []).map((i) => i.organisation_id),
    villages: (villagesBy.get(p.id) ?? []).map((v) => ({
      code: v.village_code,
      targetHouseholds: v.target_households,
    })),
  }));
}

/** Rows per insert statement: stays well below PostgreSQL's 65,535 bind parameters (15 per row). */
const INSERT_CHUNK = 2_000;

/** Inserts fact rows ordered by area and year, so the figures trigger locks cells in one order. */
async function insertFacts(db: Kysely<DB>, unordered: FactRow[]): Promise<void> {
  const rows = [...unordered].sort(byCell);
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto('program_area_facts')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

const byCell = (a: FactRow, b: FactRow): number =>
  a.area_code < b.area_code ? -1 : a.area_code > b.area_code ? 1 : a.year - b.year;

/**
 * Rewrites the fact rows of these programs from their base rows, and with them (trigger)
 * the pre-summed figures: the old rows are subtracted, the new ones added. Call inside the
 * transaction that changed them (a deleted program's rows go with its cascade, and are
 * subtracted by the same trigger).
 */
export async function refreshProgramFacts(trx: Kysely<DB>, programIds: readonly string[]): Promise<void> {
  if (programIds.length === 0) return;
  // First, so writers of facts queue on this one row before touching any figure cell (the
  // trigger takes the same row lock for writes that reach the facts by a cascade).
  await bumpFactsVersion(trx);
  await trx.deleteFrom('program_area_facts').where('program_id', 'in', programIds).execute();
  const sources = await sourcesOf(trx, programIds);
  await insertFacts(trx, sources.flatMap(factRowsOf));
}

/**
 * Runs a bulk change of fact rows with the figures trigger switched off for this
 * transaction, then recomputes the figures once from the fact table: a row-by-row update of
 * the figures for tens of thousands of programs would take minutes. For the generator,
 * `rebuildProgramFacts` and `simpul figures:rebuild`, never per request.
 */
export async function withFiguresRebuilt<T>(trx: Kysely<DB>, bulk: () => Promise<T>): Promise<T> {
  await deferFigures(trx);
  const result = await bulk();
  await rebuildFigures(trx);
  return result;
}

/**
 * Switches the figures trigger off until `rebuildFigures` in this transaction (which must
 * follow: until then the figures miss the transaction's fact changes).
 */
export async function deferFigures(trx: Kysely<DB>): Promise<void> {
  await sql`select set_config('simpul.figures_deferred', 'on', true)`.execute(trx);
}

/** Recomputes the figures from the fact table and switches the trigger back on. */
export async function rebuildFigures(trx: Kysely<DB>): Promise<void> {
  await sql`select figure_cells_rebuild()`.execute(trx);
  await sql`select set_config('simpul.figures_deferred', 'off', true)`.execute(trx);
}

/**
 * Recomputes the whole fact table from the base tables, in one transaction (readers
 * see the old table until it commits). For bulk loads and repairs, not per request.
 */
export async function rebuildProgramFacts(db: Kysely<DB>): Promise<{ programs: number; rows: number }> {
  return db.transaction().execute(async (trx) => {
    const counts = await withFiguresRebuilt(trx, async () => {
      await sql`delete from program_area_facts`.execute(trx);
      await bumpFactsVersion(trx);
      const sources = await sourcesOf(trx, null);
      let rows = 0;
      // Build and insert per slice of programs so the JavaScript side never holds the whole table.
      for (let i = 0; i < sources.length; i += 500) {
        const slice = sources.slice(i, i + 500).flatMap(factRowsOf);
        rows += slice.length;
        await insertFacts(trx, slice);
      }
      return { programs: sources.length, rows };
    });
    await analyzeProgramTables(trx);
    return counts;
  });
}

/** Marks every cached map/dashboard answer stale; call in the transaction that changes facts. */
export async function bumpFactsVersion(trx: Kysely<DB>): Promise<void> {
  await sql`update program_facts_version set version = version + 1 where id = 1`.execute(trx);
}

export async function factsVersion(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('program_facts_version')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.version ?? 0;
}

/**
 * Refreshes the planner's statistics of the program tables after a bulk load: without
 * them it estimates one row per filter and sorts where it should hash, which made the map
 * several times slower on fresh data (docs/benchmarks.md).
 */
export async function analyzeProgramTables(db: Kysely<DB>): Promise<void> {
  for (const table of [
    'programs',
    'program_villages',
    'program_issues',
    'program_partners',
    'partnerships',
    'partnership_parties',
    'partnership_programs',
    'program_area_facts',
    'figure_cells',
    'figure_organisations',
  ]) {
    await sql`analyze ${sql.table(table)}`.execute(db);
  }
}
