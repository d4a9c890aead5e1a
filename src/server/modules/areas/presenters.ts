/** Rows never leave the server as they are: these functions decide the API shape. */
import type { Selectable } from 'kysely';
import type { Area, AreaStatistic, AreaSummary } from '../../../shared/contracts/areas.ts';
import type { AreaStatisticsTable, AreasTable } from '../../db/types.ts';
import type { AreaRow } from './queries.ts';

export function presentAreaSummary(
  row: Pick<Selectable<AreasTable>, 'code' | 'name' | 'level' | 'kind' | 'parent_code'>,
): AreaSummary {
  return { code: row.code, name: row.name, level: row.level, kind: row.kind, parentCode: row.parent_code };
}

export function presentArea(row: AreaRow): Area {
  return {
    ...presentAreaSummary(row),
    bpsCode: row.bps_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    successorCodes: row.successor_codes ?? [],
    hasBoundary: row.has_boundary,
    villageCount: row.village_count,
    centroid:
      row.centroid_lng !== null && row.centroid_lat !== null ? [row.centroid_lng, row.centroid_lat] : null,
  };
}

export function presentStatistic(row: Selectable<AreaStatisticsTable>): AreaStatistic {
  return { indicator: row.indicator, year: row.year, value: row.value, unit: row.unit, source: row.source };
}
