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
  actorLabel: z
    .string()
    .describe(
      'Email of the acting user as it was when they acted, or "anonymous", "system", "admin-token", "import"',
    ),
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
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

/**
 * A signed anchor of the chain's head (`simpul audit:checkpoint`): the chain had `sequence`
 * entries, the last being `entryId` with `hash`. Kept in the database and exported as a file.
 */
export const CHECKPOINT_FORMAT = 'simpul-audit-checkpoint/1';
export const auditCheckpoint = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    createdAt: z.iso.datetime(),
    sequence: z.number().int().min(0),
    entryId: z.number().int().nullable(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** HMAC-SHA-256 (hex) of the other fields' canonical JSON with AUDIT_CHECKPOINT_KEY. */
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type AuditCheckpoint = z.infer<typeof auditCheckpoint>;

export const chainVerification = z.object({
  /** The chain is intact and, when a checkpoint was compared, agrees with it. */
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** Present when a checkpoint was compared (the latest stored one, or a file given to the CLI). */
  checkpoint: z
    .object({
      createdAt: z.string(),
      sequence: z.number().int(),
      entryId: z.number().int().nullable(),
      ok: z.boolean(),
      reason: z.string().nullable(),
    })
    .optional(),
});
export type ChainVerification = z.infer<typeof chainVerification>;
