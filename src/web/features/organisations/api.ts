import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type CreateOrganisationInput,
  type ImportResult,
  importResult,
  issueList,
  organisation,
  organisationPage,
  similarOrganisations,
} from '../../../shared/contracts/organisations.ts';
import type { OfferKind, OrganisationType, VerificationStatus } from '../../../shared/roles.ts';
import { apiGet, apiSend, apiUpload, type UploadProgress, withQuery } from '../../lib/api-client.ts';

export type OrganisationPage = z.infer<typeof organisationPage>;

/** The directory filters as they appear in the URL and in the API query. */
export type DirectoryFilters = {
  q?: string | undefined;
  type?: OrganisationType | undefined;
  issue?: string | undefined;
  area?: string | undefined;
  offer?: OfferKind | undefined;
  verification?: VerificationStatus | undefined;
  sort?: 'name' | 'updated' | undefined;
};

export const organisationKeys = {
  all: ['organisations'] as const,
  list: (filters: DirectoryFilters, limit: number, offset: number) =>
    ['organisations', 'list', filters, limit, offset] as const,
  detail: (id: string) => ['organisations', 'detail', id] as const,
  similar: (name: string) => ['organisations', 'similar', name] as const,
  lookup: (q: string) => ['organisations', 'lookup', q] as const,
  issues: (includeInactive: boolean) => ['issues', includeInactive] as const,
};

export function useOrganisationList(filters: DirectoryFilters, limit: number, offset: number) {
  return useQuery({
    queryKey: organisationKeys.list(filters, limit, offset),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/organisations', { ...filters, limit, offset }), organisationPage, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function organisationQuery(id: string) {
  return queryOptions({
    queryKey: organisationKeys.detail(id),
    queryFn: ({ signal }) => apiGet(`/api/organisations/${encodeURIComponent(id)}`, organisation, { signal }),
  });
}

export function useOrganisation(id: string | undefined) {
  return useQuery({ ...organisationQuery(id ?? ''), enabled: Boolean(id) });
}

/** Organisations whose names resemble `name` (signed-in only); for the duplicate warning while typing. */
export function useSimilarOrganisations(name: string, enabled: boolean) {
  const trimmed = name.trim();
  return useQuery({
    queryKey: organisationKeys.similar(trimmed),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/organisations/similar', { name: trimmed }), similarOrganisations, { signal }),
    enabled: enabled && trimmed.length >= 3,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** A few organisations matching a name, for pickers (parent organisation, membership). */
export function useOrganisationLookup(q: string) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: organisationKeys.lookup(trimmed),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/organisations', { q: trimmed, limit: 15 }), organisationPage, { signal }),
    enabled: trimmed.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function issuesQuery(includeInactive = false) {
  return queryOptions({
    queryKey: organisationKeys.issues(includeInactive),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/issues', { includeInactive: includeInactive ? 'true' : undefined }), issueList, {
        signal,
      }),
    staleTime: 10 * 60_000,
  });
}

export function useIssues(includeInactive = false) {
  return useQuery(issuesQuery(includeInactive));
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganisationInput) => apiSend('POST', '/api/organisations', body, organisation),
    onSuccess: async (created) => {
      queryClient.setQueryData(organisationKeys.detail(created.id), created);
      await queryClient.invalidateQueries({ queryKey: ['organisations', 'list'] });
    },
  });
}

export function useUpdateOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<CreateOrganisationInput, 'confirmDuplicate'> & { version: number }) =>
      apiSend('PATCH', `/api/organisations/${encodeURIComponent(id)}`, body, organisation),
    onSuccess: async (updated) => {
      queryClient.setQueryData(organisationKeys.detail(id), updated);
      await queryClient.invalidateQueries({ queryKey: ['organisations', 'list'] });
    },
  });
}

export function useSetVerification(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { status: VerificationStatus; version: number }) =>
      apiSend('POST', `/api/organisations/${encodeURIComponent(id)}/verification`, body, organisation),
    onSuccess: async (updated) => {
      queryClient.setQueryData(organisationKeys.detail(id), updated);
      await queryClient.invalidateQueries({ queryKey: ['organisations', 'list'] });
    },
  });
}

/** Uploads an import file; with `dryRun` the server only checks and counts. */
export function useImportOrganisations(onProgress: (progress: UploadProgress) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }): Promise<ImportResult> => {
      const form = new FormData();
      form.append('file', file);
      return apiUpload(
        withQuery('/api/organisations/import', { dryRun: String(dryRun) }),
        form,
        importResult,
        onProgress,
      );
    },
    onSuccess: async (result) => {
      if (result.committed) await queryClient.invalidateQueries({ queryKey: organisationKeys.all });
    },
  });
}

/** Address of the directory export with the same filters (a plain download link). */
export function exportUrl(format: 'xlsx' | 'csv', filters: DirectoryFilters): string {
  return withQuery('/api/organisations/export', { ...filters, format });
}

export function templateUrl(format: 'xlsx' | 'csv'): string {
  return withQuery('/api/organisations/import/template', { format });
}
