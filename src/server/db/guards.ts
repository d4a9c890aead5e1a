/**
 * The two guards every registry write uses, written once: a human-readable key is free, and an
 * update applies only to the version the caller read (optimistic locking). Both throw AppError
 * with a stable code, so a route answers 409 with the same shape for every module.
 */
import type { Kysely, Updateable } from 'kysely';
import type { ErrorCode } from '../../shared/errors.ts';
import { AppError } from '../errors.ts';
import type { DB } from './types.ts';

/** Tables with a unique human-readable `key` column and a uuid `id`. */
type KeyedTable = 'organisations' | 'programs' | 'partnerships';

/** Tables with an `id` and an integer `version` bumped on every change. */
type VersionedTable = 'organisations' | 'programs' | 'partnerships';

/**
 * Throws `code` (e.g. PROGRAM_KEY_TAKEN) when another row already uses `key`. `exceptId` is the
 * row being edited, which may keep its own key. The unique index still catches a concurrent
 * insert; http/errors.ts maps that violation to the same code.
 */
export async function assertKeyFree(
  db: Kysely<DB>,
  table: KeyedTable,
  key: string,
  code: Extract<ErrorCode, `${string}_KEY_TAKEN`>,
  options: { exceptId?: string; path?: string } = {},
): Promise<void> {
  let query = db.selectFrom(table).select('id').where('key', '=', key);
  if (options.exceptId) query = query.where('id', '!=', options.exceptId);
  const taken = await query.executeTakeFirst();
  if (taken)
    throw new AppError(code, undefined, [{ path: options.path ?? 'body.key', message: 'already in use' }]);
}

/**
 * Applies `changes` to row `id` only while it still has `version`, bumping the version and
 * `updated_at`. Throws VERSION_CONFLICT when someone else saved in between (or the row is gone),
 * so two editors never overwrite each other silently.
 */
export async function updateWithVersion<T extends VersionedTable>(
  db: Kysely<DB>,
  table: T,
  id: string,
  version: number,
  changes: Updateable<DB[T]>,
): Promise<void> {
  // Kysely cannot narrow a generic table's columns; the constraint above keeps callers honest.
  // biome-ignore lint/suspicious/noExplicitAny: generic over three tables with the same columns
  const generic = db as unknown as Kysely<any>;
  const updated = await generic
    .updateTable(table as string)
    .set({ ...(changes as Record<string, unknown>), version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT');
}
