/**
 * What the API test files did the same way each in their own copy: a signed-in member of
 * a fresh organisation, an anonymous read, the ids a list answers, a create that must
 * succeed, and one record's audit trail. Each takes the app or database it works on, so a
 * test file's own context stays the only state.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { AuditLogTable, DB } from '../../src/server/db/types.ts';
import type { OrganisationType, Role } from '../../src/shared/roles.ts';
import { type Client, makeOrganisation, makeUser, sessionFor, type TestUser } from './factories.ts';

export interface MemberOptions {
  /** Join this organisation instead of a fresh one. */
  orgId?: string;
  /** The fresh organisation's type (ignored with `orgId`). */
  type?: OrganisationType;
  areaScope?: string | null;
}

export interface Member {
  orgId: string;
  user: TestUser;
  email: string;
  client: Client;
}

/** A user with one membership (in a fresh organisation unless one is given), signed in. */
export async function signedInMember(
  app: FastifyInstance,
  role: Role,
  options: MemberOptions = {},
): Promise<Member> {
  const db = app.database.db;
  const orgId = options.orgId ?? (await makeOrganisation(db, options.type ? { type: options.type } : {}));
  const user = await makeUser(db, [{ organisationId: orgId, role, areaScope: options.areaScope ?? null }]);
  return { orgId, user, email: user.email, client: await sessionFor(app, user) };
}

/** A GET without any session, as a visitor of the public pages makes it. */
export function anonymousGet(app: FastifyInstance, url: string) {
  return app.inject({ method: 'GET', url });
}

/** The ids on the first 200 rows of a list (`path` such as `/api/programs`), for a member or a visitor. */
export async function listedIds(
  app: FastifyInstance,
  client: Client | null,
  path: string,
  query: string,
): Promise<string[]> {
  const url = `${path}?limit=200&${query}`;
  const response = client ? await client.get(url) : await anonymousGet(app, url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((row: { id: string }) => row.id);
}

/** POSTs a create that must succeed (201) and returns the created record. */
export async function createdThrough(client: Client, path: string, body: Record<string, unknown>) {
  const response = await client.post(path, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** The audit entries about one record, oldest first, with the columns a test compares. */
export function auditTrail<C extends keyof AuditLogTable & string>(
  db: Kysely<DB>,
  entityType: string,
  id: string,
  columns: readonly C[],
) {
  return db
    .selectFrom('audit_log')
    .select(columns)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();
}
