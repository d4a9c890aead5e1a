import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiError,
  Client,
  makeOrganisation,
  makeUser,
  sessionFor,
  TEST_PASSWORD,
  type TestUser,
} from '../../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/test-db.ts';
import type { Role } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { ACCOUNT_CEILING, accountKey, BASE_DELAY_SECONDS, SOURCE_FREE_FAILURES } from './throttle.ts';

let ctx: TestContext;
let db: Kysely<DB>;
beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
});
afterAll(async () => {
  await ctx?.close();
});

/**
 * Sign-in is limited to 10 tries a minute per address, so every test that signs in
 * through the API does so from its own address.
 */
let addressCount = 0;
function freshAddress(): string {
  addressCount += 1;
  return `10.20.${Math.floor(addressCount / 250)}.${(addressCount % 250) + 1}`;
}

async function login(email: string, password: string, remoteAddress = freshAddress()) {
  const client = new Client(ctx.app);
  const response = await client.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress,
  });
  // The CSRF secret rotates at sign-in: later writes need the token from the answer.
  if (response.statusCode === 200) client.csrfToken = response.json().csrfToken;
  return { client, response };
}

async function auditRows(action: string, entityId: string | null) {
  let query = db.selectFrom('audit_log').selectAll().where('action', '=', action);
  query = entityId === null ? query.where('entity_id', 'is', null) : query.where('entity_id', '=', entityId);
  return query.orderBy('id').execute();
}

/** An organisation with its own administrator, one plain member and a viewer who administers nothing. */
async function organisationWithPeople() {
  const orgId = await makeOrganisation(db);
  const admin = await makeUser(db, [{ organisationId: orgId, role: 'org_admin' }]);
  const member = await makeUser(db, [{ organisationId: orgId, role: 'viewer' }]);
  return { orgId, admin, member };
}

async function platformAdmin(): Promise<TestUser> {
  return makeUser(db, [{ organisationId: await makeOrganisation(db), role: 'platform_admin' }]);
}

const anonymous = () => new Client(ctx.app);

describe('GET /api/auth/session', () => {
  it('refuses unknown query parameters (400)', async () => {
    const response = await anonymous().get('/api/auth/session?user=1');
    expect(apiError(response)).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: ['querystring'] });
  });

  it('answers an anonymous caller with user null and a CSRF token, setting the secret cookie', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toBeNull();
    expect(body.csrfToken).toMatch(/\S{10,}/);
    expect(body.demoMode).toBe(false);
    expect(String(response.headers['set-cookie'])).toMatch(/simpul_csrf=.*HttpOnly/);
  });

  it('describes the signed-in user and their memberships', async () => {
    const { orgId, admin } = await organisationWithPeople();
    const session = await (await sessionFor(ctx.app, admin)).refreshSession();
    expect(session.user).toMatchObject({ id: admin.id, email: admin.email, mustChangePassword: false });
    expect(session.user.memberships).toEqual([
      expect.objectContaining({ organisationId: orgId, role: 'org_admin', areaScope: null }),
    ]);
  });
});

