/** Sign-in, session, own password; user and membership administration. */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordBody,
  createMembershipBody,
  createUserBody,
  listUsersQuery,
  loginBody,
  loginResponse,
  resetPasswordBody,
  sessionResponse,
  updateUserBody,
  userPage,
  userSummary,
} from '../../../shared/contracts/accounts.ts';
import { errorBody } from '../../../shared/contracts/common.ts';
import { AppError } from '../../errors.ts';
import { auditContextOf, currentUser } from '../../http/auth.ts';
import { errorResponses, idParams, okReply } from '../../http/route-kit.ts';
import { pageOf } from '../../paging.ts';
import { recordAudit } from '../audit/record-audit.ts';
import {
  changeOwnPassword,
  createUser,
  getUser,
  grantMembership,
  listUsers,
  resetPassword,
  revokeMembership,
  signIn,
  signOut,
  updateUser,
} from './service.ts';
import { SESSION_COOKIE } from './sessions.ts';

const USER_ADMINS = ['platform_admin', 'org_admin'] as const;

export interface AccountRouteOptions {
  sessionTtlHours: number;
  cookieSecure: boolean;
  demoMode: boolean;
}

export const accountRoutes: FastifyPluginAsyncZod<AccountRouteOptions> = async (app, options) => {
  const db = app.database.db;
  /** Names and emails of users are personal data: each read of them is audited. */
  const auditPersonalRead = async (request: FastifyRequest, userIds: string[]) => {
    if (userIds.length === 0) return;
    await db.transaction().execute((trx) =>
      recordAudit(trx, auditContextOf(request), {
        action: 'read_personal',
        entityType: 'user',
        entityId: userIds.length === 1 ? (userIds[0] as string) : null,
        after: { fields: ['email', 'name'], count: userIds.length },
      }),
    );
  };
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: options.cookieSecure,
    maxAge: options.sessionTtlHours * 3600,
  };

  app.get(
    '/auth/session',
    {
      config: { access: 'public', allowWithPendingPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user (or null) and a CSRF token for state-changing requests',
        querystring: z.object({}).strict(),
        response: { 200: sessionResponse, 400: errorBody },
      },
    },
    async (request, reply) => {
      const csrfToken = reply.csrfToken();
      const actor = request.actor;
      return {
        user:
          actor.kind === 'user'
            ? {
                id: actor.userId,
                email: actor.email,
                name: actor.name,
                mustChangePassword: actor.mustChangePassword,
                memberships: actor.memberships,
              }
            : null,
        csrfToken,
        demoMode: options.demoMode,
      };
    },
  );

  app.post(
    '/auth/login',
    {
      // The per-address rate limit caps raw request volume (in memory, per instance); the sign-in
      // throttle in the database (throttle.ts) is what slows password guessing.
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with email and password (10 tries a minute per address; repeated failures from one address on one account must wait a growing delay, 429 SIGN_IN_THROTTLED with Retry-After). Answers a fresh CSRF token: tokens from before the sign-in are refused afterwards',
        body: loginBody,
        response: { 200: loginResponse, ...errorResponses, 429: errorBody },
      },
    },
    async (request, reply) => {
      let signedIn: { token: string };
      try {
        signedIn = await signIn(
          db,
          request.body,
          { ttlHours: options.sessionTtlHours, userAgent: request.headers['user-agent'] ?? null },
          auditContextOf(request),
        );
      } catch (error) {
        const wait =
          error instanceof AppError && error.code === 'SIGN_IN_THROTTLED' ? error.details?.[0] : null;
        if (wait) reply.header('retry-after', wait.message);
        throw error;
      }
      reply.setCookie(SESSION_COOKIE, signedIn.token, cookieOptions);
      // A new CSRF secret with the new session: a token a page (or an attacker who planted the
      // secret cookie) obtained before signing in does not carry over into the signed-in session.
      return { ok: true as const, csrfToken: reply.rotateCsrfSecret() };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public', allowWithPendingPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out',
        response: { 200: okReply, 400: errorBody, 403: errorBody },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(db, token, auditContextOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'signed_in', allowWithPendingPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (ends your other sessions)',
        body: changePasswordBody,
        response: { 200: okReply, ...errorResponses },
      },
    },
    async (request) => {
      const user = currentUser(request);
      await changeOwnPassword(
        db,
        user.userId,
        request.body.currentPassword,
        request.body.newPassword,
        request.cookies[SESSION_COOKIE],
        auditContextOf(request),
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/users',
    {
      config: { access: USER_ADMINS },
      schema: {
        tags: ['users'],
        summary: 'Users you administer (platform: all; organisation admins: their members)',
        querystring: listUsersQuery,
        response: { 200: userPage, ...errorResponses },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const { items, total } = await listUsers(db, request.actor, filter, { limit, offset });
      await auditPersonalRead(
        request,
        items.map((u) => u.id),
      );
      return pageOf(items, { limit, offset }, total);
    },
  );

  app.post(
    '/users',
    {
      config: { access: USER_ADMINS },
      schema: {
        tags: ['users'],
        summary: 'Create a user (they choose their own password at first sign-in)',
        body: createUserBody,
        response: { 201: userSummary, ...errorResponses },
      },
    },
    async (request, reply) => {
      // An organisation admin's new user joins their organisation as a viewer, within the admin's own
      // area scope (a wider membership is one they may not grant), in the same transaction.
      const own =
        request.actor.kind === 'user' && !request.actor.memberships.some((m) => m.role === 'platform_admin')
          ? request.actor.memberships.find((m) => m.role === 'org_admin')
          : undefined;
      const id = await createUser(
        db,
        request.body,
        auditContextOf(request),
        own ? { organisationId: own.organisationId, role: 'viewer', areaScope: own.areaScope } : undefined,
      );
      return reply.status(201).send(await getUser(db, request.actor, id));
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: USER_ADMINS },
      schema: {
        tags: ['users'],
        summary: 'One user',
        params: idParams,
        response: { 200: userSummary, ...errorResponses },
      },
    },
    async (request) => {
      const user = await getUser(db, request.actor, request.params.id);
      await auditPersonalRead(request, [user.id]);
      return user;
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: USER_ADMINS },
      schema: {
        tags: ['users'],
        summary: 'Rename, deactivate or reactivate a user',
        params: idParams,
        body: updateUserBody,
        response: { 200: userSummary, ...errorResponses },
      },
    },
    async (request) => {
      await updateUser(db, request.actor, request.params.id, request.body, auditContextOf(request));
      return getUser(db, request.actor, request.params.id);
    },
  );

  app.post(
    '/users/:id/password',
    {
      config: { access: USER_ADMINS },
      schema: {
        tags: ['users'],
        summary: 'Set a temporary password (the user must change it; clears the sign-in throttle)',
        params: idParams,
        body: resetPasswordBody,
        response: { 200: okReply, ...errorResponses },
      },
    },
    async (request) => {
      await resetPassword(
        db,
        request.actor,
        request.params.id,
        request.body.newPassword,
        auditContextOf(request),
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/users/:id/memberships',
    {
      config: { access: USER_ADMINS },
      schema: {
        tags: ['users'],
        summary: 'Give a user a role in an organisation, optionally limited to an area',
        params: idParams,
        body: createMembershipBody,
        response: { 200: userSummary, ...errorResponses },
      },
    },
    async (request) => {
      await grantMembership(db, request.actor, request.params.id, request.body, auditContextOf(request));
      return getUser(db, request.actor, request.params.id);
    },
  );

  app.delete(
    '/memberships/:id',
    {
      config: { access: USER_ADMINS },
      schema: {
        tags: ['users'],
        summary: 'Remove a membership',
        params: idParams,
        response: { 200: okReply, ...errorResponses },
      },
    },
    async (request) => {
      await revokeMembership(db, request.actor, request.params.id, auditContextOf(request));
      return { ok: true as const };
    },
  );
};
