import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, TEST_ADMIN_TOKEN, type TestContext } from '../../../../tests/support/test-db.ts';
import { startJobs } from '../../jobs/boss.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.app.jobs?.stop();
  await ctx?.close();
});

describe('health', () => {
  it('reports the engine and database status to the administrator, and degraded while jobs are not running', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.database).toMatchObject({ status: 'up', engine: inject('engine') });
    expect(body.database.serverVersion).toMatch(/^1[5-9]/);
    expect(typeof body.database.latencyMs).toBe('number');
    expect(body.status).toBe('degraded');
    expect(response.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });

  it('tells the public only whether it is up: no engine, server version or latency (issue 8)', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.database).toEqual({ status: 'up' });
    expect(body).toMatchObject({ status: 'degraded', jobs: { status: 'down' } });
  });

  it('runs a pg-boss job to completion on this engine and then reports ok', async () => {
    const jobs = await startJobs(ctx.database);
    ctx.app.jobs = jobs;
    await jobs.boss.createQueue('test.echo');
    const seen: unknown[] = [];
    await jobs.boss.work('test.echo', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      seen.push(job?.data);
      return { echoed: true };
    });
    const id = await jobs.boss.send('test.echo', { n: 42 });
    expect(id).toBeTruthy();
    const deadline = Date.now() + 30_000;
    let state: string | undefined;
    while (Date.now() < deadline) {
      state = (await jobs.boss.getJobById('test.echo', id as string))?.state;
      if (state === 'completed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(state).toBe('completed');
    expect(seen).toEqual([{ n: 42 }]);
    const health = (await ctx.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health).toMatchObject({ status: 'ok', jobs: { status: 'up' } });
  });
});

describe('OpenAPI document', () => {
  it('describes every API route with a request and response schema', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    const routes: string[] = [];
    for (const [path, methods] of Object.entries(
      doc.paths as Record<string, Record<string, { responses?: object }>>,
    )) {
      for (const [method, operation] of Object.entries(methods)) {
        routes.push(`${method.toUpperCase()} ${path}`);
        const codes = Object.keys(operation.responses ?? {});
        // A success response: 200/201 with a body, or 204 for a delete.
        expect(
          codes.some((c) => c === '200' || c === '201' || c === '204'),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'GET /api/areas',
        'GET /api/areas/search',
        'POST /api/areas/validate',
        'GET /api/areas/{code}',
        'GET /api/areas/{code}/children',
        'GET /api/boundaries',
        'GET /api/boundaries/status',
        'POST /api/boundaries',
      ]),
    );
  });

  it('serves the docs UI', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});
