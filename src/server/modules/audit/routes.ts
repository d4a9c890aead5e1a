/** The audit trail, read-only for auditors and platform administrators (policies/audit.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditPage, chainVerification, listAuditQuery } from '../../../shared/contracts/audit.ts';
import { errorResponses } from '../../http/route-kit.ts';
import { pageOf } from '../../paging.ts';
import { AUDIT_READERS } from '../../policies/audit.ts';
import { verifyAgainstLatestCheckpoint } from './checkpoint.ts';
import { browseAudit } from './service.ts';

export interface AuditRouteOptions {
  /** AUDIT_CHECKPOINT_KEY: checks the signature of the latest stored checkpoint; null = not configured. */
  checkpointKey: string | null;
}

export const auditRoutes: FastifyPluginAsyncZod<AuditRouteOptions> = async (app, options) => {
  const db = app.database.db;

  app.get(
    '/audit',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit trail, newest first',
        querystring: listAuditQuery,
        response: { 200: auditPage, ...errorResponses },
      },
    },
    async (request) => {
      const { items, total } = await browseAudit(db, request.query);
      return pageOf(items, request.query, total);
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags: ['audit'],
        summary:
          'Recompute the hash chain, report the first broken link, and compare the chain with the latest signed checkpoint',
        querystring: z.object({}).strict(),
        response: { 200: chainVerification, ...errorResponses },
      },
    },
    async () => verifyAgainstLatestCheckpoint(db, options.checkpointKey),
  );
};
