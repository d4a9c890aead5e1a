/**
 * Target villages grouped as people read them: kabupaten/kota → kecamatan → desa/kelurahan,
 * each level in Kemendagri code order (which is the official order of the lists).
 */
import { ancestorCodes } from '../../../shared/area-code.ts';

/** A village with where it lies; names may be missing while they load (the code then stands in). */
export type PlacedVillage = {
  code: string;
  name: string;
  districtCode?: string;
  districtName?: string;
  regencyCode?: string;
  regencyName?: string;
};

export type DistrictGroup<V> = { code: string; name: string; villages: V[] };
export type RegencyGroup<V> = {
  code: string;
  name: string;
  districts: DistrictGroup<V>[];
  villageCount: number;
};

const byCode = (a: { code: string }, b: { code: string }) =>
  a.code.localeCompare(b.code, 'en', { numeric: true });

/**
 * Groups villages by kabupaten and kecamatan. Codes decide the grouping (a village `52.03.01.2002`
 * lies in kecamatan `52.03.01` of kabupaten `52.03`); names come from the villages when known.
 */
export function groupVillages<V extends PlacedVillage>(villages: readonly V[]): RegencyGroup<V>[] {
  const regencies = new Map<string, RegencyGroup<V>>();
  const districts = new Map<string, DistrictGroup<V>>();
  for (const village of villages) {
    const [, regencyCode = '', districtCode = ''] = ancestorCodes(village.code);
    const regencyKey = village.regencyCode ?? regencyCode;
    const districtKey = village.districtCode ?? districtCode;
    let regency = regencies.get(regencyKey);
    if (!regency) {
      regency = { code: regencyKey, name: village.regencyName ?? regencyKey, districts: [], villageCount: 0 };
      regencies.set(regencyKey, regency);
    }
    let district = districts.get(districtKey);
    if (!district) {
      district = { code: districtKey, name: village.districtName ?? districtKey, villages: [] };
      districts.set(districtKey, district);
      regency.districts.push(district);
    }
    district.villages.push(village);
    regency.villageCount += 1;
  }
  const groups = [...regencies.values()].sort(byCode);
  for (const regency of groups) {
    regency.districts.sort(byCode);
    for (const district of regency.districts) district.villages.sort(byCode);
  }
  return groups;
}

/** How many kabupaten, kecamatan and villages a list of villages spans. */
export function villageCounts(villages: readonly PlacedVillage[]): {
  regencies: number;
  districts: number;
  villages: number;
} {
  const groups = groupVillages(villages);
  return {
    regencies: groups.length,
    districts: groups.reduce((sum, g) => sum + g.districts.length, 0),
    villages: new Set(villages.map((v) => v.code)).size,
  };
}
