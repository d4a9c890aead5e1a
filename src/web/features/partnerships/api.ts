import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type createPartnershipBody,
  organisationDurability,
  type Partnership,
  partnership,
  partnershipPage,
  type updatePartnershipBody,
} from '../../../shared/contracts/partnerships.ts';
import type { PartnershipStatus } from '../../../shared/programs.ts';
import { apiGet, apiSend, withQuery } from '../../lib/api-client.ts';
import { apiQueryOfPartnershipFilters, type PartnershipFilters } from './list-params.ts';

export type PartnershipPage = z.infer<typeof partnershipPage>;
export type PartnershipSummary = PartnershipPage['items'][number];
export type OrganisationDurability = z.infer<typeof organisationDurability>;

const id = (value: string) => encodeURIComponent(value);

export const partnershipKeys = {
  list: (filters: PartnershipFilters, limit: number, offset: number) =>
    ['partnerships', 'list', filters, limit, offset] as const,
  ofOrganisation: (organisationId: string, limit: number) =>
    ['partnerships', 'list', 'organisation', organisationId, limit] as const,
  lookup: (q: string) => ['partnerships', 'list', 'lookup', q] as const,
  detail: (partnershipId: string) => ['partnerships', 'detail', partnershipId] as const,
  durability: (organisationId: string) => ['partnerships', 'durability', organisationId] as const,
};

export function usePartnershipList(filters: PartnershipFilters, limit: number, offset: number) {
  return useQuery({
    queryKey: partnershipKeys.list(filters, limit, offset),
    queryFn: ({ signal }) =>
      apiGet(
        withQuery('/api/partnerships', { ...apiQueryOfPartnershipFilters(filters), limit, offset }),
        partnershipPage,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** Partnerships an organisation is a party to (its profile page). */
export function useOrganisationPartnerships(organisationId: string, limit: number) {
  return useQuery({
    queryKey: partnershipKeys.ofOrganisation(organisationId, limit),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/partnerships', { organisationId, limit }), partnershipPage, { signal }),
  });
}

/** A few partnerships matching a title, for the "renews" picker. */
export function usePartnershipLookup(q: string) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: partnershipKeys.lookup(trimmed),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/partnerships', { q: trimmed, limit: 15 }), partnershipPage, { signal }),
    enabled: trimmed.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function partnershipQuery(partnershipId: string) {
  return queryOptions({
    queryKey: partnershipKeys.detail(partnershipId),
    queryFn: ({ signal }) => apiGet(`/api/partnerships/${id(partnershipId)}`, partnership, { signal }),
  });
}

export function usePartnership(partnershipId: string | undefined) {
  return useQuery({ ...partnershipQuery(partnershipId ?? ''), enabled: Boolean(partnershipId) });
}

export function useOrganisationDurability(organisationId: string) {
  return useQuery({
    queryKey: partnershipKeys.durability(organisationId),
    queryFn: ({ signal }) =>
      apiGet(`/api/organisations/${id(organisationId)}/durability`, organisationDurability, { signal }),
  });
}

/** After a write: the saved detail, and every list, durability figure and linked program may differ. */
function useAfterWrite() {
  const queryClient = useQueryClient();
  return async (saved: Partnership) => {
    queryClient.setQueryData(partnershipKeys.detail(saved.id), saved);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['partnerships', 'list'] }),
      queryClient.invalidateQueries({ queryKey: ['partnerships', 'durability'] }),
      // The chain (renewals) is shown on each agreement of it.
      queryClient.invalidateQueries({
        queryKey: ['partnerships', 'detail'],
        predicate: (q) => q.queryKey[2] !== saved.id,
      }),
      queryClient.invalidateQueries({ queryKey: ['programs', 'detail'] }),
    ]);
  };
}

export function useCreatePartnership() {
  const afterWrite = useAfterWrite();
  return useMutation({
    mutationFn: (body: z.input<typeof createPartnershipBody>) =>
      apiSend('POST', '/api/partnerships', body, partnership),
    onSuccess: afterWrite,
  });
}

export function useUpdatePartnership(partnershipId: string) {
  const afterWrite = useAfterWrite();
  return useMutation({
    mutationFn: (body: z.input<typeof updatePartnershipBody>) =>
      apiSend('PUT', `/api/partnerships/${id(partnershipId)}`, body, partnership),
    onSuccess: afterWrite,
  });
}

export function useSetPartnershipStatus(partnershipId: string) {
  const afterWrite = useAfterWrite();
  return useMutation({
    mutationFn: (body: { status: PartnershipStatus; on?: string; version: number }) =>
      apiSend('POST', `/api/partnerships/${id(partnershipId)}/status`, body, partnership),
    onSuccess: afterWrite,
  });
}

/** A party answers: confirm or decline, for the organisation, with the version the page shows. */
export function useAnswerForParty(partnershipId: string) {
  const afterWrite = useAfterWrite();
  return useMutation({
    mutationFn: (body: { organisationId: string; answer: 'confirm' | 'decline'; version: number }) =>
      apiSend(
        'POST',
        `/api/partnerships/${id(partnershipId)}/parties/${id(body.organisationId)}/${body.answer}`,
        { version: body.version },
        partnership,
      ),
    onSuccess: afterWrite,
  });
}
