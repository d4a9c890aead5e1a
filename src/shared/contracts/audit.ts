/** The audit trail as the API shows it to auditors. */
import { z } from 'zod';
import { pageOf, pagingQuery } from './common.ts';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  /** A lifecycle move (programs, partnerships): before/after hold the status. */
  'status',
  /** A named party's answer (partnerships): before/after hold the organisation and its confirmation. */
  'confirm_party',
  'decline_party',
  'delete',
  'verify',
  'import',
  'read_personal',
  'login',
  'login_failed',
  /** An alert: failed sign-ins crossed a throttle threshold (counts only, no email). */
  'sign_in_throttled',
  'logout',
  'password_change',
  'password_reset',
  'grant',
  'revoke',
] as const;

export const auditEntry = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorUserId: z.string().nullable(),
  actorLabel: z.string().describe('Email of the acting user, or "anonymous"/"system"'),
  action: z.enum(AUDIT_ACTIONS),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditPage = pageOf(auditEntry);

export const listAuditQuery = z
  .object({
    ...pagingQuery,
    action: z.enum(AUDIT_ACTIONS).optional(),
    entityType: z.string().trim().max(60).optional(),
    entityId: z.string().trim().max(100).optional(),
    actor: z.string().trim().max(200).optional().describe('Part of the actor email'),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict();

export const chainVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type ChainVerification = z.infer<typeof chainVerification>;
