import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { userPage, userSummary } from '../../../shared/contracts/accounts.ts';
import { auditPage, chainVerification } from '../../../shared/contracts/audit.ts';
import { issue } from '../../../shared/contracts/organisations.ts';
import type { Role } from '../../../shared/roles.ts';
import { apiGet, apiSend, withQuery } from '../../lib/api-client.ts';

const ok = z.object({ ok: z.literal(true) });

export const adminKeys = {
  users: ['users'] as const,
  userList: (q: string, limit: number, offset: number) => ['users', 'list', q, limit, offset] as const,
  user: (id: string) => ['users', 'detail', id] as const,
  audit: (filters: AuditFilters, limit: number, offset: number) => ['audit', filters, limit, offset] as const,
};

export function useUsers(q: string, limit: number, offset: number) {
  return useQuery({
    queryKey: adminKeys.userList(q, limit, offset),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/users', { q: q || undefined, limit, offset }), userPage, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: adminKeys.user(id),
    queryFn: ({ signal }) => apiGet(`/api/users/${encodeURIComponent(id)}`, userSummary, { signal }),
  });
}

/** After a change to one user: their detail is the answer; every list may have changed. */
function useUserChanged() {
  const queryClient = useQueryClient();
  return async (user: z.infer<typeof userSummary>) => {
    queryClient.setQueryData(adminKeys.user(user.id), user);
    await queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
  };
}

export function useCreateUser() {
  const changed = useUserChanged();
  return useMutation({
    mutationFn: (body: { email: string; name: string; password: string }) =>
      apiSend('POST', '/api/users', body, userSummary),
    onSuccess: changed,
  });
}

export function useUpdateUser(id: string) {
  const changed = useUserChanged();
  return useMutation({
    mutationFn: (body: { name?: string; active?: boolean }) =>
      apiSend('PATCH', `/api/users/${encodeURIComponent(id)}`, body, userSummary),
    onSuccess: changed,
  });
}

export function useResetPassword(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (newPassword: string) =>
      apiSend('POST', `/api/users/${encodeURIComponent(id)}/password`, { newPassword }, ok),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.user(id) }),
  });
}

export function useGrantMembership(userId: string) {
  const changed = useUserChanged();
  return useMutation({
    mutationFn: (body: { organisationId: string; role: Role; areaScope: string | null }) =>
      apiSend('POST', `/api/users/${encodeURIComponent(userId)}/memberships`, body, userSummary),
    onSuccess: changed,
  });
}

export function useRevokeMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (membershipId: string) =>
      apiSend('DELETE', `/api/memberships/${encodeURIComponent(membershipId)}`, undefined, ok),
    // The user's detail and every list start with 'users': all are refetched.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

export type IssueInput = {
  nameId: string;
  nameEn: string;
  descriptionId: string | null;
  descriptionEn: string | null;
  sortOrder: number;
};

export function useCreateIssue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IssueInput & { code: string }) => apiSend('POST', '/api/issues', body, issue),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['issues'] }),
  });
}

export function useUpdateIssue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...body }: Partial<IssueInput> & { code: string; active?: boolean }) =>
      apiSend('PATCH', `/api/issues/${encodeURIComponent(code)}`, body, issue),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['issues'] }),
  });
}

export type AuditFilters = {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export function useAudit(filters: AuditFilters, limit: number, offset: number) {
  return useQuery({
    queryKey: adminKeys.audit(filters, limit, offset),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/audit', { ...filters, limit, offset }), auditPage, { signal }),
    placeholderData: keepPreviousData,
    // The trail grows with every action, including reading it: always ask again.
    staleTime: 0,
  });
}

/** Recomputes the hash chain on the server; run on request (it reads the whole log). */
export function useVerifyChain() {
  return useMutation({
    mutationFn: () => apiGet('/api/audit/verify', chainVerification),
  });
}