describe('POST /api/auth/login', () => {
  it('refuses each invalid field with its path (400)', async () => {
    const user = await makeUser(db, []);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: 'not-an-email', password: TEST_PASSWORD }, 'body.email'],
      [{ email: user.email, password: '' }, 'body.password'],
      [{ password: TEST_PASSWORD }, 'body.email'],
      [{ email: user.email, password: TEST_PASSWORD, remember: true }, 'body'],
    ];
    const address = freshAddress();
    for (const [payload, path] of cases) {
      const response = await anonymous().request({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        remoteAddress: address,
      });
      expect(apiError(response), path).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: [path] });
    }
  });

  it('needs the CSRF token like every state-changing request (403 CSRF_INVALID)', async () => {
    const user = await makeUser(db, []);
    const withoutToken = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
      remoteAddress: freshAddress(),
    });
    expect(apiError(withoutToken)).toMatchObject({ status: 403, code: 'CSRF_INVALID' });
    // A token that belongs to another browser's secret is refused too.
    const other = anonymous();
    await other.refreshSession();
    const stolen = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-csrf-token': other.csrfToken },
      payload: { email: user.email, password: TEST_PASSWORD },
      remoteAddress: freshAddress(),
    });
    expect(apiError(stolen)).toMatchObject({ status: 403, code: 'CSRF_INVALID' });
  });

  it('signs in with the right password, sets the session cookie and records a login entry', async () => {
    const user = await makeUser(db, []);
    const { client, response } = await login(user.email, user.password);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, csrfToken: expect.any(String) });
    expect(String(response.headers['set-cookie'])).toMatch(/simpul_session=.*HttpOnly.*SameSite=Lax/);
    expect((await client.refreshSession()).user).toMatchObject({ id: user.id, email: user.email });
    const [entry] = await auditRows('login', user.id);
    expect(entry).toMatchObject({ actor_user_id: user.id, actor_label: user.email, entity_type: 'user' });
  });

  it('gives the same 401 INVALID_CREDENTIALS for an unknown email and a wrong password', async () => {
    const user = await makeUser(db, []);
    const unknownEmail = `nobody-${randomUUID()}@example.org`;
    const unknown = await login(unknownEmail, TEST_PASSWORD);
    const wrong = await login(user.email, 'wrong password 123');
    for (const { response } of [unknown, wrong]) {
      expect(apiError(response)).toEqual({ status: 401, code: 'INVALID_CREDENTIALS', paths: [] });
    }
    expect(unknown.response.json().error.message).toBe(wrong.response.json().error.message);
    expect(unknown.response.headers['set-cookie'] ?? '').not.toMatch(/simpul_session/);
    // Both failures are in the trail; the unknown one names no user.
    const failed = await auditRows('login_failed', user.id);
    expect(failed.at(-1)?.after).toMatchObject({ reason: 'wrong password', sourceFailures: 1 });
    // The one who failed is not known to be the owner: no email in the entry.
    expect(failed.at(-1)?.actor_label).toBe('anonymous');
    expect(JSON.stringify(failed)).not.toContain(user.email);
    const anonymousFailures = await auditRows('login_failed', null);
    expect(anonymousFailures.some((r) => r.actor_label === 'anonymous')).toBe(true);
  });

  it('makes a source wait a growing delay after 5 wrong passwords (429 + Retry-After), never locking the owner out', async () => {
    const user = await makeUser(db, []);
    const attacker = freshAddress();
    for (let attempt = 1; attempt <= SOURCE_FREE_FAILURES; attempt += 1) {
      const { response } = await login(user.email, `wrong password ${attempt}`, attacker);
      expect(apiError(response).code, `attempt ${attempt}`).toBe('INVALID_CREDENTIALS');
    }
    // From that source no password is checked for a while, not even the right one...
    const waiting = await login(user.email, user.password, attacker);
    expect(apiError(waiting.response)).toMatchObject({ status: 429, code: 'SIGN_IN_THROTTLED' });
    expect(Number(waiting.response.headers['retry-after'])).toBeGreaterThan(BASE_DELAY_SECONDS - 5);
    expect(Number(waiting.response.headers['retry-after'])).toBeLessThanOrEqual(BASE_DELAY_SECONDS);
    // ...but the owner, elsewhere, signs in as always.
    expect((await login(user.email, user.password)).response.statusCode).toBe(200);

    // One alert in the trail when the threshold was crossed: counts, no email.
    const alerts = await auditRows('sign_in_throttled', user.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ actor_label: 'anonymous', actor_user_id: null });
    expect(alerts[0]?.after).toMatchObject({ scope: 'source', failures: SOURCE_FREE_FAILURES });
    expect(JSON.stringify(alerts)).not.toContain(user.email);

    // After the wait (arranged by moving it into the past), the next failure doubles it.
    const key = accountKey(user.email);
    const pastWait = () =>
      db
        .updateTable('sign_in_throttles')
        .set({ blocked_until: new Date(Date.now() - 1000) })
        .where('account_key', '=', key)
        .where('source', '=', attacker)
        .execute();
    await pastWait();
    expect(apiError((await login(user.email, 'wrong again', attacker)).response).code).toBe(
      'INVALID_CREDENTIALS',
    );
    const longer = await login(user.email, 'wrong again', attacker);
    expect(apiError(longer.response)).toMatchObject({ status: 429, code: 'SIGN_IN_THROTTLED' });
    expect(Number(longer.response.headers['retry-after'])).toBeGreaterThan(2 * BASE_DELAY_SECONDS - 5);
    // Waiting out the delay lets the right password through from that source too, and starts it afresh.
    await pastWait();
    expect((await login(user.email, user.password, attacker)).response.statusCode).toBe(200);
    const rows = await db
      .selectFrom('sign_in_throttles')
      .selectAll()
      .where('account_key', '=', key)
      .where('source', '=', attacker)
      .execute();
    expect(rows).toEqual([]);
  });

  it('throttles an unknown email exactly like a known one (the answers do not tell which exists)', async () => {
    const user = await makeUser(db, []);
    const unknownEmail = `nobody-${randomUUID()}@example.org`;
    const answers = [];
    for (const email of [user.email, unknownEmail]) {
      const address = freshAddress();
      const sequence = [];
      for (let attempt = 1; attempt <= SOURCE_FREE_FAILURES + 1; attempt += 1) {
        const { response } = await login(email, `wrong password ${attempt}`, address);
        const body = response.json().error;
        sequence.push([
          response.statusCode,
          body.code,
          body.message,
          response.headers['retry-after'] ?? null,
        ]);
      }
      answers.push(sequence);
    }
    const [known, unknown] = answers as [unknown[][], unknown[][]];
    // Retry-After may differ by a second between the two runs; status, code and message are identical.
    const comparable = (rows: unknown[][]) => rows.map(([status, code, message]) => [status, code, message]);
    expect(comparable(unknown)).toEqual(comparable(known));
    expect(known.at(-1)?.[1]).toBe('SIGN_IN_THROTTLED');
    expect(unknown.at(-1)?.[3]).toMatch(/^\d+$/);
  });

  it('slows a guess from many sources once the account passes its ceiling, yet a fresh source still gets its try', async () => {
    const user = await makeUser(db, []);
    // Arranged: the account has just below its ceiling of failures from other sources.
    await db
      .insertInto('sign_in_throttles')
      .values({ account_key: accountKey(user.email), source: '*', failures: ACCOUNT_CEILING - 1 })
      .execute();
    const crossing = await login(user.email, 'wrong password', freshAddress());
    expect(apiError(crossing.response).code).toBe('INVALID_CREDENTIALS');
    const alerts = await auditRows('sign_in_throttled', user.id);
    expect(alerts.map((a) => a.after)).toEqual([expect.objectContaining({ scope: 'account' })]);
    // Over the ceiling a source gets one free failure instead of five...
    const bot = freshAddress();
    expect(apiError((await login(user.email, 'wrong password', bot)).response).code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(apiError((await login(user.email, 'wrong password', bot)).response)).toMatchObject({
      status: 429,
      code: 'SIGN_IN_THROTTLED',
    });
    // ...and the owner from a source without failures is not refused.
    expect((await login(user.email, user.password)).response.statusCode).toBe(200);
  });

  it('an administrator’s password reset clears the throttle and forces a change', async () => {
    const user = await makeUser(db, []);
    const address = freshAddress();
    for (let attempt = 1; attempt <= SOURCE_FREE_FAILURES; attempt += 1) {
      await login(user.email, `wrong password ${attempt}`, address);
    }
    const admin = await sessionFor(ctx.app, await platformAdmin());
    expect((await admin.get(`/api/users/${user.id}`)).json()).toMatchObject({ signInThrottled: true });
    const temporary = 'temporary password 42';
    const reset = await admin.post(`/api/users/${user.id}/password`, { newPassword: temporary });
    expect(reset.statusCode).toBe(200);
    expect((await admin.get(`/api/users/${user.id}`)).json()).toMatchObject({ signInThrottled: false });
    expect(await auditRows('password_reset', user.id)).toHaveLength(1);

    // The same address that had to wait may sign in with the temporary password at once.
    const { client, response } = await login(user.email, temporary, address);
    expect(response.statusCode).toBe(200);
    expect((await client.refreshSession()).user.mustChangePassword).toBe(true);
    // Every route except the password change (and session/logout) refuses until the password is changed.
    for (const url of ['/api/organisations/similar?name=yayasan', '/api/users']) {
      expect(apiError(await client.get(url)), url).toMatchObject({
        status: 403,
        code: 'PASSWORD_CHANGE_REQUIRED',
      });
    }
    const changed = await client.post('/api/auth/password', {
      currentPassword: temporary,
      newPassword: 'my own new password',
    });
    expect(changed.statusCode).toBe(200);
    expect((await client.get('/api/organisations/similar?name=yayasan')).statusCode).toBe(200);
    expect((await client.refreshSession()).user.mustChangePassword).toBe(false);
  });

  it('rotates the CSRF secret at sign-in: a token obtained before is refused after', async () => {
    const user = await makeUser(db, []);
    const client = new Client(ctx.app);
    await client.refreshSession();
    const before = client.csrfToken;
    const response = await client.post('/api/auth/login', { email: user.email, password: user.password });
    expect(response.statusCode).toBe(200);
    const after = response.json().csrfToken;
    expect(after).toMatch(/\S{10,}/);
    expect(after).not.toBe(before);
    const stale = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie, 'x-csrf-token': before },
    });
    expect(apiError(stale)).toMatchObject({ status: 403, code: 'CSRF_INVALID' });
    const fresh = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie, 'x-csrf-token': after },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('writes the session row and its login entry together: a failed session write leaves no login entry', async () => {
    const user = await makeUser(db, []);
    await sql`create function refuse_session() returns trigger language plpgsql as $$
      begin raise exception 'session refused (test)'; end $$`.execute(db);
    await sql`create trigger refuse_session before insert on sessions for each row execute function refuse_session()`.execute(
      db,
    );
    try {
      const { response } = await login(user.email, user.password);
      expect(response.statusCode).toBe(500);
    } finally {
      await sql`drop trigger refuse_session on sessions`.execute(db);
      await sql`drop function refuse_session()`.execute(db);
    }
    expect(await auditRows('login', user.id)).toEqual([]);
  });

  it('answers the 11th try within a minute from one address with 429 RATE_LIMITED, not other addresses', async () => {
    const address = freshAddress();
    // A new email each time, so the sign-in throttle (per account and source) stays out of it.
    const email = () => `nobody-${randomUUID()}@example.org`;
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const { response } = await login(email(), 'whatever it is', address);
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
    }
    const eleventh = await login(email(), 'whatever it is', address);
    expect(apiError(eleventh.response)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const elsewhere = await login(email(), 'whatever it is', freshAddress());
    expect(elsewhere.response.statusCode).toBe(401);
  });

  it('refuses a deactivated account with the same INVALID_CREDENTIALS', async () => {
    const user = await makeUser(db, []);
    await db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
    const { response } = await login(user.email, user.password);
    expect(apiError(response)).toEqual({ status: 401, code: 'INVALID_CREDENTIALS', paths: [] });
  });
});

