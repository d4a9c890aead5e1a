import type { TFunction } from 'i18next';
import type { AreaKind, AreaLevel } from '../../../shared/area-code.ts';
import type { AreaStatistic } from '../../../shared/contracts/areas.ts';
import { formatNumber, formatPercent, formatRupiah, type Locale } from '../../../shared/format.ts';

/** The level whose areas sit directly under `level`; villages have none. */
export function childLevelOf(level: AreaLevel): AreaLevel | null {
  switch (level) {
    case 'province':
      return 'regency';
    case 'regency':
      return 'district';
    case 'district':
      return 'village';
    default:
      return null;
  }
}

/** "Kabupaten", "Kecamatan", "Village (desa)"… */
export function kindLabel(t: TFunction, kind: AreaKind): string {
  return t(`kinds.${kind}`);
}

/**
 * The area's name as said in a sentence: "Kecamatan Keruak", "Desa Pijot", "Keruak District".
 * Kabupaten and kota names already carry their kind ("Kabupaten Lombok Timur", "Kota Mataram").
 */
export function placeName(t: TFunction, area: { name: string; kind: AreaKind }): string {
  if (area.kind === 'kabupaten' || area.kind === 'kota') return area.name;
  return t('areas.placeName', { kind: t(`placeKinds.${area.kind}`), name: area.name });
}

/** "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan" (or English) for a whole level. */
export function levelPlural(t: TFunction, level: AreaLevel): string {
  return t(`levels.${level}`);
}

const PERCENT_UNITS = new Set(['%', 'percent', 'persen']);
const RUPIAH_UNITS = new Set(['rupiah', 'idr', 'rp']);

/** A statistic's value in the reader's format, with its unit. */
export function formatStatistic(t: TFunction, stat: AreaStatistic, locale: Locale): string {
  const unit = stat.unit.trim();
  const lower = unit.toLowerCase();
  if (PERCENT_UNITS.has(lower)) return formatPercent(stat.value, locale, 2);
  if (RUPIAH_UNITS.has(lower)) return formatRupiah(stat.value, locale);
  const digits = Number.isInteger(stat.value) ? 0 : 2;
  const number = formatNumber(stat.value, locale, digits);
  if (!unit) return number;
  return `${number} ${t(`units.${unit}`, { defaultValue: unit })}`;
}

/** Localised indicator name; unknown indicators show their raw name, readable. */
export function statisticLabel(t: TFunction, indicator: string): string {
  return t(`statistics.${indicator}`, { defaultValue: indicator.replace(/_/g, ' ') });
}

/**
 * A kabupaten's name where space is short (map labels, treemap boxes): "Kabupaten Lombok Timur" →
 * "Lombok Timur". Dropping the shared prefix keeps the part that tells kabupaten apart; cutting the
 * end instead made Lombok Timur and Lombok Tengah both read "Kabupaten Lombok T…". Kota keep "Kota".
 */
export function shortRegionName(name: string): string {
  return name.replace(/^Kabupaten\s+/i, '');
}
