/**
 * Database sessions. The cookie carries 32 random bytes; the table stores only their
 * SHA-256, so a leaked database dump cannot be replayed as a login.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Role } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';
import type { Actor, ActorMembership } from '../../policies/actor.ts';

export const SESSION_COOKIE = 'simpul_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<DB>,
  userId: string,
  ttlHours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/** Deletes a session; answers whose it was, or null when there was none. */
export async function deleteSession(db: Kysely<DB>, token: string): Promise<{ userId: string } | null> {
  const row = await db
    .deleteFrom('sessions')
    .where('token_hash', '=', hashToken(token))
    .returning('user_id')
    .executeTakeFirst();
  return row ? { userId: row.user_id } : null;
}

export async function deleteUserSessions(
  db: Kysely<DB>,
  userId: string,
  exceptToken?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptToken) query = query.where('token_hash', '!=', hashToken(exceptToken));
  await query.execute();
}

/**
 * Loads the actor behind a session token, or null when the session is missing, expired or the user inactive.
 * Runs on every request that carries a session cookie, so the session, the user and their memberships come
 * in one round trip (the memberships aggregated in the same order as membershipsOfUsers).
 */
export async function actorForToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.email', 'u.name', 'u.must_change_password', 's.token_hash', 's.last_seen_at'])
    .select(
      sql<ActorMembership[]>`(
        select coalesce(
          json_agg(
            json_build_object(
              'id', m.id, 'organisationId', m.organisation_id, 'organisationName', o.legal_name,
              'role', m.role, 'areaScope', m.area_scope
            )
            order by o.legal_name, m.role
          ),
          '[]'::json
        )
        from memberships m join organisations o on o.id = m.organisation_id
        where m.user_id = u.id
      )`.as('memberships'),
    )
    .where('s.token_hash', '=', hashToken(token))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  // Touch at most once a minute: a write per request would queue on the embedded engine's one connection.
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now()` })
      .where('token_hash', '=', row.token_hash)
      .execute();
  }
  return {
    kind: 'user',
    userId: row.id,
    email: row.email,
    name: row.name,
    mustChangePassword: row.must_change_password,
    memberships: row.memberships,
  };
}

export async function membershipsOf(db: Kysely<DB>, userId: string) {
  return (await membershipsOfUsers(db, [userId])).get(userId) ?? [];
}

/** Memberships of several users in one query (a page of the user list), keyed by user id. */
export async function membershipsOfUsers(db: Kysely<DB>, userIds: string[]) {
  const byUser = new Map<string, ActorMembership[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.id', 'm.user_id', 'm.organisation_id', 'o.legal_name', 'm.role', 'm.area_scope'])
    .where('m.user_id', 'in', userIds)
    .orderBy('o.legal_name')
    .orderBy('m.role')
    .execute();
  for (const r of rows) {
    const list = byUser.get(r.user_id) ?? [];
    list.push({
      id: r.id,
      organisationId: r.organisation_id,
      organisationName: r.legal_name,
      role: r.role as Role,
      areaScope: r.area_scope,
    });
    byUser.set(r.user_id, list);
  }
  return byUser;
}
