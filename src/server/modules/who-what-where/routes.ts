/**
 * The who-does-what-where figures: map, dashboard and area panel, computed from the programs'
 * fact rows. Public reads; a reader sees the figures of what they may see (drafts and area
 * scope as in the program list).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { areaCodeParam, errorBody } from '../../../shared/contracts/common.ts';
import {
  areaActivity,
  areaActivityQuery,
  dashboardResponse,
  mapQuery,
  mapResponse,
  whoWhatWhereQuery,
} from '../../../shared/contracts/who-what-where.ts';
import type { Actor } from '../../policies/actor.ts';
import { programVisibility } from '../../policies/programs.ts';
import { areaActivityOf, dashboardOf, mapOf } from './service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Area prefixes the figures are limited to: the same read scope as the program list. */
const figureScopes = (actor: Actor): string[] | null => programVisibility(actor).scopes;

export const whoWhatWhereRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/who-what-where/map',
    {
      config: { access: 'public' },
      schema: {
        tags: ['who-what-where'],
        summary: 'Programs, organisations, budget and productive share per area at one level',
        description:
          'From the fact table kept current on every program write. A program counts once in each area it reaches; its budget is split over its villages and years (docs/programs.md).',
        querystring: mapQuery,
        response: { 200: mapResponse, ...errors },
      },
    },
    async (request) => mapOf(db, request.query, figureScopes(request.actor)),
  );

  app.get(
    '/who-what-where/dashboard',
    {
      config: { access: 'public' },
      schema: {
        tags: ['who-what-where'],
        summary:
          'Totals, by issue, by organisation type, by modality, by status, over years, top contributors',
        querystring: whoWhatWhereQuery,
        response: { 200: dashboardResponse, ...errors },
      },
    },
    async (request) => dashboardOf(db, request.query, figureScopes(request.actor), request.actor),
  );

  app.get(
    '/who-what-where/areas/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['who-what-where'],
        summary: 'What happens in one area and who does it (programs and organisations paged)',
        params: z.object({ code: areaCodeParam }).strict(),
        querystring: areaActivityQuery,
        response: { 200: areaActivity, ...errors },
      },
    },
    async (request) => {
      const { limit, offset, organisationsLimit, organisationsOffset, ...filter } = request.query;
      return areaActivityOf(
        db,
        request.params.code,
        filter,
        figureScopes(request.actor),
        {
          programs: { limit, offset },
          organisations: { limit: organisationsLimit, offset: organisationsOffset },
        },
        request.actor,
      );
    },
  );
};
