import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { sessionResponse } from '../../../shared/contracts/accounts.ts';
import { apiGet, apiSend, setCsrfTokenSource } from '../../lib/api-client.ts';

const ok = z.object({ ok: z.literal(true) });

export const sessionKeys = { session: ['auth', 'session'] as const };

/** The signed-in user (or null), the CSRF token for writes, and whether this server runs demo data. */
export function sessionQuery() {
  return queryOptions({
    queryKey: sessionKeys.session,
    queryFn: ({ signal }) => apiGet('/api/auth/session', sessionResponse, { signal }),
    staleTime: 5 * 60_000,
    // Signing out in another tab, or a session that expired, shows up when the reader comes back.
    refetchOnWindowFocus: true,
  });
}

export function useSession() {
  return useQuery(sessionQuery());
}

/** The signed-in user, null when anonymous, undefined while the session is still loading. */
export function useCurrentUser() {
  const session = useSession();
  return session.data ? session.data.user : undefined;
}

/** Lets the API client take its CSRF token from the session query (fetched when not yet there). */
export function connectCsrfToSession(queryClient: QueryClient): void {
  setCsrfTokenSource({
    current: async () => (await queryClient.ensureQueryData(sessionQuery())).csrfToken,
    refresh: async () => (await queryClient.fetchQuery({ ...sessionQuery(), staleTime: 0 })).csrfToken,
  });
}

/**
 * After signing in or out every cached answer may be different (contacts, `canEdit`, what is
 * visible at all): reset them all, which refetches what is on screen, session first.
 */
async function afterSessionChange(queryClient: QueryClient) {
  await queryClient.fetchQuery({ ...sessionQuery(), staleTime: 0 });
  await queryClient.resetQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => apiSend('POST', '/api/auth/login', body, ok),
    onSuccess: () => afterSessionChange(queryClient),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', '/api/auth/logout', undefined, ok),
    onSettled: () => afterSessionChange(queryClient),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiSend('POST', '/api/auth/password', body, ok),
    // mustChangePassword is now false; the session token stays valid.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.session }),
  });
}
