import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { areaActivity, dashboardResponse, mapResponse } from '../../../shared/contracts/who-what-where.ts';
import { apiGet, withQuery } from '../../lib/api-client.ts';
import { apiQueryOfFilters, type ProgramFilters } from '../programs/filter-params.ts';
import type { MapLevel } from './measures.ts';

export type AreaActivity = z.infer<typeof areaActivity>;

/** The who-does-what-where views take the shared filters but no search text or order. */
export function whoWhatWhereQueryOf(filters: ProgramFilters): Record<string, string | number | undefined> {
  const { q: _q, sort: _sort, organisationId: _organisationId, ...query } = apiQueryOfFilters(filters);
  return query;
}

/** Filters without the parts these views ignore, so the cache key does not split on them. */
const keyOf = (filters: ProgramFilters) => whoWhatWhereQueryOf(filters);

export const whoWhatWhereKeys = {
  map: (level: MapLevel, filters: ProgramFilters) => ['whoWhatWhere', 'map', level, keyOf(filters)] as const,
  dashboard: (filters: ProgramFilters) => ['whoWhatWhere', 'dashboard', keyOf(filters)] as const,
  area: (code: string, filters: ProgramFilters, limit: number, offset: number) =>
    ['whoWhatWhere', 'area', code, keyOf(filters), limit, offset] as const,
};

export function useWhoWhatWhereMap(level: MapLevel, filters: ProgramFilters) {
  return useQuery({
    queryKey: whoWhatWhereKeys.map(level, filters),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/who-what-where/map', { ...whoWhatWhereQueryOf(filters), level }), mapResponse, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useDashboard(filters: ProgramFilters) {
  return useQuery({
    queryKey: whoWhatWhereKeys.dashboard(filters),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/who-what-where/dashboard', whoWhatWhereQueryOf(filters)), dashboardResponse, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** What happens in one area and who does it (the map's side panel). */
export function useAreaActivity(
  code: string | null,
  filters: ProgramFilters,
  limit: number,
  offset: number,
  /** The page of the organisation list (AREA_ORGANISATIONS_PAGE per page). */
  organisationsOffset = 0,
) {
  return useQuery({
    queryKey: [...whoWhatWhereKeys.area(code ?? '', filters, limit, offset), organisationsOffset],
    queryFn: ({ signal }) =>
      apiGet(
        withQuery(`/api/who-what-where/areas/${encodeURIComponent(code ?? '')}`, {
          ...whoWhatWhereQueryOf(filters),
          limit,
          offset,
          organisationsOffset,
        }),
        areaActivity,
        { signal },
      ),
    enabled: Boolean(code),
    placeholderData: keepPreviousData,
  });
}
