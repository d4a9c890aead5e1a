/**
 * SQL for areas and boundaries. Descendants are found by code prefix
 * (`code like '52.03.%'`), which the text_pattern_ops index serves.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { AreaKind, AreaLevel } from '../../../shared/area-code.ts';
import type { AreaBoundariesTable, AreaStatisticsTable, AreasTable, DB } from '../../db/types.ts';
import type { Paging } from '../../paging.ts';
import { escapeLike } from '../../policies/scope-filter.ts';

export type AreaRow = Selectable<AreasTable> & {
  has_boundary: boolean;
  village_count: number | null;
  centroid_lng: number | null;
  centroid_lat: number | null;
};

/** Escapes LIKE wildcards; codes never contain them, but defence costs nothing. */
const prefixPattern = (code: string) => `${escapeLike(code)}.%`;

function selectAreas(db: Kysely<DB>) {
  return db
    .selectFrom('areas as a')
    .leftJoin('area_boundaries as b', 'b.area_code', 'a.code')
    .selectAll('a')
    .select([
      sql<boolean>`b.area_code is not null`.as('has_boundary'),
      // Served by the code prefix index; skipped for villages, which have none under them.
      sql<number | null>`case when a.level = 'village' then null else (
        select count(*) from areas v
        where v.level = 'village' and v.valid_to is null and v.code like a.code || '.%') end`.as(
        'village_count',
      ),
      'b.centroid_lng',
      'b.centroid_lat',
    ]);
}

export async function findArea(db: Kysely<DB>, code: string): Promise<AreaRow | undefined> {
  return selectAreas(db).where('a.code', '=', code).executeTakeFirst();
}

export async function findAreasByCode(db: Kysely<DB>, codes: string[]): Promise<Selectable<AreasTable>[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('areas').selectAll().where('code', 'in', codes).execute();
}

export interface AreaFilter {
  within?: string | undefined;
  parent?: string | undefined;
  level?: AreaLevel | undefined;
  kind?: AreaKind | undefined;
  includeRetired?: boolean | undefined;
}

export async function listAreas(
  db: Kysely<DB>,
  filter: AreaFilter,
  paging: Paging,
): Promise<{ rows: AreaRow[]; total: number }> {
  let query = selectAreas(db);
  let count = db.selectFrom('areas as a').select(db.fn.countAll<number>().as('n'));
  if (filter.within) {
    query = query.where('a.code', 'like', prefixPattern(filter.within));
    count = count.where('a.code', 'like', prefixPattern(filter.within));
  }
  if (filter.parent) {
    query = query.where('a.parent_code', '=', filter.parent);
    count = count.where('a.parent_code', '=', filter.parent);
  }
  if (filter.level) {
    query = query.where('a.level', '=', filter.level);
    count = count.where('a.level', '=', filter.level);
  }
  if (filter.kind) {
    query = query.where('a.kind', '=', filter.kind);
    count = count.where('a.kind', '=', filter.kind);
  }
  if (!filter.includeRetired) {
    query = query.where('a.valid_to', 'is', null);
    count = count.where('a.valid_to', 'is', null);
  }
  const [rows, totalRow] = await Promise.all([
    query.orderBy('a.code').limit(paging.limit).offset(paging.offset).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: totalRow.n };
}

export async function descendantCounts(
  db: Kysely<DB>,
  code: string,
): Promise<Array<{ level: AreaLevel; kind: AreaKind; count: number }>> {
  return db
    .selectFrom('areas')
    .select(['level', 'kind', db.fn.countAll<number>().as('count')])
    .where('code', 'like', prefixPattern(code))
    .where('valid_to', 'is', null)
    .groupBy(['level', 'kind'])
    .orderBy('level')
    .orderBy('kind')
    .execute();
}

export async function statisticsOf(db: Kysely<DB>, code: string): Promise<Selectable<AreaStatisticsTable>[]> {
  return db
    .selectFrom('area_statistics')
    .selectAll()
    .where('area_code', '=', code)
    .orderBy('indicator')
    .orderBy('year', 'desc')
    .execute();
}

export interface SearchRow {
  code: string;
  name: string;
  level: AreaLevel;
  kind: AreaKind;
  parent_code: string | null;
  score: number;
}

/**
 * Trigram search on the normalised name: `%` (whole-name similarity) catches typos,
 * `<%` (word similarity) catches a word inside a longer name ("timur" in
 * "kabupaten lombok timur"), and a substring match catches short fragments.
 */
export async function searchAreas(
  db: Kysely<DB>,
  query: string,
  options: { within?: string | undefined; level?: AreaLevel | undefined; limit: number },
): Promise<SearchRow[]> {
  const like = `%${escapeLike(query)}%`;
  const { rows } = await sql<SearchRow>`
    select code, name, level, kind, parent_code,
           greatest(similarity(name_search, ${query}), word_similarity(${query}, name_search),
                    case when name_search like ${like} then 0.9 else 0 end)::float8 as score
    from areas
    where (name_search % ${query} or ${query} <% name_search or name_search like ${like})
      and valid_to is null
      ${options.within ? sql`and code like ${prefixPattern(options.within)}` : sql``}
      ${options.level ? sql`and level = ${options.level}` : sql``}
    order by score desc,
             case when name_search = ${query} then 0 else 1 end,
             array_position(array['province','regency','district','village'], level),
             name
    limit ${options.limit}`.execute(db);
  return rows;
}

export interface BoundaryRow {
  code: string;
  name: string;
  kind: AreaKind;
  level: AreaLevel;
  parent_code: string | null;
  geometry: unknown | null;
}

/** Areas of one level (optionally under `within`) with their simplified polygons, if any. */
export async function boundariesFor(
  db: Kysely<DB>,
  level: AreaLevel,
  within: string | undefined,
): Promise<BoundaryRow[]> {
  let query = db
    .selectFrom('areas as a')
    .leftJoin('area_boundaries as b', 'b.area_code', 'a.code')
    .select(['a.code', 'a.name', 'a.kind', 'a.level', 'a.parent_code', 'b.geometry_simplified as geometry'])
    .where('a.level', '=', level)
    .where('a.valid_to', 'is', null);
  if (within) query = query.where('a.code', 'like', prefixPattern(within));
  return query.orderBy('a.code').execute() as Promise<BoundaryRow[]>;
}

/** Changes whenever boundaries are imported; used to key the in-process GeoJSON cache. */
export async function boundaryVersion(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('area_boundaries')
    .select([db.fn.countAll<number>().as('n'), db.fn.max('imported_at').as('last')])
    .executeTakeFirstOrThrow();
  return `${row.n}:${row.last ? new Date(row.last as Date).toISOString() : '-'}`;
}

export async function boundaryStatus(db: Kysely<DB>) {
  const levels = await db
    .selectFrom('areas as a')
    .leftJoin('area_boundaries as b', 'b.area_code', 'a.code')
    .select([
      'a.level',
      db.fn.countAll<number>().as('areas'),
      sql<number>`count(b.area_code)`.as('withBoundary'),
    ])
    .where('a.valid_to', 'is', null)
    .groupBy('a.level')
    .execute();
  const last = await db
    .selectFrom('area_boundaries')
    .select(db.fn.max('imported_at').as('last'))
    .executeTakeFirst();
  return { levels, lastImportedAt: last?.last ? new Date(last.last as Date).toISOString() : null };
}

export type BoundaryInsert = Pick<
  AreaBoundariesTable,
  'area_code' | 'level' | 'centroid_lng' | 'centroid_lat' | 'source'
> & { geometry: string; geometry_simplified: string };