describe('POST /api/auth/logout', () => {
  it('needs the CSRF token (403) and then keeps the session', async () => {
    const user = await makeUser(db, []);
    const client = await sessionFor(ctx.app, user);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie },
    });
    expect(apiError(response)).toMatchObject({ status: 403, code: 'CSRF_INVALID' });
    expect((await client.refreshSession()).user?.id).toBe(user.id);
  });

  it('ends the session: the old cookie no longer signs anyone in', async () => {
    const user = await makeUser(db, []);
    const client = await sessionFor(ctx.app, user);
    const cookieBefore = client.cookie;
    const response = await client.post('/api/auth/logout');
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/simpul_session=;/);
    const replay = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: cookieBefore },
    });
    expect(replay.json().user).toBeNull();
    const sessions = await db
      .selectFrom('sessions')
      .select('user_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(sessions).toEqual([]);
    expect(await auditRows('logout', user.id)).toHaveLength(1);
  });

  it('deletes the session and writes its logout entry together: a failed entry keeps the session', async () => {
    const user = await makeUser(db, []);
    const client = await sessionFor(ctx.app, user);
    await sql`create function refuse_logout_entry() returns trigger language plpgsql as $$
      begin if new.action = 'logout' then raise exception 'audit refused (test)'; end if; return new; end $$`.execute(
      db,
    );
    await sql`create trigger refuse_logout_entry before insert on audit_log for each row execute function refuse_logout_entry()`.execute(
      db,
    );
    try {
      expect((await client.post('/api/auth/logout')).statusCode).toBe(500);
    } finally {
      await sql`drop trigger refuse_logout_entry on audit_log`.execute(db);
      await sql`drop function refuse_logout_entry()`.execute(db);
    }
    expect((await client.refreshSession()).user?.id).toBe(user.id);
  });

  it('is harmless without a session', async () => {
    const response = await anonymous().post('/api/auth/logout');
    expect(response.statusCode).toBe(200);
  });
});

