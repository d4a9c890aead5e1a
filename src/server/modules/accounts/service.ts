/**
 * Account commands: sign-in (throttled, never locked), password changes, user and membership
 * administration. Every write is audited; passwords and hashes never are.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { UserSummary } from '../../../shared/contracts/accounts.ts';
import { ORG_GRANTABLE_ROLES, type Role } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import type { Paging } from '../../paging.ts';
import { type Actor, inScope, isPlatformAdmin, membershipsWith } from '../../policies/actor.ts';
import { escapeLike } from '../../policies/scope-filter.ts';
import { type AuditContext, recordAudit } from '../audit/record-audit.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  membershipsOf,
  membershipsOfUsers,
} from './sessions.ts';
import {
  ACCOUNT_CEILING,
  accountKey,
  clearThrottles,
  delayAfter,
  pruneThrottles,
  releaseAttempt,
  reserveAttempt,
  sourceKey,
  throttledAccounts,
} from './throttle.ts';

/**
 * Signs a user in: the throttle first (a source that must wait gets no password check), then the
 * password, then the session row, the throttle's release and the audit entry in one transaction.
 * Unknown emails, inactive accounts and wrong passwords take the same path, the same work and
 * the same throttle, so neither the answer nor its timing tells which emails exist.
 */
export async function signIn(
  db: Kysely<DB>,
  credentials: { email: string; password: string },
  session: { ttlHours: number; userAgent: string | null },
  context: AuditContext,
): Promise<{ userId: string; token: string }> {
  const account = accountKey(credentials.email);
  const source = sourceKey(context.ip);
  const reservation = await reserveAttempt(db, account, source);
  if (!reservation.allowed) {
    // Not audited one by one: a hammering attacker would flood the trail. The crossing of the
    // threshold that started the wait was recorded as an alert.
    throw new AppError('SIGN_IN_THROTTLED', undefined, [
      { path: 'retryAfterSeconds', message: String(reservation.retryAfterSeconds), code: 'retry_after' },
    ]);
  }
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'password_hash', 'active'])
    .where('email', '=', credentials.email)
    .executeTakeFirst();
  const ok = user
    ? user.active && (await verifyPassword(user.password_hash, credentials.password))
    : // Same work as a wrong password, so the timing does not reveal which emails exist.
      await verifyPassword(await dummyPasswordHash(), credentials.password).then(() => false);
  if (!user || !ok) {
    // Whoever failed is not known to be the account's owner: the entry names the account by id
    // only, never by email, and the actor is anonymous.
    const asAnonymous = { ...context, actorUserId: null, actorLabel: 'anonymous' };
    await db.transaction().execute(async (trx) => {
      const entityId = user?.id ?? null;
      const reason = !user ? 'unknown email' : user.active ? 'wrong password' : 'inactive';
      const { sourceFailures, accountFailures, sourceFree } = reservation;
      await recordAudit(trx, asAnonymous, {
        action: 'login_failed',
        entityType: 'user',
        entityId,
        after: { reason, sourceFailures, accountFailures },
      });
      // Alerts when a threshold is crossed (once per crossing): the source must now wait, or the
      // account is under a guess from many sources. No email, no password, only counts.
      if (sourceFailures === sourceFree) {
        await recordAudit(trx, asAnonymous, {
          action: 'sign_in_throttled',
          entityType: 'user',
          entityId,
          after: { scope: 'source', failures: sourceFailures, waitSeconds: delayAfter(0) },
        });
      }
      if (accountFailures === ACCOUNT_CEILING) {
        await recordAudit(trx, asAnonymous, {
          action: 'sign_in_throttled',
          entityType: 'user',
          entityId,
          after: { scope: 'account', failures: accountFailures },
        });
      }
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const auditAs = { ...context, actorUserId: user.id, actorLabel: user.email };
  const token = await db.transaction().execute(async (trx) => {
    await releaseAttempt(trx, account, source);
    await trx.updateTable('users').set({ last_login_at: sql`now()` }).where('id', '=', user.id).execute();
    const created = await createSession(trx, user.id, session.ttlHours, {
      ip: context.ip,
      userAgent: session.userAgent,
    });
    await recordAudit(trx, auditAs, { action: 'login', entityType: 'user', entityId: user.id });
    return created.token;
  });
  await pruneThrottles(db);
  return { userId: user.id, token };
}

/** Ends a session; the row's deletion and the audit entry commit together. */
export async function signOut(db: Kysely<DB>, token: string, context: AuditContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ended = await deleteSession(trx, token);
    if (ended)
      await recordAudit(trx, context, { action: 'logout', entityType: 'user', entityId: ended.userId });
  });
}

