import { describe, expect, it } from 'vitest';
import {
  CLASS_COLOURS,
  colourOf,
  EMPTY_COLOUR,
  formatMeasure,
  inScope,
  legendClasses,
  levelForFilter,
  levelsForFilter,
  type MapCell,
  mapScopeOf,
  maxOf,
  measureOf,
  niceCeil,
} from './measures.ts';

const cell = (patch: Partial<MapCell> = {}): MapCell => ({
  areaCode: '52.03',
  programs: 3,
  programsWithoutBudget: 0,
  organisations: 2,
  budgetPlanned: 1_000_000,
  budgetRealised: 0,
  productiveBudget: 400_000,
  productiveShare: 0.4,
  ...patch,
});

describe('map measures', () => {
  it('read the value a cell is coloured by', () => {
    expect(measureOf(cell(), 'programs')).toBe(3);
    expect(measureOf(cell(), 'organisations')).toBe(2);
    expect(measureOf(cell(), 'budget')).toBe(1_000_000);
    expect(measureOf(cell({ productiveShare: null }), 'productiveShare')).toBeNull();
  });

  it('format as rupiah, percent or count', () => {
    expect(formatMeasure('budget', 1_250_000, 'id')).toBe('Rp\u00a01.250.000');
    expect(formatMeasure('productiveShare', 0.426, 'id')).toBe('43%');
    expect(formatMeasure('programs', 1200, 'en')).toBe('1,200');
    expect(formatMeasure('programs', null, 'id')).toBe('—');
  });

  it('round class widths to nice numbers', () => {
    expect(niceCeil(0)).toBe(0);
    expect(niceCeil(3)).toBe(5);
    expect(niceCeil(2.4)).toBe(2.5);
    expect(niceCeil(180_000_000)).toBe(200_000_000);
  });

  it('give one class per count when there are few, and whole-number ranges otherwise', () => {
    expect(legendClasses('programs', 0)).toEqual([]);
    expect(legendClasses('programs', 3).map((c) => [c.from, c.to])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(legendClasses('programs', 12).map((c) => [c.from, c.to])).toEqual([
      [1, 3],
      [4, 6],
      [7, 9],
      [10, 12],
    ]);
    const budget = legendClasses('budget', 1_000_000_000);
    expect(budget).toHaveLength(5);
    expect(budget.at(-1)?.to).toBe(1_000_000_000);
    expect(legendClasses('productiveShare', 1).map((c) => c.to)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('colour nothing grey and the largest value darkest', () => {
    const classes = legendClasses('programs', 12);
    expect(colourOf(0, classes, 'programs')).toBe(EMPTY_COLOUR);
    expect(colourOf(null, classes, 'programs')).toBe(EMPTY_COLOUR);
    expect(colourOf(1, classes, 'programs')).toBe(CLASS_COLOURS[0]);
    expect(colourOf(12, classes, 'programs')).toBe(classes.at(-1)?.colour);
    // A share of 0 is a real value (all consumptive), not "nothing".
    expect(colourOf(0, legendClasses('productiveShare', 1), 'productiveShare')).toBe(CLASS_COLOURS[0]);
  });

  it('find the largest value among the cells', () => {
    expect(maxOf([cell({ programs: 4 }), cell({ programs: 9 })], 'programs')).toBe(9);
    expect(maxOf([], 'budget')).toBe(0);
    expect(maxOf([cell()], 'productiveShare')).toBe(1);
  });
});

describe('what part of the province a map level draws', () => {
  it('draws kabupaten province-wide, and zooms kecamatan and villages to the area filter', () => {
    expect(mapScopeOf('regency', '52.03.01')).toBe('52');
    expect(mapScopeOf('district', undefined)).toBe('52');
    expect(mapScopeOf('district', '52.03.01.2002')).toBe('52.03');
    expect(mapScopeOf('district', '52')).toBe('52');
    expect(mapScopeOf('village', '52.03')).toBe('52.03');
    expect(mapScopeOf('village', '52.03.01.2002')).toBe('52.03.01');
    expect(mapScopeOf('village', undefined)).toBe('52');
  });

  it('tells whether a code lies in a scope', () => {
    expect(inScope('52.03.01', '52.03')).toBe(true);
    expect(inScope('52.03', '52.03')).toBe(true);
    expect(inScope('52.031', '52.03')).toBe(false);
  });
});

describe('levelForFilter', () => {
  it('keeps the chosen level when the filter is at or above it', () => {
    expect(levelForFilter('regency', undefined)).toBe('regency');
    expect(levelForFilter('regency', '52')).toBe('regency');
    expect(levelForFilter('regency', '52.03')).toBe('regency');
    expect(levelForFilter('village', '52.03')).toBe('village');
    expect(levelForFilter('district', '52.03.01')).toBe('district');
  });

  it('draws the filtered area itself when the chosen level is coarser than the filter', () => {
    expect(levelForFilter('regency', '52.03.01')).toBe('district');
    expect(levelForFilter('regency', '52.03.01.2002')).toBe('village');
    expect(levelForFilter('district', '52.03.01.2002')).toBe('village');
  });

  it('offers only the levels that can show the filter', () => {
    expect(levelsForFilter(undefined)).toEqual(['regency', 'district', 'village']);
    expect(levelsForFilter('52.03.01')).toEqual(['district', 'village']);
    expect(levelsForFilter('52.03.01.2002')).toEqual(['village']);
  });
});