describe('POST /api/auth/password', () => {
  it('401 for anonymous callers, before looking at the body', async () => {
    const response = await anonymous().post('/api/auth/password', { newPassword: 'x' });
    expect(apiError(response)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses each invalid field with its path (400), including a wrong current password', async () => {
    const client = await sessionFor(ctx.app, await makeUser(db, []));
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ currentPassword: TEST_PASSWORD, newPassword: 'short' }, 'body.newPassword'],
      [{ currentPassword: '', newPassword: 'long enough password' }, 'body.currentPassword'],
      [{ currentPassword: 'wrong password', newPassword: 'long enough password' }, 'body.currentPassword'],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'long enough password', x: 1 }, 'body'],
    ];
    for (const [payload, path] of cases) {
      const response = await client.post('/api/auth/password', payload);
      expect(apiError(response), path).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: [path] });
    }
  });

  it('changes the password and ends the user’s other sessions, keeping this one', async () => {
    const user = await makeUser(db, []);
    const here = await sessionFor(ctx.app, user);
    const elsewhere = await sessionFor(ctx.app, user);
    const response = await here.post('/api/auth/password', {
      currentPassword: user.password,
      newPassword: 'a brand new password',
    });
    expect(response.statusCode).toBe(200);
    expect((await here.refreshSession()).user?.id).toBe(user.id);
    expect((await elsewhere.refreshSession()).user).toBeNull();
    expect((await login(user.email, user.password)).response.statusCode).toBe(401);
    expect((await login(user.email, 'a brand new password')).response.statusCode).toBe(200);
  });
});