export async function changeOwnPassword(
  db: Kysely<DB>,
  userId: string,
  currentPassword: string,
  newPassword: string,
  keepSessionToken: string | undefined,
  context: AuditContext,
): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select(['password_hash'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'The current password is wrong', [
      { path: 'body.currentPassword', message: 'wrong password', code: 'wrong_password' },
    ]);
  }
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: false, updated_at: sql`now()` })
      .where('id', '=', userId)
      .execute();
    // Other sessions (another browser, a stolen cookie) end with the old password.
    await deleteUserSessions(trx, userId, keepSessionToken);
    await recordAudit(trx, context, { action: 'password_change', entityType: 'user', entityId: userId });
  });
}

/**
 * Users an actor may administer: platform admins all; organisation administrators
 * the members of their organisations. Others none.
 */
function administeredOrganisations(actor: Actor): string[] | null {
  if (isPlatformAdmin(actor)) return null;
  return membershipsWith(actor, ['org_admin']).map((m) => m.organisationId);
}

type UserRow = {
  id: string;
  email: string;
  name: string;
  active: boolean;
  last_login_at: Date | null;
};

async function presentUsers(db: Kysely<DB>, rows: UserRow[]): Promise<UserSummary[]> {
  const [memberships, throttled] = await Promise.all([
    membershipsOfUsers(
      db,
      rows.map((r) => r.id),
    ),
    throttledAccounts(
      db,
      rows.map((r) => accountKey(r.email)),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    active: r.active,
    signInThrottled: throttled.has(accountKey(r.email)),
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
    memberships: memberships.get(r.id) ?? [],
  }));
}

/** Users holding a membership in one of these organisations, as a WHERE clause on `users as u`. */
function memberOf(organisationIds: string[]) {
  return (eb: ExpressionBuilder<DB & { u: DB['users'] }, 'u'>) =>
    eb.exists(
      eb
        .selectFrom('memberships as m')
        .select('m.id')
        .whereRef('m.user_id', '=', 'u.id')
        .where('m.organisation_id', 'in', organisationIds),
    );
}

/** The users an actor may administer, or null when there are none (an actor without admin roles). */
function visibleUsers(db: Kysely<DB>, actor: Actor) {
  const orgs = administeredOrganisations(actor);
  if (orgs !== null && orgs.length === 0) return null;
  const base = db.selectFrom('users as u');
  return orgs === null ? base : base.where(memberOf(orgs));
}

const USER_COLUMNS = ['u.id', 'u.email', 'u.name', 'u.active', 'u.last_login_at'] as const;

export async function listUsers(
  db: Kysely<DB>,
  actor: Actor,
  filter: { q?: string | undefined; organisationId?: string | undefined },
  paging: Paging,
): Promise<{ items: UserSummary[]; total: number }> {
  let base = visibleUsers(db, actor);
  if (!base) return { items: [], total: 0 };
  if (filter.organisationId) base = base.where(memberOf([filter.organisationId]));
  if (filter.q) {
    const like = `%${escapeLike(filter.q.toLowerCase())}%`;
    base = base.where((eb) =>
      eb.or([eb(sql`lower(u.email::text)`, 'like', like), eb(sql`lower(u.name)`, 'like', like)]),
    );
  }
  const [rows, total] = await Promise.all([
    base.select(USER_COLUMNS).orderBy('u.email').limit(paging.limit).offset(paging.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await presentUsers(db, rows), total: total.n };
}

export async function getUser(db: Kysely<DB>, actor: Actor, id: string): Promise<UserSummary> {
  const row = await visibleUsers(db, actor)?.select(USER_COLUMNS).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('USER_NOT_FOUND');
  const [user] = await presentUsers(db, [row]);
  return user as UserSummary;
}

export async function createUser(
  db: Kysely<DB>,
  input: { email: string; name: string; password: string; mustChangePassword?: boolean },
  context: AuditContext,
  /** A first membership written in the same transaction (an organisation admin's new member). */
  firstMembership?: { organisationId: string; role: Role; areaScope: string | null },
): Promise<string> {
  const taken = await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
  if (taken)
    throw new AppError('EMAIL_TAKEN', undefined, [
      { path: 'body.email', message: 'already registered', code: 'taken' },
    ]);
  const hash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name,
        password_hash: hash,
        must_change_password: input.mustChangePassword ?? true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The email is personal data: the trail keeps the user id only.
    await recordAudit(trx, context, {
      action: 'create',
      entityType: 'user',
      entityId: id,
      after: { mustChangePassword: input.mustChangePassword ?? true },
    });
    if (firstMembership) {
      await trx
        .insertInto('memberships')
        .values({
          user_id: id,
          organisation_id: firstMembership.organisationId,
          role: firstMembership.role,
          area_scope: firstMembership.areaScope,
        })
        .execute();
      await recordAudit(trx, context, {
        action: 'grant',
        entityType: 'membership',
        entityId: id,
        after: firstMembership,
      });
    }
    return id;
  });
}

