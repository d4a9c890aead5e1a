/**
 * Areas (wilayah), their boundaries and area statistics.
 * Runs unchanged on PostgreSQL 15–18 and PGlite: no features newer than 15.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Trusted extensions (PG ≥ 13): a database owner may create them without superuser.
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists fuzzystrmatch`.execute(db);

  await sql`
    create table areas (
      code text primary key check (code ~ '^[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?$'),
      parent_code text references areas(code),
      province_code text not null,
      level text not null check (level in ('province', 'regency', 'district', 'village')),
      kind text not null check (kind in ('province', 'kabupaten', 'kota', 'kecamatan', 'desa', 'kelurahan')),
      name text not null,
      name_search text not null,
      bps_code text,
      valid_from date,
      valid_to date,
      successor_codes text[] not null default '{}',
      source text not null,
      updated_at timestamptz not null default now(),
      check ((level = 'province') = (parent_code is null))
    )`.execute(db);
  await sql`create index areas_parent_idx on areas (parent_code, name)`.execute(db);
  await sql`create index areas_level_idx on areas (level, code)`.execute(db);
  // text_pattern_ops lets "code like '52.03.%'" (descendants) use the index whatever the collation.
  await sql`create index areas_code_prefix_idx on areas (code text_pattern_ops)`.execute(db);
  await sql`create index areas_name_trgm_idx on areas using gin (name_search gin_trgm_ops)`.execute(db);

  await sql`
    create table area_boundaries (
      area_code text primary key references areas(code) on delete cascade,
      level text not null,
      geometry jsonb not null,
      geometry_simplified jsonb not null,
      centroid_lng double precision,
      centroid_lat double precision,
      source text not null,
      imported_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index area_boundaries_level_idx on area_boundaries (level, area_code text_pattern_ops)`.execute(
    db,
  );

  await sql`
    create table area_statistics (
      area_code text not null references areas(code) on delete cascade,
      indicator text not null,
      year integer not null check (year between 1900 and 2100),
      value numeric not null,
      unit text not null,
      source text not null,
      primary key (area_code, indicator, year)
    )`.execute(db);

  await sql`
    create table app_meta (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists app_meta, area_statistics, area_boundaries, areas`.execute(db);
}
