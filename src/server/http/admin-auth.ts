/**
 * Interim guard for administrative endpoints until accounts and roles exist (issue
 * "Organisations, accounts and access"): a bearer token from ADMIN_TOKEN. Without the
 * variable the endpoints are switched off rather than open.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export function adminTokenGuard(adminToken: string | null) {
  const expected = adminToken ? Buffer.from(adminToken) : null;
  return async function requireAdmin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (!expected) throw new AppError('ADMIN_API_DISABLED');
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <ADMIN_TOKEN>');
    const given = Buffer.from(match[1] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppError('FORBIDDEN', 'The admin token is not valid');
    }
  };
}
