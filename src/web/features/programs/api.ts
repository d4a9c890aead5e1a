import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type CreateProgramInput,
  type Program,
  program,
  programPage,
  type updateProgramBody,
} from '../../../shared/contracts/programs.ts';
import type { ProgramStatus } from '../../../shared/programs.ts';
import { apiGet, apiSend, withQuery } from '../../lib/api-client.ts';
import { apiQueryOfFilters, type ProgramFilters } from './filter-params.ts';

export type ProgramPage = z.infer<typeof programPage>;

const id = (value: string) => encodeURIComponent(value);

export const programKeys = {
  all: ['programs'] as const,
  list: (filters: ProgramFilters, limit: number, offset: number) =>
    ['programs', 'list', filters, limit, offset] as const,
  ofOrganisation: (organisationId: string, limit: number) =>
    ['programs', 'list', 'organisation', organisationId, limit] as const,
  lookup: (q: string) => ['programs', 'list', 'lookup', q] as const,
  detail: (programId: string) => ['programs', 'detail', programId] as const,
};

export function useProgramList(filters: ProgramFilters, limit: number, offset: number) {
  return useQuery({
    queryKey: programKeys.list(filters, limit, offset),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/programs', { ...apiQueryOfFilters(filters), limit, offset }), programPage, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Programs an organisation owns or is a partner in (its profile page). */
export function useOrganisationPrograms(organisationId: string, limit: number) {
  return useQuery({
    queryKey: programKeys.ofOrganisation(organisationId, limit),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/programs', { organisationId, limit, sort: 'period' }), programPage, { signal }),
  });
}

/** A few programs whose title matches, for pickers (programs linked to a partnership). */
export function useProgramLookup(q: string) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: programKeys.lookup(trimmed),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/programs', { q: trimmed, limit: 15, sort: 'title' }), programPage, { signal }),
    enabled: trimmed.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function programQuery(programId: string) {
  return queryOptions({
    queryKey: programKeys.detail(programId),
    queryFn: ({ signal }) => apiGet(`/api/programs/${id(programId)}`, program, { signal }),
  });
}

export function useProgram(programId: string | undefined) {
  return useQuery({ ...programQuery(programId ?? ''), enabled: Boolean(programId) });
}

/**
 * After any write the lists, the map and the dashboard may count differently; the detail of the
 * program written is replaced by the server's answer.
 */
function useAfterWrite() {
  const queryClient = useQueryClient();
  return async (saved: Program | null, programId: string) => {
    if (saved) queryClient.setQueryData(programKeys.detail(saved.id), saved);
    else queryClient.removeQueries({ queryKey: programKeys.detail(programId) });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['programs', 'list'] }),
      queryClient.invalidateQueries({ queryKey: ['whoWhatWhere'] }),
      queryClient.invalidateQueries({ queryKey: ['partnerships'] }),
    ]);
  };
}

export function useCreateProgram() {
  const afterWrite = useAfterWrite();
  return useMutation({
    mutationFn: (body: CreateProgramInput) => apiSend('POST', '/api/programs', body, program),
    onSuccess: (saved) => afterWrite(saved, saved.id),
  });
}

export function useUpdateProgram(programId: string) {
  const afterWrite = useAfterWrite();
  return useMutation({
    mutationFn: (body: z.input<typeof updateProgramBody>) =>
      apiSend('PUT', `/api/programs/${id(programId)}`, body, program),
    onSuccess: (saved) => afterWrite(saved, programId),
  });
}

export function useSetProgramStatus(programId: string) {
  const afterWrite = useAfterWrite();
  return useMutation({
    mutationFn: (body: { status: ProgramStatus; on?: string; version: number }) =>
      apiSend('POST', `/api/programs/${id(programId)}/status`, body, program),
    onSuccess: (saved) => afterWrite(saved, programId),
  });
}

export function useDeleteProgram(programId: string) {
  const afterWrite = useAfterWrite();
  return useMutation({
    mutationFn: (version: number) =>
      apiSend<void>('DELETE', withQuery(`/api/programs/${id(programId)}`, { version })),
    onSuccess: () => afterWrite(null, programId),
  });
}

/** Address of the program export with the same filters (a plain download link). */
export function programExportUrl(format: 'xlsx' | 'csv', filters: ProgramFilters): string {
  const { sort: _sort, ...query } = apiQueryOfFilters(filters);
  return withQuery('/api/programs/export', { ...query, format });
}
