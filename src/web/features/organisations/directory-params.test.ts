import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  filtersFromParams,
  pageFromParams,
  paramsFromFilters,
} from './directory-params.ts';

describe('directory filters in the URL', () => {
  it('round-trip through the query string, leaving page 1 and empty values out', () => {
    const filters = { q: 'peduli', type: 'ngo', area: '52.03', issue: 'tengkes', sort: 'updated' } as const;
    const params = paramsFromFilters(filters, 2);
    expect(params.toString()).toBe('q=peduli&type=ngo&issue=tengkes&area=52.03&sort=updated&page=2');
    expect(filtersFromParams(params)).toEqual({ ...filters, offer: undefined, verification: undefined });
    expect(pageFromParams(params)).toBe(2);
    expect(paramsFromFilters({}, 1).toString()).toBe('');
  });

  it('ignore values the server would refuse', () => {
    const params = new URLSearchParams(
      'type=club&area=52.xx&issue=Not%20A%20Code&offer=cash&verification=ok&page=-3&sort=random',
    );
    expect(filtersFromParams(params)).toEqual({
      q: undefined,
      type: undefined,
      issue: undefined,
      area: undefined,
      offer: undefined,
      verification: undefined,
      sort: undefined,
    });
    expect(pageFromParams(params)).toBe(1);
  });

  it('count the filters set besides search and sort', () => {
    expect(activeFilterCount({ q: 'x', sort: 'updated', type: 'media', offer: 'funds' })).toBe(2);
  });
});