describe('GET /api/users', () => {
  it('401 → 400 per invalid parameter → 403 for roles that administer nobody', async () => {
    expect(apiError(await anonymous().get('/api/users?limit=0'))).toMatchObject({ status: 401 });
    const admin = await sessionFor(ctx.app, await platformAdmin());
    for (const [query, path] of [
      ['limit=0', 'querystring.limit'],
      ['offset=-1', 'querystring.offset'],
      ['organisationId=abc', 'querystring.organisationId'],
      ['q=', 'querystring.q'],
      ['role=viewer', 'querystring'],
    ] as const) {
      const response = await admin.get(`/api/users?${query}`);
      expect(apiError(response), query).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: [path] });
    }
    const { member } = await organisationWithPeople();
    const viewer = await sessionFor(ctx.app, member);
    expect(apiError(await viewer.get('/api/users'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('shows a platform admin everyone, and an organisation admin only their own members', async () => {
    const a = await organisationWithPeople();
    const b = await organisationWithPeople();
    const admin = await sessionFor(ctx.app, await platformAdmin());
    const all = (await admin.get('/api/users?limit=200')).json();
    const allIds = all.items.map((u: { id: string }) => u.id);
    expect(allIds).toEqual(expect.arrayContaining([a.member.id, b.member.id, a.admin.id]));
    const onlyB = (await admin.get(`/api/users?organisationId=${b.orgId}`)).json();
    expect(onlyB.items.map((u: { id: string }) => u.id).sort()).toEqual([b.admin.id, b.member.id].sort());

    const orgAdmin = await sessionFor(ctx.app, a.admin);
    const own = (await orgAdmin.get('/api/users?limit=200')).json();
    expect(own.items.map((u: { id: string }) => u.id).sort()).toEqual([a.admin.id, a.member.id].sort());
    expect(own.page.total).toBe(2);
    // Filtering for another organisation does not widen the view.
    const other = (await orgAdmin.get(`/api/users?organisationId=${b.orgId}`)).json();
    expect(other.items).toEqual([]);
    const byEmail = (await orgAdmin.get(`/api/users?q=${encodeURIComponent(b.member.email)}`)).json();
    expect(byEmail.items).toEqual([]);
  });

  it('records each list of names and emails as a read of personal data', async () => {
    const a = await organisationWithPeople();
    const orgAdmin = await sessionFor(ctx.app, a.admin);
    const before = await db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'read_personal')
      .where('actor_user_id', '=', a.admin.id)
      .execute();
    await orgAdmin.get('/api/users');
    const after = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'read_personal')
      .where('actor_user_id', '=', a.admin.id)
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      entity_type: 'user',
      after: { fields: ['email', 'name'], count: 2 },
    });
  });
});

describe('POST /api/users', () => {
  const newUser = () => ({
    email: `new-${randomUUID().slice(0, 8)}@example.org`,
    name: 'Baiq Nurul',
    password: 'temporary password 1',
  });

  it('401 → 400 per invalid field → 403 for roles that administer nobody', async () => {
    expect(apiError(await anonymous().post('/api/users', { email: 'x' }))).toMatchObject({ status: 401 });
    const admin = await sessionFor(ctx.app, await platformAdmin());
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...newUser(), email: 'not-an-email' }, 'body.email'],
      [{ ...newUser(), name: 'B' }, 'body.name'],
      [{ ...newUser(), password: 'short' }, 'body.password'],
      [{ ...newUser(), role: 'platform_admin' }, 'body'],
    ];
    for (const [payload, path] of cases) {
      const response = await admin.post('/api/users', payload);
      expect(apiError(response), path).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: [path] });
    }
    const { member } = await organisationWithPeople();
    const viewer = await sessionFor(ctx.app, member);
    const refused = await viewer.post('/api/users', newUser());
    expect(apiError(refused)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('lets a platform admin create a user who must choose a password; an email is taken once', async () => {
    const admin = await sessionFor(ctx.app, await platformAdmin());
    const input = newUser();
    const response = await admin.post('/api/users', input);
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({ email: input.email, name: input.name, active: true, memberships: [] });
    expect(response.body).not.toContain(input.password);
    expect(response.body).not.toMatch(/argon2|password/i);
    const row = await db
      .selectFrom('users')
      .select('must_change_password')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(true);
    const again = await admin.post('/api/users', { ...newUser(), email: input.email.toUpperCase() });
    expect(apiError(again)).toEqual({ status: 409, code: 'EMAIL_TAKEN', paths: ['body.email'] });
  });

  it('puts an organisation admin’s new user into their organisation as a viewer', async () => {
    const a = await organisationWithPeople();
    const orgAdmin = await sessionFor(ctx.app, a.admin);
    const response = await orgAdmin.post('/api/users', newUser());
    expect(response.statusCode).toBe(201);
    expect(response.json().memberships).toEqual([
      expect.objectContaining({ organisationId: a.orgId, role: 'viewer', areaScope: null }),
    ]);
  });

  it('gives an area-scoped organisation admin’s new user the same area scope', async () => {
    const orgId = await makeOrganisation(db);
    const scopedAdmin = await makeUser(db, [
      { organisationId: orgId, role: 'org_admin', areaScope: '52.03' },
    ]);
    const client = await sessionFor(ctx.app, scopedAdmin);
    const input = newUser();
    const response = await client.post('/api/users', input);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().memberships).toEqual([
      expect.objectContaining({ organisationId: orgId, role: 'viewer', areaScope: '52.03' }),
    ]);
  });
});

