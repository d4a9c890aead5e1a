/**
 * Programs (4W+: who does what, where, when, for whom, with how much), partnerships
 * (Kemitraan) and the who-does-what-where fact table the map and dashboard read.
 * PostgreSQL 15 features only.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table programs (
      id uuid primary key default gen_random_uuid(),
      -- Stable identity for re-imports: the owner's own reference ("CSR-2025-014") or a
      -- key derived from owner + title + period by the importer.
      key text not null unique,
      owner_org_id uuid not null references organisations(id),
      title text not null check (length(title) between 3 and 300),
      description text,
      status text not null default 'draft' check (status in ('draft','planned','active','completed','cancelled')),
      planned_at date,
      started_at date,
      completed_at date,
      cancelled_at date,
      period_start date not null,
      period_end date not null,
      budget_planned bigint not null default 0 check (budget_planned >= 0),
      budget_realised bigint check (budget_realised >= 0),
      modality text not null check (modality in ('cash','in_kind','service','productive_asset','training','infrastructure')),
      -- Derived, never typed: see docs/programs.md for why each modality is productive or not.
      productive boolean generated always as (modality in ('productive_asset','training','infrastructure')) stored,
      target_households integer check (target_households >= 0),
      target_persons integer check (target_persons >= 0),
      reached_households integer check (reached_households >= 0),
      reached_persons integer check (reached_persons >= 0),
      documents jsonb not null default '[]',
      source text not null default 'form' check (source in ('form','import','generator')),
      created_by_user_id uuid references users(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (period_end >= period_start)
    )`.execute(db);
  await sql`create index programs_owner_idx on programs (owner_org_id, period_start desc)`.execute(db);
  await sql`create index programs_status_idx on programs (status, period_start desc)`.execute(db);
  await sql`create index programs_period_idx on programs (period_start desc, id)`.execute(db);
  await sql`create index programs_title_trgm_idx on programs using gin (lower(title) gin_trgm_ops)`.execute(
    db,
  );

  await sql`
    create table program_issues (
      program_id uuid not null references programs(id) on delete cascade,
      issue_code text not null references issues(code),
      primary key (program_id, issue_code)
    )`.execute(db);
  await sql`create index program_issues_issue_idx on program_issues (issue_code, program_id)`.execute(db);

  await sql`
    create table program_villages (
      program_id uuid not null references programs(id) on delete cascade,
      village_code text not null references areas(code),
      target_households integer check (target_households >= 0),
      target_persons integer check (target_persons >= 0),
      primary key (program_id, village_code)
    )`.execute(db);
  await sql`create index program_villages_village_idx on program_villages (village_code text_pattern_ops, program_id)`.execute(
    db,
  );

  await sql`
    create table program_partners (
      program_id uuid not null references programs(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      role text not null check (role in ('funder','implementer','technical','advocacy_media')),
      contribution_money bigint check (contribution_money >= 0),
      contribution_in_kind text,
      primary key (program_id, organisation_id, role)
    )`.execute(db);
  await sql`create index program_partners_org_idx on program_partners (organisation_id, program_id)`.execute(
    db,
  );

  await sql`
    create table partnerships (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      title text not null check (length(title) between 3 and 300),
      description text,
      agreement_type text not null check (agreement_type in ('mou','pks','commitment_letter','informal')),
      agreement_number text,
      status text not null default 'draft' check (status in ('draft','signed','active','expired','terminated')),
      signed_on date,
      starts_on date,
      ends_on date,
      terminated_on date,
      renews_id uuid references partnerships(id),
      documents jsonb not null default '[]',
      created_by_org_id uuid references organisations(id),
      source text not null default 'form' check (source in ('form','import','generator')),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on is null or starts_on is null or ends_on >= starts_on),
      check (renews_id is null or renews_id <> id)
    )`.execute(db);
  await sql`create index partnerships_renews_idx on partnerships (renews_id)`.execute(db);
  await sql`create index partnerships_status_idx on partnerships (status, starts_on desc)`.execute(db);

  await sql`
    create table partnership_parties (
      partnership_id uuid not null references partnerships(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      role text not null check (role in ('lead','funder','implementer','technical','advocacy_media','government_counterpart')),
      commitment_money bigint check (commitment_money >= 0),
      commitment_in_kind text,
      commitment_expertise text,
      commitment_months integer check (commitment_months between 1 and 600),
      primary key (partnership_id, organisation_id)
    )`.execute(db);
  await sql`create index partnership_parties_org_idx on partnership_parties (organisation_id)`.execute(db);

  await sql`
    create table partnership_programs (
      partnership_id uuid not null references partnerships(id) on delete cascade,
      program_id uuid not null references programs(id) on delete cascade,
      primary key (partnership_id, program_id)
    )`.execute(db);
  await sql`create index partnership_programs_program_idx on partnership_programs (program_id)`.execute(db);

  // The who-does-what-where fact table: one row per (program, area, year) for every
  // non-draft program, at every level its villages roll up to (province, kabupaten,
  // kecamatan, village), and year 0 for the whole period. Written in the same
  // transaction as the program, so the map and dashboard never join or scan the base
  // tables, and a program counts once per cell (count(*) = programs, sum = rupiah).
  await sql`
    create table program_area_facts (
      program_id uuid not null references programs(id) on delete cascade,
      -- Byte order ("C") groups and sorts the ASCII Kemendagri codes several times faster
      -- than a linguistic collation, and orders them the same way.
      area_code text collate "C" not null,
      level text not null check (level in ('province','regency','district','village')),
      year smallint not null,
      owner_org_id uuid not null,
      owner_type text not null,
      modality text not null,
      productive boolean not null,
      status text not null,
      issues text[] not null,
      org_ids uuid[] not null,
      budget_planned bigint not null,
      budget_realised bigint not null,
      target_households integer not null,
      reached_households integer not null,
      primary key (program_id, level, area_code, year)
    ) partition by list (level)`.execute(db);
  // One partition per level, each split into the whole-period rows (year 0, what the map
  // shows by default) and the per-year rows: a map or dashboard request reads one small,
  // dense partition instead of visiting every page of one big table.
  for (const level of ['province', 'regency', 'district', 'village']) {
    await sql`
      create table ${sql.raw(`program_area_facts_${level}`)} partition of program_area_facts
      for values in (${sql.lit(level)}) partition by list (year)`.execute(db);
    await sql`
      create table ${sql.raw(`program_area_facts_${level}_period`)} partition of ${sql.raw(`program_area_facts_${level}`)}
      for values in (0)`.execute(db);
    await sql`
      create table ${sql.raw(`program_area_facts_${level}_years`)} partition of ${sql.raw(`program_area_facts_${level}`)}
      default`.execute(db);
  }
  await sql`create index program_area_facts_cell_idx on program_area_facts (level, year, area_code)`.execute(
    db,
  );
  // No GIN index on `issues`: a map request already reads one level/period partition, where
  // an issue filter is a cheap row check, and the index made every program write and bulk
  // load markedly slower.

  // Bumped in every transaction that changes fact rows: the map/dashboard response cache
  // is keyed by it, so a cached answer is never older than the facts it came from, on
  // one server or several.
  await sql`
    create table program_facts_version (
      id smallint primary key default 1 check (id = 1),
      version bigint not null
    )`.execute(db);
  await sql`insert into program_facts_version (id, version) values (1, 1)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists program_facts_version, program_area_facts, partnership_programs, partnership_parties, partnerships, program_partners, program_villages, program_issues, programs cascade`.execute(
    db,
  );
}
