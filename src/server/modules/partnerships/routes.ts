/**
 * Partnerships (Kemitraan) and the durability measures. Handler order as everywhere:
 * schema → access (config.access) → one call to service.ts → reply (a write answers with
 * the agreement as the writer now sees it).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPartnershipBody,
  listPartnershipsQuery,
  organisationDurability,
  partnership,
  partnershipPage,
  partnershipStatusBody,
  partyResponseBody,
  updatePartnershipBody,
} from '../../../shared/contracts/partnerships.ts';
import { auditContextOf } from '../../http/auth.ts';
import { EDITORS, errorResponses, idParams, versionQuery } from '../../http/route-kit.ts';
import {
  answerForParty,
  changePartnershipStatus,
  createPartnership,
  deletePartnership,
  durabilityOfOrganisation,
  getPartnership,
  listPartnerships,
  updatePartnership,
} from './service.ts';

export const partnershipRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/partnerships',
    {
      config: { access: 'public' },
      schema: {
        tags: ['partnerships'],
        summary: 'Partnerships with their parties and durability measures',
        description: 'Drafts are seen by the parties, coordinators and administrators only.',
        querystring: listPartnershipsQuery,
        response: { 200: partnershipPage, ...errorResponses },
      },
    },
    async (request) => listPartnerships(db, request.actor, request.query),
  );

  app.get(
    '/partnerships/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['partnerships'],
        summary: 'One partnership: parties and commitments, lifecycle, renewal chain, programs, durability',
        params: idParams,
        response: { 200: partnership, ...errorResponses },
      },
    },
    async (request) => getPartnership(db, request.actor, request.params.id),
  );

  app.post(
    '/partnerships',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['partnerships'],
        summary: 'Record a partnership between two or more organisations',
        body: createPartnershipBody,
        response: { 201: partnership, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await createPartnership(db, request.actor, request.body, auditContextOf(request));
      return reply.status(201).send(await getPartnership(db, request.actor, id));
    },
  );

  app.put(
    '/partnerships/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['partnerships'],
        summary: 'Replace a partnership’s fields (send the version you edited)',
        params: idParams,
        body: updatePartnershipBody,
        response: { 200: partnership, ...errorResponses },
      },
    },
    async (request) => {
      await updatePartnership(db, request.actor, request.params.id, request.body, auditContextOf(request));
      return getPartnership(db, request.actor, request.params.id);
    },
  );

  app.post(
    '/partnerships/:id/status',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['partnerships'],
        summary: 'Move a partnership along draft → signed → active → expired, or terminate it',
        params: idParams,
        body: partnershipStatusBody,
        response: { 200: partnership, ...errorResponses },
      },
    },
    async (request) => {
      await changePartnershipStatus(
        db,
        request.actor,
        request.params.id,
        request.body,
        auditContextOf(request),
      );
      return getPartnership(db, request.actor, request.params.id);
    },
  );

  // A named party confirms or declines taking part (docs/partnerships.md).
  const partyParams = idParams.extend({ organisationId: z.uuid() }).strict();
  for (const [verb, confirmation] of [
    ['confirm', 'confirmed'],
    ['decline', 'declined'],
  ] as const) {
    app.post(
      `/partnerships/:id/parties/:organisationId/${verb}`,
      {
        config: { access: EDITORS },
        schema: {
          tags: ['partnerships'],
          summary:
            confirmation === 'confirmed'
              ? 'Confirm, for the organisation, that it is a party (send the version you saw)'
              : 'Decline, for the organisation, being a party (send the version you saw)',
          description:
            'By the organisation’s own administrators and editors, a coordinator of its area or a platform administrator.',
          params: partyParams,
          body: partyResponseBody,
          response: { 200: partnership, ...errorResponses },
        },
      },
      async (request) => {
        await answerForParty(
          db,
          request.actor,
          request.params.id,
          request.params.organisationId,
          { confirmation, version: request.body.version },
          auditContextOf(request),
        );
        return getPartnership(db, request.actor, request.params.id);
      },
    );
  }

  app.delete(
    '/partnerships/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['partnerships'],
        summary: 'Delete a draft partnership',
        params: idParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deletePartnership(
        db,
        request.actor,
        request.params.id,
        request.query.version,
        auditContextOf(request),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/organisations/:id/durability',
    {
      config: { access: 'public' },
      schema: {
        tags: ['partnerships'],
        summary: 'How lasting an organisation’s collaborations are (docs/partnerships.md)',
        params: idParams,
        response: { 200: organisationDurability, ...errorResponses },
      },
    },
    async (request) => durabilityOfOrganisation(db, request.actor, request.params.id),
  );
};
