import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AreaLevel } from '../../../shared/area-code.ts';
import {
  areaDetail,
  areaPage,
  boundaryCollection,
  boundaryStatus,
  healthResponse,
  searchResult,
} from '../../../shared/contracts/areas.ts';
import { apiGet, withQuery } from '../../lib/api-client.ts';

export type AreaPage = z.infer<typeof areaPage>;
export type SearchResult = z.infer<typeof searchResult>;

const code = (value: string) => encodeURIComponent(value);

export const areaKeys = {
  detail: (areaCode: string) => ['areas', 'detail', areaCode] as const,
  children: (areaCode: string, limit: number, offset: number) =>
    ['areas', 'children', areaCode, limit, offset] as const,
  search: (q: string, within: string | undefined) => ['areas', 'search', q, within ?? null] as const,
  boundaries: (level: AreaLevel, within: string) => ['boundaries', level, within] as const,
  boundaryStatus: ['boundaries', 'status'] as const,
  health: ['health'] as const,
};

/** Query options for one area's detail; shared by the page and by the treemap's per-child sizes. */
export function areaDetailQuery(areaCode: string) {
  return queryOptions({
    queryKey: areaKeys.detail(areaCode),
    queryFn: ({ signal }) => apiGet(`/api/areas/${code(areaCode)}`, areaDetail, { signal }),
  });
}

export function useAreaDetail(areaCode: string | undefined) {
  return useQuery({ ...areaDetailQuery(areaCode ?? ''), enabled: Boolean(areaCode) });
}

export function useAreaChildren(areaCode: string | undefined, limit: number, offset: number, enabled = true) {
  return useQuery({
    queryKey: areaKeys.children(areaCode ?? '', limit, offset),
    queryFn: ({ signal }) =>
      apiGet(withQuery(`/api/areas/${code(areaCode ?? '')}/children`, { limit, offset }), areaPage, {
        signal,
      }),
    enabled: Boolean(areaCode) && enabled,
    placeholderData: keepPreviousData,
  });
}

export function useAreaSearch(q: string, within: string | undefined) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: areaKeys.search(trimmed, within),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/areas/search', { q: trimmed, within, limit: 15 }), searchResult, { signal }),
    // The API needs at least two characters.
    enabled: trimmed.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export function useBoundaries(level: AreaLevel | null, within: string | null) {
  return useQuery({
    queryKey: areaKeys.boundaries(level ?? 'village', within ?? ''),
    queryFn: ({ signal }) =>
      apiGet(
        withQuery('/api/boundaries', { level: level ?? undefined, within: within ?? undefined }),
        boundaryCollection,
        { signal },
      ),
    enabled: Boolean(level && within),
    // Boundaries change only on import; keep them for the session.
    staleTime: 30 * 60_000,
  });
}

export function useBoundaryStatus(enabled: boolean) {
  return useQuery({
    queryKey: areaKeys.boundaryStatus,
    queryFn: ({ signal }) => apiGet('/api/boundaries/status', boundaryStatus, { signal }),
    enabled,
  });
}

export function useHealth() {
  return useQuery({
    queryKey: areaKeys.health,
    queryFn: ({ signal }) => apiGet('/api/health', healthResponse, { signal, acceptStatuses: [503] }),
    refetchInterval: 60_000,
  });
}
