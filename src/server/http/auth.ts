/**
 * Authentication and route-level access. Every route declares `config.access`:
 *   'public'     anyone, including anonymous visitors
 *   'signed_in'  any signed-in user
 *   Role[]       signed-in users holding one of these roles in some membership
 * Anonymous callers of a non-public route get 401, signed-in callers without the role
 * 403. Record-level rules (an organisation's own editors, area scopes) are applied by
 * the domain and its queries. State-changing requests need the CSRF token, except
 * admin-token API calls that carry no cookies.
 */
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import CsrfTokens from '@fastify/csrf';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../../shared/roles.ts';
import { AppError } from '../errors.ts';
import { actorForToken, SESSION_COOKIE } from '../modules/accounts/sessions.ts';
import type { AuditContext } from '../modules/audit/record-audit.ts';
import { type Actor, ANONYMOUS, actorLabel, hasRole } from '../policies/actor.ts';

export type RouteAccess = 'public' | 'signed_in' | readonly Role[];

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyReply {
    /** A CSRF token for the caller, setting the secret cookie if needed. */
    csrfToken(): string;
    /** Sets a new CSRF secret cookie (the old secret's tokens stop working) and answers its token. */
    rotateCsrfSecret(): string;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Routes a user who must change their password may still call. */
    allowWithPendingPasswordChange?: boolean;
    /** A POST that changes nothing (e.g. code validation): no CSRF token needed. */
    readOnly?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_COOKIE = 'simpul_csrf';

export function auditContextOf(request: FastifyRequest): AuditContext {
  return {
    actorUserId: request.actor.kind === 'user' ? request.actor.userId : null,
    actorLabel: actorLabel(request.actor),
    ip: request.ip ?? null,
    requestId: request.id,
  };
}

export function currentUser(request: FastifyRequest): Extract<Actor, { kind: 'user' }> {
  if (request.actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

export interface AuthOptions {
  cookieSecret: string;
  cookieSecure: boolean;
  /** ADMIN_TOKEN: scripts may call platform-administrator routes with it; null = off. */
  adminToken: string | null;
}

function adminTokenMatches(expected: Buffer, header: string): boolean {
  const given = Buffer.from(header.slice('Bearer '.length));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const authPlugin = fp<AuthOptions>(async (app: FastifyInstance, options) => {
  await app.register(cookie, { secret: options.cookieSecret });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `retry in ${context.after}`,
    }),
  });

  // CSRF: a random secret in a signed, HttpOnly cookie; pages send a token derived from it
  // (from GET /api/auth/session) in the x-csrf-token header. A forged cross-site form
  // cannot read the token, so it cannot send it.
  // The constructor's overloads resolve to the userInfo variant in TypeScript; we use the simple one.
  const tokens = new CsrfTokens() as unknown as {
    secretSync(): string;
    create(secret: string): string;
    verify(secret: string, token: string): boolean;
  };
  const csrfCookieOptions = {
    signed: true,
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: options.cookieSecure,
  };
  app.decorateReply('csrfToken', function csrfToken(this: FastifyReply) {
    const request = this.request;
    const existing = request.cookies[CSRF_COOKIE] ? request.unsignCookie(request.cookies[CSRF_COOKIE]) : null;
    let secret = existing?.valid ? existing.value : null;
    if (!secret) {
      secret = tokens.secretSync();
      this.setCookie(CSRF_COOKIE, secret, csrfCookieOptions);
    }
    return tokens.create(secret);
  });
  app.decorateReply('rotateCsrfSecret', function rotateCsrfSecret(this: FastifyReply) {
    const secret = tokens.secretSync();
    this.setCookie(CSRF_COOKIE, secret, csrfCookieOptions);
    return tokens.create(secret);
  });
  function csrfValid(request: FastifyRequest): boolean {
    const cookie = request.cookies[CSRF_COOKIE];
    const token = request.headers['x-csrf-token'];
    if (!cookie || typeof token !== 'string') return false;
    const secret = request.unsignCookie(cookie);
    return secret.valid && secret.value !== null && tokens.verify(secret.value, token);
  }

  // Fastify 5 refuses shared object defaults on requests; every request gets its own in onRequest.
  app.decorateRequest('actor', null as never);

  const expectedAdminToken = options.adminToken ? Buffer.from(options.adminToken) : null;
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    const authorization = request.headers.authorization;
    if (authorization !== undefined && request.url.startsWith('/api/')) {
      if (!expectedAdminToken) throw new AppError('ADMIN_API_DISABLED');
      if (!authorization.startsWith('Bearer '))
        throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <ADMIN_TOKEN>');
      if (!adminTokenMatches(expectedAdminToken, authorization))
        throw new AppError('FORBIDDEN', 'The admin token is not valid');
      request.actor = { kind: 'service' };
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = (await actorForToken(app.database.db, token)) ?? ANONYMOUS;
  });

  // preValidation, so an anonymous caller gets 401 before any 400 about the payload.
  app.addHook('preValidation', async (request) => {
    // Fastify builds a new routeOptions object on every read: take it once per request.
    const { url: routeUrl, config } = request.routeOptions;
    // The OpenAPI document and its UI are public and registered by @fastify/swagger-ui.
    if (!routeUrl?.startsWith('/api/') || routeUrl.startsWith('/api/docs')) return;
    const access = config.access;
    if (access === undefined) {
      // A route without a declared rule is a programming error; refuse rather than guess.
      throw new AppError('FORBIDDEN', `route ${routeUrl} declares no access rule`);
    }
    const pendingPasswordChange =
      request.actor.kind === 'user' &&
      request.actor.mustChangePassword &&
      !config.allowWithPendingPasswordChange;
    // Until they choose their own password, such users get nothing a visitor would not: public
    // routes answer them as anonymous (no contacts, verified organisations only).
    if (pendingPasswordChange && access === 'public') request.actor = ANONYMOUS;
    if (access !== 'public') {
      if (request.actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
      if (
        request.actor.kind === 'user' &&
        request.actor.mustChangePassword &&
        !config.allowWithPendingPasswordChange
      ) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED');
      }
      if (access !== 'signed_in' && !hasRole(request.actor, access)) throw new AppError('FORBIDDEN');
    }
    // Cookie-authenticated writes must prove they come from our own pages.
    if (!SAFE_METHODS.has(request.method) && !config.readOnly && request.actor.kind !== 'service') {
      if (!csrfValid(request)) throw new AppError('CSRF_INVALID');
    }
  });
});
