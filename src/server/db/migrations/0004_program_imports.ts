/**
 * Program recap imports in progress: the uploaded workbook's cells, kept while the user
 * maps columns and resolves problems, then the commit job's state and progress. Rows
 * expire after a day (the cells are dropped then; the row answers "expired" a while
 * longer). PostgreSQL 15 features only.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table program_import_sessions (
      id uuid primary key default gen_random_uuid(),
      -- null for the admin token, which has no user.
      owner_user_id uuid references users(id) on delete cascade,
      file_name text not null,
      -- The parsed cell grid of every sheet (read-workbook.ts); null once expired.
      workbook jsonb,
      state text not null default 'uploaded' check (state in ('uploaded','queued','running','done','failed')),
      -- The mapping body the commit was accepted with, and who committed (for the audit entries).
      mapping jsonb,
      audit_context jsonb,
      progress_done integer not null default 0,
      progress_total integer not null default 0,
      result jsonb,
      error jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index program_import_sessions_owner_idx on program_import_sessions (owner_user_id, created_at desc)`.execute(
    db,
  );
  await sql`create index program_import_sessions_expiry_idx on program_import_sessions (expires_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists program_import_sessions`.execute(db);
}