describe('GET /api/users/:id', () => {
  it('401 → 400 → 403 → 404 outside your organisation → 200', async () => {
    const a = await organisationWithPeople();
    const b = await organisationWithPeople();
    expect(apiError(await anonymous().get(`/api/users/${a.member.id}`))).toMatchObject({ status: 401 });
    const orgAdmin = await sessionFor(ctx.app, a.admin);
    expect(apiError(await orgAdmin.get('/api/users/not-a-uuid'))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['params.id'],
    });
    const viewer = await sessionFor(ctx.app, a.member);
    expect(apiError(await viewer.get(`/api/users/${a.member.id}`))).toMatchObject({ status: 403 });
    expect(apiError(await orgAdmin.get(`/api/users/${b.member.id}`))).toMatchObject({
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    const admin = await sessionFor(ctx.app, await platformAdmin());
    expect(apiError(await admin.get(`/api/users/${randomUUID()}`))).toMatchObject({
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    const own = await orgAdmin.get(`/api/users/${a.member.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: a.member.id, email: a.member.email, signInThrottled: false });
    expect((await admin.get(`/api/users/${b.member.id}`)).statusCode).toBe(200);
  });
});

describe('PATCH /api/users/:id', () => {
  it('401 → 400 per invalid field → 403 → 404 outside your organisation', async () => {
    const a = await organisationWithPeople();
    const b = await organisationWithPeople();
    expect(apiError(await anonymous().patch(`/api/users/${a.member.id}`, { name: 'x' }))).toMatchObject({
      status: 401,
    });
    const orgAdmin = await sessionFor(ctx.app, a.admin);
    for (const [payload, path] of [
      [{ name: 'x' }, 'body.name'],
      [{ active: 'no' }, 'body.active'],
      [{ email: 'x@example.org' }, 'body'],
    ] as const) {
      const response = await orgAdmin.patch(`/api/users/${a.member.id}`, payload);
      expect(apiError(response), path).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: [path] });
    }
    const viewer = await sessionFor(ctx.app, a.member);
    expect(apiError(await viewer.patch(`/api/users/${a.member.id}`, { name: 'Nama Baru' }))).toMatchObject({
      status: 403,
    });
    expect(apiError(await orgAdmin.patch(`/api/users/${b.member.id}`, { name: 'Nama Baru' }))).toMatchObject({
      status: 404,
      code: 'USER_NOT_FOUND',
    });
    const untouched = await db
      .selectFrom('users')
      .select('name')
      .where('id', '=', b.member.id)
      .executeTakeFirst();
    expect(untouched?.name).toBe('Pengguna Uji');
  });

  it('renames; deactivation ends the user’s sessions and sign-ins until reactivated', async () => {
    const a = await organisationWithPeople();
    const orgAdmin = await sessionFor(ctx.app, a.admin);
    const renamed = await orgAdmin.patch(`/api/users/${a.member.id}`, { name: 'Lalu Ahmad' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Lalu Ahmad');

    const memberSession = await sessionFor(ctx.app, a.member);
    const deactivated = await orgAdmin.patch(`/api/users/${a.member.id}`, { active: false });
    expect(deactivated.json().active).toBe(false);
    expect((await memberSession.refreshSession()).user).toBeNull();
    expect((await login(a.member.email, a.member.password)).response.statusCode).toBe(401);
    await orgAdmin.patch(`/api/users/${a.member.id}`, { active: true });
    expect((await login(a.member.email, a.member.password)).response.statusCode).toBe(200);
  });

  it('does not let an organisation admin change a member who holds a role they could not grant', async () => {
    const a = await organisationWithPeople();
    // A platform administrator who also belongs to the organisation (as the first admin does to LKKS NTB).
    const chief = await makeUser(db, [
      { organisationId: a.orgId, role: 'platform_admin' },
      { organisationId: a.orgId, role: 'viewer' },
    ]);
    const orgAdmin = await sessionFor(ctx.app, a.admin);
    expect((await orgAdmin.get(`/api/users/${chief.id}`)).statusCode).toBe(200);
    const deactivate = await orgAdmin.patch(`/api/users/${chief.id}`, { active: false });
    expect(apiError(deactivate)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const row = await db.selectFrom('users').select('active').where('id', '=', chief.id).executeTakeFirst();
    expect(row?.active).toBe(true);
  });
});

describe('POST /api/users/:id/password', () => {
  it('401 → 400 → 403 → 404 outside your organisation → 200 with a forced change', async () => {
    const a = await organisationWithPeople();
    const b = await organisationWithPeople();
    const url = (id: string) => `/api/users/${id}/password`;
    expect(apiError(await anonymous().post(url(a.member.id), { newPassword: 'x' }))).toMatchObject({
      status: 401,
    });
    const orgAdmin = await sessionFor(ctx.app, a.admin);
    for (const [payload, path] of [
      [{ newPassword: 'short' }, 'body.newPassword'],
      [{}, 'body.newPassword'],
      [{ newPassword: 'long enough password', notify: true }, 'body'],
    ] as const) {
      const response = await orgAdmin.post(url(a.member.id), payload);
      expect(apiError(response), path).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: [path] });
    }
    const viewer = await sessionFor(ctx.app, a.member);
    expect(
      apiError(await viewer.post(url(a.member.id), { newPassword: 'long enough password' })),
    ).toMatchObject({ status: 403 });
    const hashBefore = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', b.member.id)
      .executeTakeFirstOrThrow();
    expect(
      apiError(await orgAdmin.post(url(b.member.id), { newPassword: 'long enough password' })),
    ).toMatchObject({ status: 404, code: 'USER_NOT_FOUND' });
    const hashAfter = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', b.member.id)
      .executeTakeFirstOrThrow();
    expect(hashAfter).toEqual(hashBefore);

    const memberSession = await sessionFor(ctx.app, a.member);
    const reset = await orgAdmin.post(url(a.member.id), { newPassword: 'long enough password' });
    expect(reset.statusCode).toBe(200);
    expect((await memberSession.refreshSession()).user).toBeNull();
    const { client } = await login(a.member.email, 'long enough password');
    expect((await client.refreshSession()).user.mustChangePassword).toBe(true);
  });

  it('does not let an organisation admin take over a platform admin who is a member of their organisation', async () => {
    const a = await organisationWithPeople();
    const chief = await makeUser(db, [{ organisationId: a.orgId, role: 'platform_admin' }]);
    const orgAdmin = await sessionFor(ctx.app, a.admin);
    const before = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', chief.id)
      .executeTakeFirstOrThrow();
    const response = await orgAdmin.post(`/api/users/${chief.id}/password`, {
      newPassword: 'i am the admin now',
    });
    expect(apiError(response)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const after = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', chief.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });
});

describe('POST /api/users/:id/memberships', () => {
  const url = (id: string) => `/api/users/${id}/memberships`;

  it('401 → 400 per invalid field (shape, then unknown references)', async () => {
    const a = await organisationWithPeople();
    expect(apiError(await anonymous().post(url(a.member.id), { role: 'x' }))).toMatchObject({ status: 401 });
    const admin = await sessionFor(ctx.app, await platformAdmin());
    const valid = { organisationId: a.orgId, role: 'org_editor' };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...valid, organisationId: 'abc' }, 'VALIDATION_FAILED', 'body.organisationId'],
      [{ ...valid, role: 'king' }, 'VALIDATION_FAILED', 'body.role'],
      [{ ...valid, areaScope: '52.3' }, 'AREA_CODE_MALFORMED', 'body.areaScope'],
      [{ ...valid, expires: '2030-01-01' }, 'VALIDATION_FAILED', 'body'],
      [{ ...valid, organisationId: randomUUID() }, 'VALIDATION_FAILED', 'body.organisationId'],
      [{ ...valid, areaScope: '52.99' }, 'VALIDATION_FAILED', 'body.areaScope'],
    ];
    for (const [payload, code, path] of cases) {
      const response = await admin.post(url(a.member.id), payload);
      expect(apiError(response), path).toEqual({ status: 400, code, paths: [path] });
    }
    expect(apiError(await admin.post(url(randomUUID()), valid))).toMatchObject({
      status: 404,
      code: 'USER_NOT_FOUND',
    });
  });

  it('lets an organisation admin grant only ordinary roles in their own organisation (else 403)', async () => {
    const a = await organisationWithPeople();
    const b = await organisationWithPeople();
    const orgAdmin = await sessionFor(ctx.app, a.admin);
    const viewer = await sessionFor(ctx.app, a.member);
    expect(
      apiError(await viewer.post(url(a.member.id), { organisationId: a.orgId, role: 'viewer' })),
    ).toMatchObject({ status: 403 });
    const refused: Array<Record<string, unknown>> = [
      { organisationId: a.orgId, role: 'coordinator' },
      { organisationId: a.orgId, role: 'platform_admin' },
      { organisationId: a.orgId, role: 'auditor' },
      { organisationId: b.orgId, role: 'viewer' },
    ];
    for (const payload of refused) {
      const response = await orgAdmin.post(url(a.member.id), payload);
      expect(apiError(response), JSON.stringify(payload)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    const granted = ['org_admin', 'org_editor', 'viewer', 'field_facilitator'];
    for (const role of granted) {
      const response = await orgAdmin.post(url(a.member.id), { organisationId: a.orgId, role });
      expect(response.statusCode, role).toBe(200);
    }
    const roles = await db
      .selectFrom('memberships')
      .select(['organisation_id', 'role'])
      .where('user_id', '=', a.member.id)
      .execute();
    expect(roles.map((m) => m.role).sort()).toEqual([...granted].sort());
    expect(roles.every((m) => m.organisation_id === a.orgId)).toBe(true);
    const entries = await auditRows('grant', a.member.id);
    expect(entries.map((e) => (e.after as { role: string }).role).sort()).toEqual([...granted].sort());
  });

  it('lets a platform admin grant any role with an area scope', async () => {
    const a = await organisationWithPeople();
    const admin = await sessionFor(ctx.app, await platformAdmin());
    const response = await admin.post(url(a.member.id), {
      organisationId: a.orgId,
      role: 'coordinator',
      areaScope: '52.03',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().memberships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organisationId: a.orgId, role: 'coordinator', areaScope: '52.03' }),
      ]),
    );
    const [entry] = await auditRows('grant', a.member.id);
    expect(entry?.after).toEqual({ organisationId: a.orgId, role: 'coordinator', areaScope: '52.03' });
  });
});

describe('DELETE /api/memberships/:id', () => {
  const membershipOf = async (userId: string, role: Role) =>
    db
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', userId)
      .where('role', '=', role)
      .executeTakeFirstOrThrow();

  it('401 → 400 → 403 → 404 for a membership you do not manage → 200', async () => {
    const a = await organisationWithPeople();
    const b = await organisationWithPeople();
    const memberA = await membershipOf(a.member.id, 'viewer');
    expect(apiError(await anonymous().delete(`/api/memberships/${memberA.id}`))).toMatchObject({
      status: 401,
    });
    const orgAdmin = await sessionFor(ctx.app, a.admin);
    expect(apiError(await orgAdmin.delete('/api/memberships/42'))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['params.id'],
    });
    const viewer = await sessionFor(ctx.app, a.member);
    expect(apiError(await viewer.delete(`/api/memberships/${memberA.id}`))).toMatchObject({ status: 403 });

    const otherOrganisation = await membershipOf(b.member.id, 'viewer');
    const coordinator = await makeUser(db, [{ organisationId: a.orgId, role: 'coordinator' }]);
    const coordinatorInOwnOrg = await membershipOf(coordinator.id, 'coordinator');
    for (const id of [otherOrganisation.id, coordinatorInOwnOrg.id, randomUUID()]) {
      expect(apiError(await orgAdmin.delete(`/api/memberships/${id}`)), id).toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    const stillThere = await db
      .selectFrom('memberships')
      .select('id')
      .where('id', 'in', [otherOrganisation.id, coordinatorInOwnOrg.id])
      .execute();
    expect(stillThere).toHaveLength(2);

    const response = await orgAdmin.delete(`/api/memberships/${memberA.id}`);
    expect(response.statusCode).toBe(200);
    expect(await db.selectFrom('memberships').select('id').where('id', '=', memberA.id).execute()).toEqual(
      [],
    );
    const [entry] = await auditRows('revoke', a.member.id);
    expect(entry?.before).toEqual({ organisationId: a.orgId, role: 'viewer', areaScope: null });
  });
});

describe('audit trail of account events', () => {
  it('records login, login_failed, password_reset, grant and revoke, and never a password or hash', async () => {
    const a = await organisationWithPeople();
    const admin = await sessionFor(ctx.app, await platformAdmin());
    const secrets = ['wrong password for audit', 'reset password for audit', 'changed password for audit'];
    await login(a.member.email, secrets[0] as string);
    await login(a.member.email, a.member.password);
    await admin.post(`/api/users/${a.member.id}/password`, { newPassword: secrets[1] });
    const { client } = await login(a.member.email, secrets[1] as string);
    await client.post('/api/auth/password', { currentPassword: secrets[1], newPassword: secrets[2] });
    await admin.post(`/api/users/${a.member.id}/memberships`, {
      organisationId: a.orgId,
      role: 'org_editor',
    });
    const editor = await db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', a.member.id)
      .where('role', '=', 'org_editor')
      .executeTakeFirstOrThrow();
    await admin.delete(`/api/memberships/${editor.id}`);

    const actions = (
      await db.selectFrom('audit_log').select('action').where('entity_id', '=', a.member.id).execute()
    ).map((r) => r.action);
    for (const action of ['login', 'login_failed', 'password_reset', 'password_change', 'grant', 'revoke']) {
      expect(actions, action).toContain(action);
    }

    const everything = JSON.stringify(await db.selectFrom('audit_log').selectAll().execute());
    const hashes = (await db.selectFrom('users').select('password_hash').execute()).map(
      (u) => u.password_hash,
    );
    for (const secret of [...secrets, TEST_PASSWORD, '$argon2', ...hashes]) {
      expect(everything.includes(secret), `audit log contains ${secret.slice(0, 12)}…`).toBe(false);
    }
    expect(everything).not.toMatch(/password_hash|passwordHash|"password"/);
    // Session tokens are credentials too.
    expect(everything).not.toContain(SESSION_COOKIE);
  });
});

describe('organisation admins manage only their own members', () => {
  it('cannot grant a role to a user outside their organisation (not found)', async () => {
    const orgId = await makeOrganisation(ctx.database.db);
    const otherOrg = await makeOrganisation(ctx.database.db);
    const orgAdmin = await makeUser(ctx.database.db, [{ organisationId: orgId, role: 'org_admin' }]);
    const stranger = await makeUser(ctx.database.db, [{ organisationId: otherOrg, role: 'viewer' }]);
    const client = await sessionFor(ctx.app, orgAdmin);
    const response = await client.post(`/api/users/${stranger.id}/memberships`, {
      organisationId: orgId,
      role: 'viewer',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('USER_NOT_FOUND');
    const memberships = await ctx.database.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', stranger.id)
      .execute();
    expect(memberships).toHaveLength(1);
  });

  it('creates a user and their viewer membership in one step', async () => {
    const orgId = await makeOrganisation(ctx.database.db);
    const orgAdmin = await makeUser(ctx.database.db, [{ organisationId: orgId, role: 'org_admin' }]);
    const client = await sessionFor(ctx.app, orgAdmin);
    const response = await client.post('/api/users', {
      email: `baru-${Date.now()}@example.org`,
      name: 'Anggota Baru',
      password: 'sementara-123456',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().memberships).toEqual([
      expect.objectContaining({ organisationId: orgId, role: 'viewer' }),
    ]);
  });
});
