/**
 * What the map colours areas by, and how: the measures a reader can choose, the legend's
 * classes, and which part of the province a map level shows. Pure, so the rules are tested.
 */
import { type AreaLevel, levelOfCode } from '../../../shared/area-code.ts';
import type { MapResponse } from '../../../shared/contracts/who-what-where.ts';
import { formatNumber, formatRupiah, type Locale } from '../../../shared/format.ts';

export const MAP_LEVELS = ['regency', 'district', 'village'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

export const MEASURES = ['programs', 'organisations', 'budget', 'productiveShare'] as const;
export type Measure = (typeof MEASURES)[number];

export type MapCell = MapResponse['cells'][number];

/** The value a cell is coloured by; null when it has none (no budget, so no productive share). */
export function measureOf(cell: MapCell, measure: Measure): number | null {
  switch (measure) {
    case 'programs':
      return cell.programs;
    case 'organisations':
      return cell.organisations;
    case 'budget':
      return cell.budgetPlanned;
    case 'productiveShare':
      return cell.productiveShare;
  }
}

/** A measure's value as read: "12", "Rp 1.250.000", "40%". */
export function formatMeasure(measure: Measure, value: number | null, locale: Locale): string {
  if (value === null) return '—';
  if (measure === 'budget') return formatRupiah(value, locale);
  if (measure === 'productiveShare') return `${formatNumber(Math.round(value * 100), locale)}%`;
  return formatNumber(value, locale);
}

/** One legend class: values in [from, to] get `colour`. */
export type LegendClass = { from: number; to: number; colour: string };

/** Light to dark: the brand teal, readable on white at the light end, strong at the dark end. */
export const CLASS_COLOURS = ['#d3e9e8', '#79bbb9', '#3b9a98', '#1f7573', '#045a58'] as const;
/** Areas with nothing to show. */
export const EMPTY_COLOUR = '#f1f3f5';

/** Rounds a class boundary to a "nice" number (1, 2, 2.5, 5 × 10ⁿ) so the legend reads well. */
export function niceCeil(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * power) return step * power;
  }
  return 10 * power;
}

/**
 * The legend's classes for a measure: five equal steps of the share (0–100%), or for counts and
 * money up to five steps of a nice width up to the largest value. Whole numbers stay whole.
 */
export function legendClasses(measure: Measure, max: number): LegendClass[] {
  if (measure === 'productiveShare') {
    return CLASS_COLOURS.map((colour, i) => ({ from: i / 5, to: (i + 1) / 5, colour }));
  }
  if (max <= 0) return [];
  if (max <= CLASS_COLOURS.length && measure !== 'budget') {
    // Few distinct counts: one class per count, 1, 2, 3…
    return Array.from({ length: max }, (_, i) => ({
      from: i + 1,
      to: i + 1,
      colour: CLASS_COLOURS[Math.round((i * (CLASS_COLOURS.length - 1)) / Math.max(max - 1, 1))] ?? '#045a58',
    }));
  }
  // Counts and rupiah are whole numbers, so are the class widths.
  const width = Math.ceil(niceCeil(max / CLASS_COLOURS.length));
  const classes: LegendClass[] = [];
  let from = 1;
  for (const colour of CLASS_COLOURS) {
    const to = classes.length === CLASS_COLOURS.length - 1 ? Math.max(max, from) : from - 1 + width;
    classes.push({ from, to, colour });
    if (to >= max) break;
    from = to + 1;
  }
  return classes;
}

/** The colour of a value: its class, or the empty colour for nothing (0 or no value). */
export function colourOf(value: number | null, classes: readonly LegendClass[], measure: Measure): string {
  if (value === null) return EMPTY_COLOUR;
  if (measure !== 'productiveShare' && value <= 0) return EMPTY_COLOUR;
  for (const c of classes) {
    if (value <= c.to) return c.colour;
  }
  return classes.at(-1)?.colour ?? EMPTY_COLOUR;
}

/** The largest value of a measure among the cells (the share's is 1). */
export function maxOf(cells: readonly MapCell[], measure: Measure): number {
  if (measure === 'productiveShare') return 1;
  return cells.reduce((max, cell) => Math.max(max, measureOf(cell, measure) ?? 0), 0);
}

/**
 * The part of the province a map level draws. Kabupaten are always drawn for the whole province;
 * with an area filter, kecamatan are drawn for its kabupaten and villages for its kecamatan (or
 * kabupaten), so a filtered map zooms to where the filter points.
 */
export function mapScopeOf(level: MapLevel, area: string | undefined, province = '52'): string {
  if (level === 'regency' || !area) return province;
  const parts = area.split('.');
  const areaLevel: AreaLevel = levelOfCode(area);
  if (level === 'district') return areaLevel === 'province' ? province : parts.slice(0, 2).join('.');
  if (areaLevel === 'province') return province;
  if (areaLevel === 'regency') return area;
  return parts.slice(0, 3).join('.');
}

/** True when `code` lies in (or is) `scope`. */
export function inScope(code: string, scope: string): boolean {
  return code === scope || code.startsWith(`${scope}.`);
}

/** How deep a level is: kabupaten 1, kecamatan 2, village 3 (the province is 0). */
function depthOf(level: AreaLevel): number {
  return level === 'province' ? 0 : level === 'regency' ? 1 : level === 'district' ? 2 : 3;
}

/**
 * The level a map is drawn at under an area filter: never shallower than the filter's own area,
 * so a kecamatan filter on the kabupaten map draws kecamatan (with the chosen one coloured)
 * instead of an empty kabupaten map, and a village filter draws villages.
 */
export function levelForFilter(level: MapLevel, area: string | undefined): MapLevel {
  if (!area) return level;
  const depth = Math.max(depthOf(level), depthOf(levelOfCode(area)));
  return MAP_LEVELS[depth - 1] ?? level;
}

/** The map levels a reader may pick under an area filter (those not shallower than it). */
export function levelsForFilter(area: string | undefined): MapLevel[] {
  return MAP_LEVELS.filter((level) => levelForFilter(level, area) === level);
}
