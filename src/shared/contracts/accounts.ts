/** Accounts, sessions and memberships. Passwords never appear in a response. */
import { z } from 'zod';
import { isWellFormedAreaCode } from '../area-code.ts';
import { ROLES } from '../roles.ts';
import { pageOf, pagingQuery } from './common.ts';
import { boundedText, TEXT_LIMITS } from './limits.ts';

export const role = z.enum(ROLES);

/** Length over composition rules (NIST SP 800-63B): at least 10 characters, at most 200. */
export const password = z.string().min(10, { message: 'at least 10 characters' }).max(200);

export const loginBody = z
  .object({ email: z.email().max(200), password: z.string().min(1).max(200) })
  .strict();

export const loginResponse = z.object({
  ok: z.literal(true),
  csrfToken: z.string().describe('The new CSRF token: the secret rotates at sign-in'),
});

export const membership = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  role,
  areaScope: z
    .string()
    .nullable()
    .describe('Kemendagri code prefix the role is limited to; null = whole province'),
});
export type Membership = z.infer<typeof membership>;

export const sessionUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  mustChangePassword: z.boolean(),
  memberships: z.array(membership),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionResponse = z.object({
  user: sessionUser.nullable(),
  csrfToken: z.string().describe('Send as x-csrf-token on every state-changing request'),
  demoMode: z.boolean(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: password })
  .strict();

export const userSummary = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  active: z.boolean(),
  signInThrottled: z
    .boolean()
    .describe(
      'Some source must wait before its next sign-in attempt (docs/access.md); the account is never locked',
    ),
  lastLoginAt: z.string().nullable(),
  memberships: z.array(membership),
});
export type UserSummary = z.infer<typeof userSummary>;
export const userPage = pageOf(userSummary);

export const listUsersQuery = z
  .object({
    ...pagingQuery,
    q: z.string().trim().min(1).max(100).optional(),
    organisationId: z.uuid().optional(),
  })
  .strict();

export const createUserBody = z
  .object({
    email: z.email().max(TEXT_LIMITS.email),
    name: boundedText(TEXT_LIMITS.personName).min(2),
    password,
  })
  .strict();

export const updateUserBody = z
  .object({ name: boundedText(TEXT_LIMITS.personName).min(2).optional(), active: z.boolean().optional() })
  .strict();

export const resetPasswordBody = z.object({ newPassword: password }).strict();

export const createMembershipBody = z
  .object({
    organisationId: z.uuid(),
    role,
    areaScope: z
      .string()
      .trim()
      .refine(isWellFormedAreaCode, { message: 'AREA_CODE_MALFORMED' })
      .optional()
      .nullable(),
  })
  .strict();
