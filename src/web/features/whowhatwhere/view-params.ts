/**
 * The map's and dashboard's state in the URL (`/peta?level=district&measure=budget&year=2025`),
 * so a view can be shared as a link. Filters are the program filters without search text or
 * order, and with the statuses these views count (no drafts).
 */
import { isWellFormedAreaCode } from '../../../shared/area-code.ts';
import { MAPPED_STATUSES } from '../../../shared/programs.ts';
import {
  type ProgramFilters,
  paramsOfProgramFilters,
  programFiltersFromParams,
} from '../programs/filter-params.ts';
import { MAP_LEVELS, type MapLevel, MEASURES, type Measure } from './measures.ts';

export type MapView = { level: MapLevel; measure: Measure; selected: string | null };

export function viewFiltersFromParams(params: URLSearchParams): ProgramFilters {
  const {
    q: _q,
    sort: _sort,
    organisationId: _organisationId,
    ...filters
  } = programFiltersFromParams(params, MAPPED_STATUSES);
  return filters;
}

export function mapViewFromParams(params: URLSearchParams): MapView {
  const level = params.get('level');
  const measure = params.get('measure');
  const selected = params.get('selected');
  return {
    level: (MAP_LEVELS as readonly string[]).includes(level ?? '') ? (level as MapLevel) : 'regency',
    measure: (MEASURES as readonly string[]).includes(measure ?? '') ? (measure as Measure) : 'programs',
    selected: selected && isWellFormedAreaCode(selected) ? selected : null,
  };
}

/** The URL query for a map view; the defaults (kabupaten, number of programs) are left out. */
export function paramsOfMapView(filters: ProgramFilters, view: MapView): URLSearchParams {
  const params = paramsOfProgramFilters(filters);
  if (view.level !== 'regency') params.set('level', view.level);
  if (view.measure !== 'programs') params.set('measure', view.measure);
  if (view.selected) params.set('selected', view.selected);
  return params;
}
