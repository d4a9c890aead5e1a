/**
 * Organisation registry (Mitra) and the issue taxonomy. Handler order: schema
 * validation → route access (config.access) → domain command (record rules, one
 * transaction with its audit entry) → presenter.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { normalizeOrganisationName } from '../../../shared/area-code.ts';
import { errorBody } from '../../../shared/contracts/common.ts';
import {
  createIssueBody,
  createOrganisationBody,
  issueList,
  issueParams,
  issue as issueSchema,
  listOrganisationsQuery,
  organisation,
  organisationPage,
  similarOrganisations,
  similarOrganisationsQuery,
  updateIssueBody,
  updateOrganisationBody,
  verificationBody,
} from '../../../shared/contracts/organisations.ts';
import { auditContextOf } from '../../http/auth.ts';
import { EDITORS, errorResponses, idParams } from '../../http/route-kit.ts';
import { pageOf } from '../../paging.ts';
import { createIssue, listIssues, updateIssue } from './issues.ts';
import { presentOrganisationSummary } from './presenters.ts';
import { similarOrganisations as findSimilar, listVisibleOrganisations } from './queries.ts';
import { createOrganisation, getOrganisation, setVerification, updateOrganisation } from './service.ts';

export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/organisations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['organisations'],
        summary: 'Directory of organisations, filtered by type, issue, area, offer and verification',
        description: 'Anonymous visitors see verified organisations; area-scoped users see their area.',
        querystring: listOrganisationsQuery,
        response: { 200: organisationPage, ...errorResponses },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const { rows, total } = await listVisibleOrganisations(db, request.actor, filter, { limit, offset });
      return pageOf(rows.map(presentOrganisationSummary), { limit, offset }, total);
    },
  );

  app.get(
    '/organisations/similar',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['organisations'],
        summary: 'Organisations whose names resemble this one (duplicate warning before creating)',
        querystring: similarOrganisationsQuery,
        response: { 200: similarOrganisations, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await findSimilar(db, request.actor, normalizeOrganisationName(request.query.name));
      return {
        items: rows.map((r) => ({
          ...presentOrganisationSummary(r),
          similarity: Math.round(r.similarity * 100) / 100,
        })),
      };
    },
  );

  app.get(
    '/organisations/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['organisations'],
        summary: 'One organisation; contacts only for signed-in users (read is audited)',
        params: idParams,
        response: { 200: organisation, ...errorResponses },
      },
    },
    async (request) => getOrganisation(db, request.actor, request.params.id, auditContextOf(request)),
  );

  app.post(
    '/organisations',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['organisations'],
        summary: 'Register an organisation (409 ORGANISATION_POSSIBLE_DUPLICATE lists similar names)',
        body: createOrganisationBody,
        response: { 201: organisation, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await createOrganisation(db, request.actor, request.body, auditContextOf(request));
      return reply.status(201).send(await getOrganisation(db, request.actor, id, auditContextOf(request)));
    },
  );

  app.patch(
    '/organisations/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['organisations'],
        summary: 'Change an organisation (send the version you edited)',
        params: idParams,
        body: updateOrganisationBody,
        response: { 200: organisation, ...errorResponses },
      },
    },
    async (request) => {
      await updateOrganisation(db, request.actor, request.params.id, request.body, auditContextOf(request));
      return getOrganisation(db, request.actor, request.params.id, auditContextOf(request));
    },
  );

  app.post(
    '/organisations/:id/verification',
    {
      config: { access: ['platform_admin', 'coordinator'] },
      schema: {
        tags: ['organisations'],
        summary: 'Mark an organisation verified, unverified or rejected',
        params: idParams,
        body: verificationBody,
        response: { 200: organisation, ...errorResponses },
      },
    },
    async (request) => {
      const { status, version } = request.body;
      await setVerification(db, request.actor, request.params.id, status, version, auditContextOf(request));
      return getOrganisation(db, request.actor, request.params.id, auditContextOf(request));
    },
  );

  app.get(
    '/issues',
    {
      config: { access: 'public' },
      schema: {
        tags: ['issues'],
        summary: 'The issue taxonomy (Indonesian and English names)',
        querystring: z.object({ includeInactive: z.stringbool().default(false) }).strict(),
        response: { 200: issueList, 400: errorBody },
      },
    },
    async (request) => ({ items: await listIssues(db, request.query.includeInactive) }),
  );

  app.post(
    '/issues',
    {
      config: { access: ['platform_admin', 'coordinator'] },
      schema: {
        tags: ['issues'],
        summary: 'Add an issue to the taxonomy (province-wide coordinators)',
        body: createIssueBody,
        response: { 201: issueSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createIssue(db, request.actor, request.body, auditContextOf(request))),
  );

  app.patch(
    '/issues/:code',
    {
      config: { access: ['platform_admin', 'coordinator'] },
      schema: {
        tags: ['issues'],
        summary: 'Rename, reorder or retire an issue (province-wide coordinators)',
        params: issueParams,
        body: updateIssueBody,
        response: { 200: issueSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateIssue(db, request.actor, request.params.code, request.body, auditContextOf(request)),
  );
};
