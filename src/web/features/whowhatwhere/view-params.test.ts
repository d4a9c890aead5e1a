import { describe, expect, it } from 'vitest';
import { whoWhatWhereQueryOf } from './api.ts';
import { mapViewFromParams, paramsOfMapView, viewFiltersFromParams } from './view-params.ts';

describe('map and dashboard state in the URL', () => {
  it('round-trips the level, measure and selected area, leaving defaults out', () => {
    const filters = { area: '52.03', issue: ['tengkes'], year: 2025 };
    const view = { level: 'district' as const, measure: 'budget' as const, selected: '52.03.01' };
    const params = paramsOfMapView(filters, view);
    expect(mapViewFromParams(params)).toEqual(view);
    expect(viewFiltersFromParams(params)).toMatchObject(filters);
    expect(paramsOfMapView({}, { level: 'regency', measure: 'programs', selected: null }).toString()).toBe(
      '',
    );
  });

  it('ignores what these views do not take: search text, order, drafts, unknown levels', () => {
    const params = new URLSearchParams(
      'q=x&sort=title&status=draft,active&level=country&measure=x&selected=5x',
    );
    const filters = viewFiltersFromParams(params);
    expect(filters).not.toHaveProperty('q');
    expect(filters).not.toHaveProperty('sort');
    expect(filters.status).toEqual(['active']);
    expect(mapViewFromParams(params)).toEqual({ level: 'regency', measure: 'programs', selected: null });
  });

  it('sends the API only the filters its strict query accepts', () => {
    expect(
      whoWhatWhereQueryOf({ q: 'x', sort: 'title', organisationId: 'abc', modality: ['cash'], year: 2026 }),
    ).toEqual({
      area: undefined,
      issue: undefined,
      orgType: undefined,
      modality: 'cash',
      status: undefined,
      year: 2026,
    });
  });
});
