/**
 * Kemendagri region codes (Permendagri 72/2019, Kepmendagri 300.2.2-2138/2025).
 *
 * A code is also a materialised path: `52` province, `52.03` kabupaten/kota,
 * `52.03.01` kecamatan, `52.03.01.2002` desa/kelurahan. Every prefix is an ancestor.
 */

export const AREA_LEVELS = ['province', 'regency', 'district', 'village'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** Desa/kelurahan for villages (4th segment starts with 2 / 1); kabupaten/kota for regencies (second segment ≥ 71 is a kota). */
export const AREA_KINDS = ['province', 'kabupaten', 'kota', 'kecamatan', 'desa', 'kelurahan'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

const CODE_PATTERN = /^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$/;

/** True when the text has the shape of a Kemendagri code at any level (it may still be unknown). */
export function isWellFormedAreaCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/** Level implied by the number of segments of a well-formed code. */
export function levelOfCode(code: string): AreaLevel {
  const segments = code.split('.').length;
  const level = AREA_LEVELS[segments - 1];
  if (!level) throw new Error(`not an area code: ${code}`);
  return level;
}

/** Codes of all ancestors, nearest last: `52.03.01.2002` → [`52`, `52.03`, `52.03.01`]. */
export function ancestorCodes(code: string): string[] {
  const parts = code.split('.');
  const result: string[] = [];
  for (let i = 1; i < parts.length; i += 1) result.push(parts.slice(0, i).join('.'));
  return result;
}

export function parentCode(code: string): string | null {
  const idx = code.lastIndexOf('.');
  return idx < 0 ? null : code.slice(0, idx);
}

/** Derives the kind from the code alone, following the Kemendagri numbering rules. */
export function kindOfCode(code: string): AreaKind {
  const parts = code.split('.');
  switch (parts.length) {
    case 1:
      return 'province';
    case 2:
      return Number(parts[1]) >= 71 ? 'kota' : 'kabupaten';
    case 3:
      return 'kecamatan';
    default:
      // 1xxx = kelurahan (urban), 2xxx = desa (rural)
      return parts[3]?.startsWith('1') ? 'kelurahan' : 'desa';
  }
}

/**
 * The one search form of a name: lower case, accents and apostrophes removed, every run of
 * other characters one space (so "Hu'u", "HU U" and "hu'u" compare equal).
 */
function searchForm(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A place name as area search and area matching compare it (`areas.name_search`). */
export function normalizeAreaName(name: string): string {
  return searchForm(name);
}

/**
 * An organisation's name as the directory search, the duplicate check and keys compare it
 * (`organisations.name_search`): the same rule as place names, so "Yayasan Hu'u" is found as
 * "yayasan huu". A name of its own so that each caller says which kind of name it compares.
 */
export function normalizeOrganisationName(name: string): string {
  return searchForm(name);
}

/** True when `code` lies inside `scope` (the area itself or below it); scope null = everywhere. */
export function isInArea(scope: string | null, code: string): boolean {
  return scope === null || code === scope || code.startsWith(`${scope}.`);
}