export async function updateUser(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  changes: { name?: string | undefined; active?: boolean | undefined },
  context: AuditContext,
): Promise<void> {
  const before = await getUser(db, actor, id);
  await assertMayChangeUser(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        ...(changes.name ? { name: changes.name } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    if (changes.active === false) await deleteUserSessions(trx, id);
    await recordAudit(trx, context, {
      action: 'update',
      entityType: 'user',
      entityId: id,
      before: { active: before.active },
      after: { active: changes.active ?? before.active, nameChanged: changes.name !== undefined },
    });
  });
}

export async function resetPassword(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  newPassword: string,
  context: AuditContext,
): Promise<void> {
  const user = await getUser(db, actor, id);
  await assertMayChangeUser(db, actor, id);
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    // The user must choose their own password at the next sign-in; existing sessions end. Guesses
    // at the old password are moot now, so the sign-in throttle starts afresh for every source.
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: true, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await deleteUserSessions(trx, id);
    await clearThrottles(trx, accountKey(user.email));
    await recordAudit(trx, context, { action: 'password_reset', entityType: 'user', entityId: id });
  });
}

/**
 * Renaming, deactivating or resetting a user acts on every role they hold, so an organisation
 * admin may do it only when they could have granted each of those memberships; otherwise the
 * admin of an organisation a platform admin also belongs to could take that account over.
 */
async function assertMayChangeUser(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  if (isPlatformAdmin(actor)) return;
  const memberships = await membershipsOf(db, id);
  if (!memberships.every((m) => mayGrant(actor, m.organisationId, m.role, m.areaScope))) {
    throw new AppError('FORBIDDEN', 'This user holds roles you do not administer');
  }
}

/** Platform admins grant any role; organisation admins grant ordinary roles in their own organisation. */
function mayGrant(actor: Actor, organisationId: string, role: Role, areaScope: string | null): boolean {
  if (isPlatformAdmin(actor)) return true;
  return membershipsWith(actor, ['org_admin']).some(
    (m) =>
      m.organisationId === organisationId &&
      ORG_GRANTABLE_ROLES.includes(role) &&
      (m.areaScope === null || (areaScope !== null && inScope(m.areaScope, areaScope))),
  );
}

export async function grantMembership(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
  input: { organisationId: string; role: Role; areaScope?: string | null | undefined },
  context: AuditContext,
): Promise<void> {
  const areaScope = input.areaScope ?? null;
  const org = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', input.organisationId)
    .executeTakeFirst();
  if (!org)
    throw new AppError('VALIDATION_FAILED', undefined, [
      { path: 'body.organisationId', message: 'unknown organisation', code: 'unknown_organisation' },
    ]);
  if (areaScope) {
    const area = await db.selectFrom('areas').select('code').where('code', '=', areaScope).executeTakeFirst();
    if (!area)
      throw new AppError('VALIDATION_FAILED', undefined, [
        { path: 'body.areaScope', message: 'unknown area code', code: 'unknown_area' },
      ]);
  }
  if (isPlatformAdmin(actor)) {
    const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw new AppError('USER_NOT_FOUND');
  } else {
    // Organisation admins manage the members they can see; a user elsewhere is not theirs to adopt
    // (granting a role would reveal that user's email and memberships).
    await getUser(db, actor, userId);
  }
  if (!mayGrant(actor, input.organisationId, input.role, areaScope)) throw new AppError('FORBIDDEN');
  // Granting a role the user already has changes its scope: the caller must also be allowed to
  // manage the membership as it stands, or a narrowly scoped admin could narrow a wider one.
  const existing = await db
    .selectFrom('memberships')
    .select('area_scope')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', input.organisationId)
    .where('role', '=', input.role)
    .executeTakeFirst();
  if (existing && !mayGrant(actor, input.organisationId, input.role, existing.area_scope)) {
    throw new AppError('FORBIDDEN');
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('memberships')
      .values({
        user_id: userId,
        organisation_id: input.organisationId,
        role: input.role,
        area_scope: areaScope,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'organisation_id', 'role']).doUpdateSet({ area_scope: areaScope }),
      )
      .execute();
    await recordAudit(trx, context, {
      action: 'grant',
      entityType: 'membership',
      entityId: userId,
      after: { organisationId: input.organisationId, role: input.role, areaScope },
    });
  });
}

export async function revokeMembership(
  db: Kysely<DB>,
  actor: Actor,
  membershipId: string,
  context: AuditContext,
): Promise<void> {
  const membership = await db
    .selectFrom('memberships')
    .selectAll()
    .where('id', '=', membershipId)
    .executeTakeFirst();
  if (!membership || !mayGrant(actor, membership.organisation_id, membership.role, membership.area_scope)) {
    // A membership you may not manage is not found, never "forbidden with details".
    throw new AppError('NOT_FOUND', 'Membership not found');
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('memberships').where('id', '=', membershipId).execute();
    await recordAudit(trx, context, {
      action: 'revoke',
      entityType: 'membership',
      entityId: membership.user_id,
      before: {
        organisationId: membership.organisation_id,
        role: membership.role,
        areaScope: membership.area_scope,
      },
    });
  });
}
