/**
 * Areas (wilayah) and boundaries. Handlers stay thin: validate (schemas) → call the
 * service → present. Every route has request and response schemas, which also
 * produce the OpenAPI document.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  areaDetail,
  areaPage,
  boundaryCollection as boundaryCollectionSchema,
  boundaryImportResult,
  boundaryQuery,
  boundaryStatus as boundaryStatusSchema,
  childrenQuery,
  codeParams,
  listAreasQuery,
  searchAreasQuery,
  searchResult,
  validateCodesBody,
  validateCodesResult,
} from '../../../shared/contracts/areas.ts';
import { errorBody } from '../../../shared/contracts/common.ts';
import { auditContextOf } from '../../http/auth.ts';
import { publicErrorResponses } from '../../http/route-kit.ts';
import { pageOf } from '../../paging.ts';
import { importBoundaries } from './import-boundaries.ts';
import { presentArea } from './presenters.ts';
import { boundaryStatus, listAreas } from './queries.ts';
import { boundaryCollection, getAreaDetail, requireArea, search, validateCodes } from './service.ts';

export const areaRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/areas',
    {
      config: { access: 'public' },
      schema: {
        tags: ['areas'],
        summary: 'List areas, filtered by ancestor, level and kind',
        querystring: listAreasQuery,
        response: { 200: areaPage, ...publicErrorResponses },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      if (filter.within) await requireArea(db, filter.within);
      const { rows, total } = await listAreas(db, filter, { limit, offset });
      return pageOf(rows.map(presentArea), { limit, offset }, total);
    },
  );

  app.get(
    '/areas/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['areas'],
        summary: 'Search areas by name (case-, accent- and typo-tolerant)',
        querystring: searchAreasQuery,
        response: { 200: searchResult, ...publicErrorResponses },
      },
    },
    async (request) => {
      const { q, within, level, limit } = request.query;
      if (within) await requireArea(db, within);
      return { items: await search(db, q, { within, level, limit }) };
    },
  );

  app.post(
    '/areas/validate',
    {
      // Changes nothing, so scripts may call it without a CSRF token.
      config: { access: 'public', readOnly: true },
      schema: {
        tags: ['areas'],
        summary: 'Check a list of codes: valid, malformed, unknown or retired',
        body: validateCodesBody,
        response: { 200: validateCodesResult, 400: errorBody },
      },
    },
    async (request) => {
      const items = await validateCodes(db, request.body.codes);
      const counts = { valid: 0, malformed: 0, unknown: 0, retired: 0 };
      for (const item of items) counts[item.status] += 1;
      return { items, counts };
    },
  );

  app.get(
    '/areas/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['areas'],
        summary: 'One area with its ancestors, counts of areas under it and statistics',
        params: codeParams,
        response: { 200: areaDetail, ...publicErrorResponses },
      },
    },
    async (request) => getAreaDetail(db, request.params.code),
  );

  app.get(
    '/areas/:code/children',
    {
      config: { access: 'public' },
      schema: {
        tags: ['areas'],
        summary: 'Direct children of an area',
        params: codeParams,
        querystring: childrenQuery,
        response: { 200: areaPage, ...publicErrorResponses },
      },
    },
    async (request) => {
      const parent = await requireArea(db, request.params.code);
      const { limit, offset, kind, includeRetired } = request.query;
      const { rows, total } = await listAreas(
        db,
        { parent: parent.code, kind, includeRetired },
        { limit, offset },
      );
      return pageOf(rows.map(presentArea), { limit, offset }, total);
    },
  );

  app.get(
    '/boundaries',
    {
      config: { access: 'public' },
      schema: {
        tags: ['boundaries'],
        summary: 'Simplified polygons of one level as GeoJSON, plus the areas that have none',
        querystring: boundaryQuery,
        response: { 200: boundaryCollectionSchema, ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return boundaryCollection(db, request.query.level, request.query.within);
    },
  );

  app.get(
    '/boundaries/status',
    {
      config: { access: 'public' },
      schema: {
        tags: ['boundaries'],
        summary: 'How many areas per level have a boundary',
        querystring: z.object({}).strict(),
        response: { 200: boundaryStatusSchema, 400: errorBody },
      },
    },
    async () => boundaryStatus(db),
  );

  app.post(
    '/boundaries',
    {
      config: { access: ['platform_admin'] },
      bodyLimit: 100 * 1024 * 1024,
      schema: {
        tags: ['boundaries'],
        summary:
          'Import a GeoJSON or TopoJSON file whose features carry Kemendagri codes (platform administrator or ADMIN_TOKEN)',
        description:
          'All-or-nothing: if any feature lacks a known code or a valid polygon, every problem is listed and nothing is written.',
        security: [{ adminToken: [] }],
        querystring: z.object({ source: z.string().trim().min(1).max(200).optional() }).strict(),
        body: z
          .looseObject({ type: z.string() })
          .describe('GeoJSON FeatureCollection/Feature or TopoJSON Topology'),
        response: {
          200: boundaryImportResult,
          400: errorBody,
          401: errorBody,
          403: errorBody,
          413: errorBody,
        },
      },
    },
    async (request) => {
      const outcome = await importBoundaries(
        db,
        request.body,
        request.query.source ?? 'api upload',
        auditContextOf(request),
      );
      request.log.info({ imported: outcome.imported, byLevel: outcome.byLevel }, 'boundaries imported');
      return outcome;
    },
  );
};
