import { describe, expect, it } from 'vitest';
import { paramsOfPartnershipFilters, partnershipFiltersFromParams } from './list-params.ts';

describe('partnership filters in the URL', () => {
  it('round-trip, with lists comma-separated', () => {
    const filters = {
      q: 'mou',
      status: ['active' as const, 'signed' as const],
      agreementType: ['pks' as const],
      longTerm: 'true' as const,
    };
    const params = paramsOfPartnershipFilters(filters, 2);
    expect(params.get('status')).toBe('active,signed');
    expect(params.get('page')).toBe('2');
    expect(partnershipFiltersFromParams(params)).toEqual(filters);
  });

  it('drop unknown values', () => {
    expect(
      partnershipFiltersFromParams(new URLSearchParams('status=open&agreementType=x&longTerm=yes')),
    ).toEqual({
      q: undefined,
      status: undefined,
      agreementType: undefined,
      longTerm: undefined,
    });
  });
});
