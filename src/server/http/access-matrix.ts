/**
 * The declared access of every API route, per caller: `allow` (the route lets them
 * through: any answer but 401/403), `401` (sign in first) or `403` (refused). Callers are
 * an anonymous visitor, a user holding exactly one role (in their own organisation,
 * without area scope) and `service`, a script calling with ADMIN_TOKEN.
 *
 * access-matrix.test.ts calls every registered route as every caller and fails when the
 * app and this table disagree, when a route has no row here or a row names no route: a
 * new route is not done until someone has decided who may call it. Record rules (area
 * scope, an organisation's own editors) come on top and are tested in their modules;
 * the test calls each route on records the caller may act on. HEAD routes Fastify adds
 * for each GET share the GET's row.
 */
import type { Role } from '../../shared/roles.ts';

export const CALLERS = [
  'anonymous',
  'platform_admin',
  'coordinator',
  'org_admin',
  'org_editor',
  'viewer',
  'field_facilitator',
  'auditor',
  'service',
] as const;
export type Caller = (typeof CALLERS)[number];
export type Outcome = 'allow' | '401' | '403';
export type AccessRow = Readonly<Record<Caller, Outcome>>;

function rowOf(outcome: (caller: Caller) => Outcome): AccessRow {
  return Object.fromEntries(CALLERS.map((caller) => [caller, outcome(caller)])) as Record<Caller, Outcome>;
}

/** Everyone, signed in or not. */
const PUBLIC = rowOf(() => 'allow');
/** Any signed-in user, and the admin token. */
const SIGNED_IN = rowOf((caller) => (caller === 'anonymous' ? '401' : 'allow'));
/** Users holding one of these roles; the admin token counts as a platform administrator. */
function rolesOnly(...roles: Role[]): AccessRow {
  return rowOf((caller) => {
    if (caller === 'anonymous') return '401';
    if (caller === 'service') return roles.includes('platform_admin') ? 'allow' : '403';
    return roles.includes(caller) ? 'allow' : '403';
  });
}

const USER_ADMINS = rolesOnly('platform_admin', 'org_admin');
const ORGANISATION_EDITORS = rolesOnly('platform_admin', 'coordinator', 'org_admin', 'org_editor');
const COORDINATORS = rolesOnly('platform_admin', 'coordinator');
const AUDIT_READERS = rolesOnly('platform_admin', 'auditor');

export const ACCESS_MATRIX: Readonly<Record<string, AccessRow>> = {
  'GET /api/health': PUBLIC,

  'GET /api/areas': PUBLIC,
  'GET /api/areas/search': PUBLIC,
  'POST /api/areas/validate': PUBLIC,
  'GET /api/areas/:code': PUBLIC,
  'GET /api/areas/:code/children': PUBLIC,
  'GET /api/boundaries': PUBLIC,
  'GET /api/boundaries/status': PUBLIC,
  'POST /api/boundaries': rolesOnly('platform_admin'),

  'GET /api/auth/session': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  // The admin token has no password of its own to change.
  'POST /api/auth/password': { ...SIGNED_IN, service: '401' },

  'GET /api/users': USER_ADMINS,
  'POST /api/users': USER_ADMINS,
  'GET /api/users/:id': USER_ADMINS,
  'PATCH /api/users/:id': USER_ADMINS,
  'POST /api/users/:id/password': USER_ADMINS,
  'POST /api/users/:id/memberships': USER_ADMINS,
  'DELETE /api/memberships/:id': USER_ADMINS,

  'GET /api/organisations': PUBLIC,
  'GET /api/organisations/similar': SIGNED_IN,
  'GET /api/organisations/:id': PUBLIC,
  'POST /api/organisations': ORGANISATION_EDITORS,
  'PATCH /api/organisations/:id': ORGANISATION_EDITORS,
  'POST /api/organisations/:id/verification': COORDINATORS,
  'GET /api/organisations/export': SIGNED_IN,
  'GET /api/organisations/import/template': SIGNED_IN,
  'POST /api/organisations/import': COORDINATORS,

  'GET /api/issues': PUBLIC,
  'POST /api/issues': COORDINATORS,
  'PATCH /api/issues/:code': COORDINATORS,

  'GET /api/programs': PUBLIC,
  'GET /api/programs/export': PUBLIC,
  'GET /api/programs/:id': PUBLIC,
  'POST /api/programs': ORGANISATION_EDITORS,
  'PUT /api/programs/:id': ORGANISATION_EDITORS,
  'POST /api/programs/:id/status': ORGANISATION_EDITORS,
  'DELETE /api/programs/:id': ORGANISATION_EDITORS,
  // Recap import: whoever may record programs; each session answers only the user who uploaded it.
  'POST /api/programs/import/workbooks': ORGANISATION_EDITORS,
  'GET /api/programs/import/:id': ORGANISATION_EDITORS,
  'GET /api/programs/import/:id/sheet': ORGANISATION_EDITORS,
  'POST /api/programs/import/:id/preview': ORGANISATION_EDITORS,
  'POST /api/programs/import/:id/commit': ORGANISATION_EDITORS,
  'GET /api/who-what-where/map': PUBLIC,
  'GET /api/who-what-where/dashboard': PUBLIC,
  'GET /api/who-what-where/areas/:code': PUBLIC,
  'GET /api/partnerships': PUBLIC,
  'GET /api/partnerships/:id': PUBLIC,
  'POST /api/partnerships': ORGANISATION_EDITORS,
  'PUT /api/partnerships/:id': ORGANISATION_EDITORS,
  'POST /api/partnerships/:id/status': ORGANISATION_EDITORS,
  'DELETE /api/partnerships/:id': ORGANISATION_EDITORS,
  // A party's answer; the record rule (its own editors, its area's coordinator) comes on top.
  'POST /api/partnerships/:id/parties/:organisationId/confirm': ORGANISATION_EDITORS,
  'POST /api/partnerships/:id/parties/:organisationId/decline': ORGANISATION_EDITORS,
  'GET /api/organisations/:id/durability': PUBLIC,

  'GET /api/audit': AUDIT_READERS,
  'GET /api/audit/verify': AUDIT_READERS,
};
