/**
 * Organisations (Mitra), issue taxonomy, accounts, sessions, memberships and the
 * append-only, hash-chained audit log. PostgreSQL 15 features only.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists citext`.execute(db);

  await sql`
    create table issues (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,40}$'),
      name_id text not null,
      name_en text not null,
      description_id text,
      description_en text,
      sort_order integer not null default 100,
      active boolean not null default true,
      updated_at timestamptz not null default now()
    )`.execute(db);
  for (const [code, nameId, nameEn, sortOrder] of SEEDED_ISSUES) {
    await sql`insert into issues (code, name_id, name_en, sort_order) values (${code}, ${nameId}, ${nameEn}, ${sortOrder})`.execute(
      db,
    );
  }

  await sql`
    create table organisations (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      legal_name text not null,
      short_name text,
      name_search text not null,
      type text not null check (type in ('government','bumn_bumd','private_company','philanthropy','university','ngo','media','lkks')),
      level text check (level in ('province','regency')),
      parent_id uuid references organisations(id),
      area_code text not null references areas(code),
      address text,
      website text,
      description text,
      offers text[] not null default '{}',
      contacts jsonb not null default '[]',
      verification_status text not null default 'unverified' check (verification_status in ('unverified','verified','rejected')),
      registered_by_org_id uuid references organisations(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index organisations_area_idx on organisations (area_code text_pattern_ops)`.execute(db);
  await sql`create index organisations_type_idx on organisations (type, legal_name)`.execute(db);
  await sql`create index organisations_name_trgm_idx on organisations using gin (name_search gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index organisations_offers_idx on organisations using gin (offers)`.execute(db);

  await sql`
    create table organisation_issues (
      organisation_id uuid not null references organisations(id) on delete cascade,
      issue_code text not null references issues(code),
      primary key (organisation_id, issue_code)
    )`.execute(db);
  await sql`create index organisation_issues_issue_idx on organisation_issues (issue_code)`.execute(db);

  await sql`
    create table organisation_coverage (
      organisation_id uuid not null references organisations(id) on delete cascade,
      area_code text not null references areas(code),
      primary key (organisation_id, area_code)
    )`.execute(db);
  await sql`create index organisation_coverage_area_idx on organisation_coverage (area_code text_pattern_ops)`.execute(
    db,
  );

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email citext not null unique,
      name text not null,
      password_hash text not null,
      active boolean not null default true,
      must_change_password boolean not null default false,
      failed_login_count integer not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table memberships (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      role text not null check (role in ('platform_admin','coordinator','org_admin','org_editor','viewer','field_facilitator','auditor')),
      area_scope text references areas(code),
      created_at timestamptz not null default now(),
      unique (user_id, organisation_id, role)
    )`.execute(db);
  await sql`create index memberships_org_idx on memberships (organisation_id)`.execute(db);

  // Sessions live in the database so several server instances can share them.
  // The cookie holds a random token; only its SHA-256 is stored.
  await sql`
    create table sessions (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);
  await sql`create index sessions_expiry_idx on sessions (expires_at)`.execute(db);

  await sql`
    create table audit_log (
      id bigserial primary key,
      occurred_at timestamptz not null default now(),
      actor_user_id uuid,
      actor_label text not null,
      action text not null,
      entity_type text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      ip text,
      request_id text,
      prev_hash text not null,
      hash text not null unique
    )`.execute(db);
  await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id)`.execute(db);
  await sql`create index audit_log_time_idx on audit_log (occurred_at)`.execute(db);
  // Append-only in the database too: the application never updates or deletes audit
  // rows, and this trigger stops anyone who tries through SQL without disabling it first
  // (which the hash chain then exposes).
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists audit_log, sessions, memberships, users, organisation_coverage, organisation_issues, organisations, issues cascade`.execute(
    db,
  );
  await sql`drop function if exists audit_log_append_only`.execute(db);
}

/** The seeded issue taxonomy (editable later by coordinators). */
export const SEEDED_ISSUES: Array<[string, string, string, number]> = [
  ['kemiskinan_ekstrem', 'Kemiskinan ekstrem', 'Extreme poverty', 10],
  ['tengkes', 'Tengkes (stunting)', 'Stunting', 20],
  ['perkawinan_anak', 'Perkawinan anak', 'Child marriage', 30],
  ['odgj', 'ODGJ (orang dengan gangguan jiwa)', 'People with mental disorders (ODGJ)', 40],
  ['disabilitas', 'Disabilitas', 'Disability', 50],
  ['lansia', 'Lansia', 'Older people', 60],
  ['anak_terlantar', 'Anak terlantar', 'Neglected children', 70],
  ['pendidikan', 'Pendidikan', 'Education', 80],
  ['kesehatan', 'Kesehatan', 'Health', 90],
  ['pemberdayaan_ekonomi', 'Pemberdayaan ekonomi', 'Economic empowerment', 100],
  ['perumahan_rtlh', 'Perumahan / RTLH', 'Housing / unfit homes (RTLH)', 110],
  ['kebencanaan', 'Kebencanaan', 'Disaster response', 120],
];
