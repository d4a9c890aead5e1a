/**
 * Kysely table types. One interface per table; columns named as in SQL (snake_case)
 * and mapped to API shapes only by presenters.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AreasTable {
  code: string;
  parent_code: string | null;
  province_code: string;
  level: 'province' | 'regency' | 'district' | 'village';
  kind: 'province' | 'kabupaten' | 'kota' | 'kecamatan' | 'desa' | 'kelurahan';
  name: string;
  /** Lower-cased, accent-free name for trigram search (see normalizeAreaName). */
  name_search: string;
  bps_code: string | null;
  /** ISO dates (parsed as text to avoid time-zone shifts). */
  valid_from: string | null;
  valid_to: string | null;
  successor_codes: ColumnType<string[], string[] | undefined, string[]>;
  source: string;
  updated_at: Timestamp;
}

export interface AreaBoundariesTable {
  area_code: string;
  level: 'province' | 'regency' | 'district' | 'village';
  /** GeoJSON geometry as imported (WGS84 lng/lat). */
  geometry: ColumnType<unknown, string, string>;
  /** Simplified for web maps at this level. */
  geometry_simplified: ColumnType<unknown, string, string>;
  centroid_lng: number | null;
  centroid_lat: number | null;
  source: string;
  imported_at: Timestamp;
}

export interface AreaStatisticsTable {
  area_code: string;
  indicator: string;
  year: number;
  value: number;
  unit: string;
  source: string;
}

export interface AppMetaTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
}

export interface DB {
  areas: AreasTable;
  area_boundaries: AreaBoundariesTable;
  area_statistics: AreaStatisticsTable;
  app_meta: AppMetaTable;
}
