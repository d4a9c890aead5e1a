/**
 * Regressions for problems a security review found: each test tries the attack or the bad input
 * and checks the server refuses it cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_FREE_FAILURES } from '../src/server/modules/accounts/throttle.ts';
import { Client, makeOrganisation, makeUser, sessionFor, TEST_PASSWORD } from './support/factories.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestContext } from './support/test-db.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

describe('accounts', () => {
  it('an area-scoped org admin cannot narrow (and so take over) a wider admin of the same organisation', async () => {
    const db = ctx.database.db;
    const org = await makeOrganisation(db);
    const boss = await makeUser(db, [{ organisationId: org, role: 'org_admin' }]);
    const scoped = await makeUser(db, [{ organisationId: org, role: 'org_admin', areaScope: '52.03' }]);
    const client = await sessionFor(ctx.app, scoped);
    const response = await client.post(`/api/users/${boss.id}/memberships`, {
      organisationId: org,
      role: 'org_admin',
      areaScope: '52.03.01',
    });
    expect(response.statusCode).toBe(403);
    const membership = await db
      .selectFrom('memberships')
      .select('area_scope')
      .where('user_id', '=', boss.id)
      .executeTakeFirstOrThrow();
    expect(membership.area_scope).toBeNull();
  });

  it('parallel wrong passwords from one source get exactly the free password checks, then 429', async () => {
    const db = ctx.database.db;
    const user = await makeUser(db, [{ organisationId: await makeOrganisation(db), role: 'viewer' }]);
    // Fewer than the per-address rate limit (10 a minute), so only the throttle can refuse.
    const attempts = Array.from({ length: SOURCE_FREE_FAILURES + 3 }, (_, i) =>
      new Client(ctx.app).request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: `wrong-${i}` },
        remoteAddress: '10.0.0.1',
      }),
    );
    const codes = (await Promise.all(attempts)).map((r) => r.json().error.code).sort();
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(SOURCE_FREE_FAILURES);
    expect(codes.filter((c) => c === 'SIGN_IN_THROTTLED')).toHaveLength(3);
    // The owner, from another source, is not locked out.
    const right = await new Client(ctx.app).request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
      remoteAddress: '10.0.1.1',
    });
    expect(right.statusCode).toBe(200);
  });

  it('a user who must change their password sees public pages as a visitor (no contacts)', async () => {
    const db = ctx.database.db;
    const org = await makeOrganisation(db, {
      contacts: [{ name: 'Bapak Kontak', phone: '+62 812 3333 4444' }],
    });
    const user = await makeUser(db, [{ organisationId: org, role: 'viewer' }]);
    const client = await sessionFor(ctx.app, user);
    await db.updateTable('users').set({ must_change_password: true }).where('id', '=', user.id).execute();
    await db
      .updateTable('organisations')
      .set({ verification_status: 'verified' })
      .where('id', '=', org)
      .execute();
    const response = await client.get(`/api/organisations/${org}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().contacts).toEqual([]);
  });

  it('keeps user emails out of the audit trail and answers a concurrent duplicate with 409', async () => {
    const db = ctx.database.db;
    const admin = await makeUser(db, [
      { organisationId: await makeOrganisation(db), role: 'platform_admin' },
    ]);
    const client = await sessionFor(ctx.app, admin);
    const email = `race-${Date.now()}@example.org`;
    const responses = await Promise.all(
      [1, 2, 3].map(() =>
        client.post('/api/users', { email, name: 'Balapan', password: 'sementara-123456' }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of responses.filter((x) => x.statusCode === 409))
      expect(r.json().error.code).toBe('EMAIL_TAKEN');
    const trail = await db.selectFrom('audit_log').select(['before', 'after']).execute();
    expect(JSON.stringify(trail)).not.toContain(email);
  });
});

describe('input PostgreSQL cannot store', () => {
  it('a NUL byte in a query or a body is a 400, not a 500', async () => {
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/organisations?q=ab%00c' });
    expect(anonymous.statusCode).toBe(400);
    const db = ctx.database.db;
    const admin = await makeUser(db, [
      { organisationId: await makeOrganisation(db), role: 'platform_admin' },
    ]);
    const client = await sessionFor(ctx.app, admin);
    const response = await client.post('/api/organisations', {
      legalName: 'Yayasan\u0000Nol',
      type: 'ngo',
      areaCode: '52.03',
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('boundary import', () => {
  const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  it('refuses features that are not objects and broken TopoJSON with 400', async () => {
    for (const payload of [
      { type: 'FeatureCollection', features: [null] },
      { type: 'Topology', objects: { a: { type: 'Polygon', arcs: [[0]] } } },
    ]) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/boundaries',
        headers: auth,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('BOUNDARY_FILE_INVALID');
    }
  });

  it('writes an audit entry in the same transaction as the polygons', async () => {
    const payload = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '52.03.01.2002' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [116.5, -8.8],
                [116.51, -8.8],
                [116.51, -8.79],
                [116.5, -8.8],
              ],
            ],
          },
        },
      ],
    };
    const response = await ctx.app.inject({ method: 'POST', url: '/api/boundaries', headers: auth, payload });
    expect(response.statusCode).toBe(200);
    const entry = await ctx.database.db
      .selectFrom('audit_log')
      .select(['actor_label', 'after'])
      .where('entity_type', '=', 'area_boundaries')
      .executeTakeFirstOrThrow();
    expect(entry.actor_label).toBe('admin-token');
    expect(entry.after).toMatchObject({ imported: 1 });
  });
});
