/** Writing checkpoints and checking the chain against the latest one (signature.ts says why they exist). */
import type { Kysely } from 'kysely';
import type { AuditCheckpoint, ChainVerification } from '../../../shared/contracts/audit.ts';
import type { DB } from '../../db/types.ts';
import { presentCheckpoint } from './presenters.ts';
import { insertCheckpoint, latestCheckpoint } from './queries.ts';
import { signCheckpoint } from './signature.ts';
import { walkAuditChain } from './verify-chain.ts';

/**
 * Verifies the whole chain and, only if it is intact, signs and stores a checkpoint of the
 * head it reached (entries appended meanwhile come after that head, as they should). A broken
 * chain gets no checkpoint: signing it would vouch for the damage.
 */
export async function writeCheckpoint(
  db: Kysely<DB>,
  key: string,
): Promise<{ verification: ChainVerification; checkpoint: AuditCheckpoint | null }> {
  const { verification, head } = await walkAuditChain(db);
  if (!verification.ok) return { verification, checkpoint: null };
  const checkpoint = signCheckpoint(head, new Date(), key);
  const row = await insertCheckpoint(db, {
    created_at: new Date(checkpoint.createdAt),
    sequence: checkpoint.sequence,
    entry_id: checkpoint.entryId,
    hash: checkpoint.hash,
    signature: checkpoint.signature,
  });
  return { verification, checkpoint: presentCheckpoint(row) };
}

/** The chain check the verify route and a plain `audit:verify` run: against the latest stored checkpoint. */
export async function verifyAgainstLatestCheckpoint(
  db: Kysely<DB>,
  key: string | null,
): Promise<ChainVerification> {
  const stored = await latestCheckpoint(db);
  const checkpoint = stored ? presentCheckpoint(stored) : undefined;
  return (await walkAuditChain(db, { checkpoint, key })).verification;
}
