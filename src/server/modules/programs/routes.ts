/**
 * Programs (4W+). Handler order as everywhere:
 * schema validation → route access (config.access) → domain command (record rules, one
 * transaction with its audit entry and fact rows) → presenter.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../shared/contracts/common.ts';
import {
  createProgramBody,
  exportProgramsQuery,
  listProgramsQuery,
  program,
  programPage,
  programStatusBody,
  updateProgramBody,
} from '../../../shared/contracts/programs.ts';
import { sendStreamedFile } from '../../files/export-stream.ts';
import { auditContextOf } from '../../http/auth.ts';
import { EDITORS, errorResponses, idParams, versionQuery } from '../../http/route-kit.ts';
import { pageOf } from '../../paging.ts';
import { programVisibility } from '../../policies/programs.ts';
import { seesUnverifiedNames } from '../organisations/names.ts';
import { cached, cacheKey } from '../who-what-where/cache.ts';
import { exportPrograms } from './export-programs.ts';
import { areaNames, listPrograms } from './queries.ts';
import {
  changeProgramStatus,
  createProgram,
  deleteProgram,
  getProgram,
  presentProgramSummary,
  updateProgram,
} from './service.ts';

const errors = errorResponses;

export const programRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/programs',
    {
      config: { access: 'public' },
      schema: {
        tags: ['programs'],
        summary: 'Programs, filtered by area, issue, owner type, modality, status, year, owner or partner',
        description:
          'Visitors see every program that is not a draft; drafts are seen by the owner and partner organisations and coordinators. Area-scoped staff see programs with a village in their area.',
        querystring: listProgramsQuery,
        response: { 200: programPage, ...errors },
      },
    },
    async (request) => {
      const { limit, offset, sort, ...filter } = request.query;
      const visibility = programVisibility(request.actor);
      // Every program write (and an owner's change) bumps the facts version, so a cached page
      // is never staler than the programs it lists; the reader's visibility is part of the key.
      // Whether the reader sees unverified organisations' names is part of the key too.
      const names = seesUnverifiedNames(request.actor);
      return cached(db, cacheKey('list', request.query, null, { visibility, names }), async () => {
        const { rows, total } = await listPrograms(db, visibility, filter, { limit, offset }, sort);
        const regencies = await areaNames(
          db,
          rows.flatMap((r) => r.regency_codes),
        );
        return pageOf(
          rows.map((r) => presentProgramSummary(request.actor, r, regencies)),
          { limit, offset },
          total,
        );
      });
    },
  );

  app.get(
    '/programs/export',
    {
      // A full export is the heaviest public request: limited per address, and server-wide by the export gate.
      config: { access: 'public', rateLimit: app.exportLimits.rateLimit },
      schema: {
        tags: ['programs'],
        summary: 'The filtered program list as XLSX, or CSV with an HXL hashtag row',
        description:
          'Streamed in batches. At most EXPORT_RATE_LIMIT exports per address and minute (429 RATE_LIMITED with ' +
          'Retry-After) and EXPORT_CONCURRENCY running server-wide; others wait their turn, and when too many ' +
          'wait the answer is 503 EXPORT_BUSY with Retry-After.',
        querystring: exportProgramsQuery,
        produces: [
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'text/csv',
          'application/json',
        ],
        response: {
          200: z.any().describe('The spreadsheet file'),
          ...errors,
          429: errorBody,
          503: errorBody,
        },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      return sendStreamedFile(request, reply, app.exportLimits.gate, () =>
        exportPrograms(db, request.actor, filter, format, (error) =>
          request.log.error({ code: (error as { code?: unknown })?.code ?? null }, 'program export failed'),
        ),
      );
    },
  );

  app.get(
    '/programs/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['programs'],
        summary: 'One program with its villages, partners, lifecycle and partnerships',
        params: idParams,
        response: { 200: program, ...errors },
      },
    },
    async (request) => getProgram(db, request.actor, request.params.id),
  );

  app.post(
    '/programs',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['programs'],
        summary: "Create a program (the owner's editors, or a coordinator whose area holds every village)",
        body: createProgramBody,
        response: { 201: program, ...errors },
      },
    },
    async (request, reply) => {
      const id = await createProgram(db, request.actor, request.body, auditContextOf(request));
      return reply.status(201).send(await getProgram(db, request.actor, id));
    },
  );

  app.put(
    '/programs/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['programs'],
        summary: 'Replace a program’s fields (send the version you edited)',
        params: idParams,
        body: updateProgramBody,
        response: { 200: program, ...errors },
      },
    },
    async (request) => {
      await updateProgram(db, request.actor, request.params.id, request.body, auditContextOf(request));
      return getProgram(db, request.actor, request.params.id);
    },
  );

  app.post(
    '/programs/:id/status',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['programs'],
        summary: 'Move a program along draft → planned → active → completed, or cancel it',
        params: idParams,
        body: programStatusBody,
        response: { 200: program, ...errors },
      },
    },
    async (request) => {
      await changeProgramStatus(db, request.actor, request.params.id, request.body, auditContextOf(request));
      return getProgram(db, request.actor, request.params.id);
    },
  );

  app.delete(
    '/programs/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['programs'],
        summary:
          'Delete a draft, planned or cancelled program (a running or completed one is cancelled instead)',
        params: idParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteProgram(
        db,
        request.actor,
        request.params.id,
        request.query.version,
        auditContextOf(request),
      );
      return reply.status(204).send(null);
    },
  );
};
