/**
 * Sign-in throttling instead of account lockout (docs/access.md). One row per (account, source)
 * counts recent failed sign-ins from that source on that account; the row with source '*' counts
 * them for the account from every source. The account is named by a SHA-256 of its normalised
 * email (so unknown emails are throttled exactly like known ones, and the table holds no email),
 * the source by the client address (an IPv6 address by its /64). The users table's lockout
 * columns have no meaning any more and go. PostgreSQL 15 features only.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_throttles (
      account_key text not null,
      source text not null,
      failures integer not null default 0 check (failures >= 0),
      last_failure_at timestamptz not null default now(),
      -- No password is checked for this (account, source) before this time; null = no wait.
      blocked_until timestamptz,
      primary key (account_key, source)
    )`.execute(db);
  // Old rows are pruned by age (see throttle.ts).
  await sql`create index sign_in_throttles_age_idx on sign_in_throttles (last_failure_at)`.execute(db);
  await sql`alter table users drop column failed_login_count, drop column locked_until`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists sign_in_throttles`.execute(db);
  await sql`alter table users add column failed_login_count integer not null default 0, add column locked_until timestamptz`.execute(
    db,
  );
}
