/**
 * Builds the Fastify app. Order matters and follows the Fastify way:
 *  1. compilers and error handling (so every later plugin's errors use our shape),
 *  2. external plugins (security headers, OpenAPI),
 *  3. our routes under /api,
 *  4. the built web app with a fallback to index.html for client-side routes.
 * The app gets its database and job runner from the caller, so tests and the CLI
 * build it around whatever engine they opened.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { EXPORT_DEFAULTS, PROJECT_ROOT } from './config.ts';
import type { Database } from './db/engine.ts';
import { ExportGate } from './files/export-stream.ts';
import { authPlugin } from './http/auth.ts';
import { registerErrorHandling, sendRouteNotFound } from './http/errors.ts';
import { loggerOptions } from './http/logging.ts';
import type { Jobs } from './jobs/boss.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { areaRoutes } from './modules/areas/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { organisationImportExportRoutes } from './modules/organisations/import-export-routes.ts';
import { organisationRoutes } from './modules/organisations/routes.ts';
import { partnershipRoutes } from './modules/partnerships/routes.ts';
import { programImportRoutes } from './modules/programs/import/routes.ts';
import { programRoutes } from './modules/programs/routes.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { configureFiguresCache } from './modules/who-what-where/cache.ts';
import { whoWhatWhereRoutes } from './modules/who-what-where/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    jobs: Jobs | null;
    /** Limits of the heavy export routes: per-address rate (route config) and the server-wide gate. */
    exportLimits: { rateLimit: { max: number; timeWindow: string }; gate: ExportGate };
  }
}

/** Exports waiting for a turn beyond which the answer is 503 EXPORT_BUSY. */
const EXPORTS_WAITING = 32;

export interface AppOptions {
  config: Pick<
    Config,
    | 'logLevel'
    | 'adminToken'
    | 'version'
    | 'trustProxy'
    | 'cookieSecret'
    | 'cookieSecure'
    | 'sessionTtlHours'
    | 'demoData'
  > &
    Partial<
      Pick<Config, 'exportRateLimit' | 'exportConcurrency' | 'auditCheckpointKey' | 'whoWhatWhereCache'>
    >;
  database: Database;
  jobs?: Jobs | null;
  /** Serve dist/web when it exists (production); tests of the API leave it off. */
  serveWeb?: boolean;
}

export const WEB_DIST = path.join(PROJECT_ROOT, 'dist', 'web');

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.config.logLevel),
    trustProxy: options.config.trustProxy,
    // Request ids appear in every error body and log line, so a user can quote one.
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.decorate('database', options.database);
  configureFiguresCache(options.database.db, options.config.whoWhatWhereCache ?? true);
  app.decorate('jobs', options.jobs ?? null);
  app.decorate('exportLimits', {
    rateLimit: { max: options.config.exportRateLimit ?? EXPORT_DEFAULTS.rateLimit, timeWindow: '1 minute' },
    gate: new ExportGate(options.config.exportConcurrency ?? EXPORT_DEFAULTS.concurrency, EXPORTS_WAITING),
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI and ECharts inline styles; no inline scripts are needed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        // Rules out mixed content behind HTTPS proxies while staying usable over plain http on localhost.
        upgradeInsecureRequests: null,
      },
    },
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Simpul API',
        description:
          'API of Simpul, the collaboration platform for social welfare in NTB. Errors always have the shape ' +
          '{ error: { code, message, requestId, details? } } with a stable code.',
        version: options.config.version,
      },
      components: {
        securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // Sessions, CSRF, rate limits and route access, before any route is added.
  await app.register(authPlugin, {
    cookieSecret: options.config.cookieSecret,
    cookieSecure: options.config.cookieSecure,
    adminToken: options.config.adminToken,
  });

  await app.register(
    async (api) => {
      await api.register(systemRoutes, { version: options.config.version });
      await api.register(areaRoutes);
      await api.register(accountRoutes, {
        sessionTtlHours: options.config.sessionTtlHours,
        cookieSecure: options.config.cookieSecure,
        demoMode: options.config.demoData,
      });
      await api.register(organisationRoutes);
      await api.register(organisationImportExportRoutes);
      await api.register(programRoutes);
      await api.register(programImportRoutes);
      await api.register(whoWhatWhereRoutes);
      await api.register(partnershipRoutes);
      await api.register(auditRoutes, { checkpointKey: options.config.auditCheckpointKey ?? null });
    },
    { prefix: '/api' },
  );

  const webAvailable = options.serveWeb === true && existsSync(path.join(WEB_DIST, 'index.html'));
  if (webAvailable) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] });
  }
  // Client-side routes (/wilayah/52.03) get the app shell; /api paths stay JSON 404s.
  app.setNotFoundHandler((request, reply) => {
    if (!webAvailable || request.url.startsWith('/api/') || request.method !== 'GET') {
      return sendRouteNotFound(request, reply);
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
