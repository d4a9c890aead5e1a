/**
 * Signed checkpoints of the chain's head. A hash chain shows a changed, inserted or removed
 * entry anywhere but at the end: cutting off the last entries leaves a shorter chain that is
 * still valid. A checkpoint, signed with AUDIT_CHECKPOINT_KEY (which lives in the server's
 * configuration, not in the database) and exported as a file, records how long the chain was
 * and what its last hash was; verifying against it exposes a chain cut below that point.
 * HMAC-SHA-256: whoever holds the key can check a checkpoint, and someone with only database
 * access can neither forge one nor alter a stored one unnoticed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type AuditCheckpoint, auditCheckpoint, CHECKPOINT_FORMAT } from '../../../shared/contracts/audit.ts';
import { canonicalJson } from './record-audit.ts';

/** The head a checkpoint anchors: the chain's length and its last entry. */
export interface ChainHead {
  sequence: number;
  entryId: number | null;
  hash: string;
}

function signature(checkpoint: Omit<AuditCheckpoint, 'signature'>, key: string): string {
  const signed = canonicalJson({
    format: checkpoint.format,
    createdAt: checkpoint.createdAt,
    sequence: checkpoint.sequence,
    entryId: checkpoint.entryId,
    hash: checkpoint.hash,
  });
  return createHmac('sha256', key).update(signed).digest('hex');
}

export function signCheckpoint(head: ChainHead, createdAt: Date, key: string): AuditCheckpoint {
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    createdAt: createdAt.toISOString(),
    sequence: head.sequence,
    entryId: head.entryId,
    hash: head.hash,
  } as const;
  return { ...unsigned, signature: signature(unsigned, key) };
}

export function checkpointSignatureMatches(checkpoint: AuditCheckpoint, key: string): boolean {
  const expected = Buffer.from(signature(checkpoint, key), 'hex');
  const given = Buffer.from(checkpoint.signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class CheckpointFileError extends Error {}

/** A checkpoint file as `audit:checkpoint` writes it; a clear message for anything else. */
export function parseCheckpointFile(text: string): AuditCheckpoint {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CheckpointFileError('the checkpoint file is not JSON');
  }
  const parsed = auditCheckpoint.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CheckpointFileError(
      `the checkpoint file is not a Simpul audit checkpoint (${issue?.path.join('.') || 'file'}: ${issue?.message})`,
    );
  }
  return parsed.data;
}
