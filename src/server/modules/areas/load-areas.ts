/**
 * Loads the Kemendagri hierarchy of one province from the `idn-area-data` package
 * (Kepmendagri 300.2.2-2138/2025, ODbL). We read its CSV files directly rather than
 * calling its JavaScript API, so the package's Node ≥ 22 requirement for v4 does
 * not bind us and the 2025 name corrections (e.g. "Selaparang") are kept.
 *
 * Loading is an upsert in one transaction: re-running it changes nothing; a code
 * that disappears from the source is retired (valid_to set), never deleted, so
 * history that refers to it keeps working.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Kysely, sql } from 'kysely';
import { kindOfCode, levelOfCode, normalizeAreaName, parentCode } from '../../../shared/area-code.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';

export const AREA_SOURCE = 'idn-area-data 4.0.1 (Kepmendagri 300.2.2-2138/2025)';
/** Codes of the 2025 Kepmendagri list take effect from its year. */
const VALID_FROM = '2025-01-01';

interface SourceRow {
  code: string;
  name: string;
}

function dataFolder(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
}

function readCsv(file: string, parentColumn: string | null, provinceCode: string): SourceRow[] {
  const records = parse(readFileSync(path.join(dataFolder(), file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Array<Record<string, string>>;
  return records
    .filter((r) => (parentColumn ? (r.code ?? '').startsWith(`${provinceCode}.`) : r.code === provinceCode))
    .map((r) => ({ code: String(r.code), name: String(r.name).trim() }));
}

export interface LoadAreasResult {
  province: string;
  byLevel: Record<string, number>;
  retired: number;
}

/** Rows of the source for one province, parents before children. */
export function readProvinceSource(provinceCode: string): SourceRow[] {
  if (!/^\d{2}$/.test(provinceCode)) {
    throw new AppError('AREA_CODE_MALFORMED', `Province code must be two digits (got "${provinceCode}")`);
  }
  const province = readCsv('provinces.csv', null, provinceCode);
  if (province.length === 0)
    throw new AppError('AREA_NOT_FOUND', `No province ${provinceCode} in the source`);
  return [
    ...province,
    ...readCsv('regencies.csv', 'province_code', provinceCode),
    ...readCsv('districts.csv', 'regency_code', provinceCode),
    ...readCsv('villages.csv', 'district_code', provinceCode),
  ];
}

export async function loadProvinceAreas(db: Kysely<DB>, provinceCode: string): Promise<LoadAreasResult> {
  const source = readProvinceSource(provinceCode);
  const byLevel: Record<string, number> = {};
  const retired = await db.transaction().execute(async (trx) => {
    const CHUNK = 500;
    for (let i = 0; i < source.length; i += CHUNK) {
      const values = source.slice(i, i + CHUNK).map((row) => {
        const level = levelOfCode(row.code);
        byLevel[level] = (byLevel[level] ?? 0) + 1;
        return {
          code: row.code,
          parent_code: parentCode(row.code),
          province_code: provinceCode,
          level,
          kind: kindOfCode(row.code),
          name: row.name,
          name_search: normalizeAreaName(row.name),
          valid_from: VALID_FROM,
          valid_to: null,
          source: AREA_SOURCE,
        };
      });
      await trx
        .insertInto('areas')
        .values(values)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            name_search: eb.ref('excluded.name_search'),
            kind: eb.ref('excluded.kind'),
            source: eb.ref('excluded.source'),
            valid_to: null,
            updated_at: sql`case when areas.name is distinct from excluded.name then now() else areas.updated_at end`,
          })),
        )
        .execute();
    }
    const codes = source.map((r) => r.code);
    const result = await trx
      .updateTable('areas')
      .set({ valid_to: sql`current_date`, updated_at: sql`now()` })
      .where('province_code', '=', provinceCode)
      .where('valid_to', 'is', null)
      .where('code', 'not in', codes)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  });
  return { province: provinceCode, byLevel, retired };
}
