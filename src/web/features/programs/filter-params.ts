/**
 * Program filters live in the URL (`/program?issue=tengkes,disabilitas&year=2025&page=2`), so a
 * filtered list, map or dashboard can be bookmarked, shared and restored with the back button.
 * Lists are comma-separated, as the API takes them. Unknown values are dropped rather than sent
 * to the server to be refused.
 */
import { isWellFormedAreaCode } from '../../../shared/area-code.ts';
import {
  MODALITIES,
  type Modality,
  PROGRAM_STATUSES,
  PROGRAM_YEAR_MAX,
  PROGRAM_YEAR_MIN,
  type ProgramStatus,
} from '../../../shared/programs.ts';
import { ORGANISATION_TYPES, type OrganisationType } from '../../../shared/roles.ts';

export const PROGRAM_SORTS = ['period', 'title', 'budget', 'updated'] as const;
export type ProgramSort = (typeof PROGRAM_SORTS)[number];

/** The filters the program list, the map, the dashboard and the export share. */
export type ProgramFilters = {
  q?: string | undefined;
  area?: string | undefined;
  issue?: string[] | undefined;
  orgType?: OrganisationType[] | undefined;
  modality?: Modality[] | undefined;
  status?: ProgramStatus[] | undefined;
  year?: number | undefined;
  sort?: ProgramSort | undefined;
  /** Programs this organisation owns or is a partner in (from its profile); the list only. */
  organisationId?: string | undefined;
};

const ISSUE_CODE = /^[a-z][a-z0-9_]{1,40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The API takes at most 20 values per list. */
const MAX_LIST = 20;

function listOf<T extends string>(raw: string | null, accept: (value: string) => boolean): T[] | undefined {
  if (!raw) return undefined;
  const values = [...new Set(raw.split(',').map((v) => v.trim()))].filter(accept).slice(0, MAX_LIST);
  return values.length > 0 ? (values as T[]) : undefined;
}

const member = (list: readonly string[]) => (value: string) => list.includes(value);

/**
 * Reads the filters from a URL query. `statuses` are the statuses the page offers (the map and
 * dashboard count no drafts); `withSort` is false where there is no order to choose.
 */
export function programFiltersFromParams(
  params: URLSearchParams,
  statuses: readonly ProgramStatus[] = PROGRAM_STATUSES,
): ProgramFilters {
  const q = params.get('q')?.trim().slice(0, 100);
  const area = params.get('area');
  const year = Number(params.get('year'));
  const sort = params.get('sort');
  const organisationId = params.get('organisationId');
  return {
    q: q || undefined,
    area: area && isWellFormedAreaCode(area) ? area : undefined,
    issue: listOf<string>(params.get('issue'), (v) => ISSUE_CODE.test(v)),
    orgType: listOf<OrganisationType>(params.get('orgType'), member(ORGANISATION_TYPES)),
    modality: listOf<Modality>(params.get('modality'), member(MODALITIES)),
    status: listOf<ProgramStatus>(params.get('status'), member(statuses)),
    year: Number.isInteger(year) && year >= PROGRAM_YEAR_MIN && year <= PROGRAM_YEAR_MAX ? year : undefined,
    sort: sort && sort !== 'period' && member(PROGRAM_SORTS)(sort) ? (sort as ProgramSort) : undefined,
    organisationId: organisationId && UUID.test(organisationId) ? organisationId : undefined,
  };
}

export function pageFromParams(params: URLSearchParams): number {
  return Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
}

/** The query the API takes for these filters: lists comma-separated, empty values left out. */
export function apiQueryOfFilters(filters: ProgramFilters): Record<string, string | number | undefined> {
  const list = (values: readonly string[] | undefined) =>
    values && values.length > 0 ? values.join(',') : undefined;
  return {
    q: filters.q || undefined,
    area: filters.area,
    issue: list(filters.issue),
    orgType: list(filters.orgType),
    modality: list(filters.modality),
    status: list(filters.status),
    year: filters.year,
    sort: filters.sort,
    organisationId: filters.organisationId,
  };
}

/** The URL query for filters and a page; page 1, the default order and empty filters are left out. */
export function paramsOfProgramFilters(filters: ProgramFilters, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(apiQueryOfFilters(filters))) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (page > 1) params.set('page', String(page));
  return params;
}

/** How many filters (besides search text and order) are set: shown on the phone's filter button. */
export function activeFilterCount(filters: ProgramFilters): number {
  return (['area', 'issue', 'orgType', 'modality', 'status', 'year', 'organisationId'] as const).filter(
    (key) => {
      const value = filters[key];
      return Array.isArray(value) ? value.length > 0 : value !== undefined;
    },
  ).length;
}

/** Years a program period may touch, newest first, for the year filter. */
export function yearChoices(): number[] {
  const years: number[] = [];
  for (let y = PROGRAM_YEAR_MAX; y >= PROGRAM_YEAR_MIN; y--) years.push(y);
  return years;
}
