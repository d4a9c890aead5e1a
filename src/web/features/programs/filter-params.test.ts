import { describe, expect, it } from 'vitest';
import { MAPPED_STATUSES } from '../../../shared/programs.ts';
import {
  activeFilterCount,
  apiQueryOfFilters,
  pageFromParams,
  paramsOfProgramFilters,
  programFiltersFromParams,
} from './filter-params.ts';

describe('program filters in the URL', () => {
  it('round-trip through the query string, lists comma-separated, page 1 and defaults left out', () => {
    const filters = {
      q: 'stunting',
      area: '52.03',
      issue: ['tengkes', 'disabilitas'],
      orgType: ['ngo' as const],
      modality: ['training' as const, 'cash' as const],
      status: ['active' as const],
      year: 2025,
      sort: 'budget' as const,
    };
    const params = paramsOfProgramFilters(filters, 3);
    expect(params.get('issue')).toBe('tengkes,disabilitas');
    expect(params.get('modality')).toBe('training,cash');
    expect(params.get('page')).toBe('3');
    expect(programFiltersFromParams(params)).toEqual({ ...filters, organisationId: undefined });
    expect(pageFromParams(params)).toBe(3);
    expect(paramsOfProgramFilters({}, 1).toString()).toBe('');
    expect(paramsOfProgramFilters({ sort: undefined }, 1).toString()).toBe('');
  });

  it('drop values the server would refuse, and duplicates', () => {
    const params = new URLSearchParams(
      'area=52.xx&issue=Tengkes,tengkes,tengkes&orgType=club,ngo&modality=gift&status=done&year=1999&sort=random&page=-2&organisationId=nope',
    );
    expect(programFiltersFromParams(params)).toEqual({
      q: undefined,
      area: undefined,
      issue: ['tengkes'],
      orgType: ['ngo'],
      modality: undefined,
      status: undefined,
      year: undefined,
      sort: undefined,
      organisationId: undefined,
    });
    expect(pageFromParams(params)).toBe(1);
  });

  it('offer only the statuses a page counts (the map has no drafts)', () => {
    const params = new URLSearchParams('status=draft,active');
    expect(programFiltersFromParams(params, MAPPED_STATUSES).status).toEqual(['active']);
    expect(programFiltersFromParams(params).status).toEqual(['draft', 'active']);
  });

  it('become the API query with empty lists left out', () => {
    expect(apiQueryOfFilters({ issue: [], status: ['planned', 'active'], year: 2026 })).toEqual({
      q: undefined,
      area: undefined,
      issue: undefined,
      orgType: undefined,
      modality: undefined,
      status: 'planned,active',
      year: 2026,
      sort: undefined,
      organisationId: undefined,
    });
  });

  it('count the filters set besides search text and order', () => {
    expect(activeFilterCount({ q: 'x', sort: 'title', issue: ['tengkes'], year: 2025, status: [] })).toBe(2);
  });
});
