/** The audit trail, read-only for auditors and platform administrators. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { auditPage, chainVerification, listAuditQuery } from '../../../shared/contracts/audit.ts';
import { errorBody } from '../../../shared/contracts/common.ts';
import { pageOf } from '../../http/paging.ts';
import { verifyAuditChain } from './verify-chain.ts';

const AUDIT_READERS = ['auditor', 'platform_admin'] as const;
const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/audit',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit trail, newest first',
        querystring: listAuditQuery,
        response: { 200: auditPage, ...errors },
      },
    },
    async (request) => {
      const { limit, offset, action, entityType, entityId, actor, from, to } = request.query;
      let base = db.selectFrom('audit_log');
      if (action) base = base.where('action', '=', action);
      if (entityType) base = base.where('entity_type', '=', entityType);
      if (entityId) base = base.where('entity_id', '=', entityId);
      if (actor)
        base = base.where(
          sql`lower(actor_label)`,
          'like',
          `%${actor.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`,
        );
      if (from) base = base.where('occurred_at', '>=', new Date(`${from}T00:00:00Z`));
      if (to)
        base = base.where('occurred_at', '<', new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000));
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return pageOf(
        rows.map((r) => ({
          id: r.id,
          occurredAt: new Date(r.occurred_at).toISOString(),
          actorUserId: r.actor_user_id,
          actorLabel: r.actor_label,
          action: r.action as z.infer<typeof auditPage>['items'][number]['action'],
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before ?? null,
          after: r.after ?? null,
          ip: r.ip,
          requestId: r.request_id,
          hash: r.hash,
        })),
        { limit, offset },
        total.n,
      );
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain and report the first broken link',
        querystring: z.object({}).strict(),
        response: { 200: chainVerification, ...errors },
      },
    },
    async () => verifyAuditChain(db),
  );
};
