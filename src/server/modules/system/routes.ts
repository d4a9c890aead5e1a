/** Liveness and readiness: database engine, its reachability and the job runner. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { healthResponse } from '../../../shared/contracts/areas.ts';
import { serverVersion } from '../../db/engine.ts';
import { isPlatformAdmin } from '../../policies/actor.ts';

export const systemRoutes: FastifyPluginAsyncZod<{ version: string }> = async (app, options) => {
  let cachedVersion: string | null = null;
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Health of the server, its database and job runner',
        querystring: z.object({}).strict(),
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (request, reply) => {
      const started = performance.now();
      let up = false;
      try {
        await sql`select 1`.execute(app.database.db);
        up = true;
        cachedVersion ??= await serverVersion(app.database);
      } catch {
        up = false;
      }
      const jobsUp = app.jobs?.isUp() ?? false;
      // Which engine and server version run the platform, and how fast it answers, help an
      // attacker choose an exploit and time a load; only whoever runs the platform sees them.
      const details = isPlatformAdmin(request.actor)
        ? {
            engine: app.database.engine,
            serverVersion: cachedVersion,
            latencyMs: up ? Math.round((performance.now() - started) * 10) / 10 : null,
          }
        : {};
      const body = {
        status: up && jobsUp ? ('ok' as const) : ('degraded' as const),
        version: options.version,
        database: { status: up ? ('up' as const) : ('down' as const), ...details },
        jobs: { status: jobsUp ? ('up' as const) : ('down' as const) },
      };
      return reply.status(up ? 200 : 503).send(body);
    },
  );
};
