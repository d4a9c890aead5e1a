/**
 * Who does what where: the map, the dashboard and the area panel. Each view reads the
 * pre-summed cells when they hold its answer (the default statuses, at most one issue, no
 * owner-type or modality filter; the dashboard also no issue and one focus area) and
 * aggregates the fact table otherwise; both give the same figures (facts.test.ts checks
 * every one against the base tables). Answers are cached per (filters, reader) by cache.ts.
 */
import type { Kysely } from 'kysely';
import { isInArea } from '../../../shared/area-code.ts';
import type {
  AreaActivity,
  DashboardResponse,
  MapResponse,
  WhoWhatWhereFilter,
} from '../../../shared/contracts/who-what-where.ts';
import { DEFAULT_MAPPED_STATUSES } from '../../../shared/programs.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { type Actor, ANONYMOUS } from '../../policies/actor.ts';
import { ancestorPaths } from '../areas/service.ts';
import { seesUnverifiedNames } from '../organisations/names.ts';
import { cached, cacheKey } from './cache.ts';
import { presentAreaActivity, presentDashboard, presentMap } from './presenters.ts';
import {
  areaOrganisationsFromCells,
  areaOrganisationsFromFacts,
  areaPrograms,
  areaRow,
  areaTotalsFromCells,
  areaTotalsFromFacts,
  type DashboardRows,
  dashboardRowsFromCells,
  dashboardRowsFromFacts,
  type MapLevel,
  mapRowsFromCells,
  mapRowsFromFacts,
  organisationsByIds,
} from './queries.ts';

export const PROVINCE_CODE = '52';

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

/**
 * The issue cell ('' = all issues) holding this filter's figures, or null when the cells do
 * not hold them: they sum the default statuses only, per issue, without owner type or modality.
 */
export function cellIssueOf(f: WhoWhatWhereFilter): string | null {
  if (f.orgType?.length || f.modality?.length) return null;
  if (f.status?.length) {
    const asked = new Set<string>(f.status);
    const defaults = new Set<string>(DEFAULT_MAPPED_STATUSES);
    if (asked.size !== defaults.size || [...asked].some((s) => !defaults.has(s))) return null;
  }
  const issues = [...new Set(f.issue ?? [])];
  if (issues.length > 1) return null;
  return issues[0] ?? '';
}

// ---- map ----------------------------------------------------------------------------

export async function mapOf(
  db: Kysely<DB>,
  f: WhoWhatWhereFilter & { level: MapLevel },
  scopes: string[] | null,
): Promise<MapResponse> {
  return cached(db, cacheKey('map', f, scopes), () => computeMap(db, f, scopes));
}

export async function computeMap(
  db: Kysely<DB>,
  f: WhoWhatWhereFilter & { level: MapLevel },
  scopes: string[] | null,
): Promise<MapResponse> {
  const issue = cellIssueOf(f);
  const rows =
    issue === null
      ? await mapRowsFromFacts(db, f, scopes)
      : await mapRowsFromCells(db, { level: f.level, year: f.year ?? 0, issue, area: f.area, scopes });
  return presentMap(f.level, f.year ?? null, rows);
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
  let rows: DashboardRows;
  const [only] = areas;
  if (areas.length === 0) rows = NO_FIGURES;
  // Several focus areas share programs, which their cells would count twice; by-issue rows
  // under an issue filter are those of the programs having it (not a cell): both from facts.
  else if (areas.length === 1 && only !== undefined && cellIssueOf(f) === '')
    rows = await dashboardRowsFromCells(db, only, f.year);
  else rows = await dashboardRowsFromFacts(db, f, areas);
  const owners = await organisationsByIds(
    db,
    rows.owners.map((o) => o.organisation_id),
  );
  return presentDashboard(f.year ?? null, rows, owners, reader);
}

const NO_FIGURES: DashboardRows = {
  totals: {
    programs: 0,
    without_budget: 0,
    budget_planned: 0,
    budget_realised: 0,
    productive_budget: 0,
    target_households: 0,
    reached_households: 0,
  },
  organisations: 0,
  villages: 0,
  byIssue: [],
  byType: [],
  byModality: [],
  byStatus: [],
  byYear: [],
  owners: [],
};

// ---- one area ---------------------------------------------------------------------------

export async function areaActivityOf(
  db: Kysely<DB>,
  code: string,
  f: WhoWhatWhereFilter,
  scopes: string[] | null,
  paging: { programs: { limit: number; offset: number }; organisations: { limit: number; offset: number } },
  /** Who reads it: unverified organisations are named to signed-in readers only. */
  reader: Actor,
): Promise<AreaActivity> {
  const area = await areaRow(db, code);
  if (!area) throw new AppError('AREA_NOT_FOUND');
  const issue = cellIssueOf(f);
  const cell = issue === null ? null : { code, year: f.year ?? 0, issue, scopes };
  const [totals, organisations, programs, ancestors] = await Promise.all([
    cell ? areaTotalsFromCells(db, cell) : areaTotalsFromFacts(db, code, f, scopes),
    cell
      ? areaOrganisationsFromCells(db, cell, paging.organisations)
      : areaOrganisationsFromFacts(db, code, f, scopes, paging.organisations),
    areaPrograms(db, code, f, scopes, paging.programs),
    ancestorPaths(db, [area.code]),
  ]);
  return presentAreaActivity(
    { code: area.code, name: area.name, level: area.level, ancestors: ancestors.get(area.code) ?? [] },
    totals,
    { ...programs, ...paging.programs },
    { items: organisations, ...paging.organisations },
    reader,
  );
}
