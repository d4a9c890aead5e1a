/**
 * The partnership list's filters in the URL (`/kemitraan?status=active&longTerm=true`), so a
 * filtered list can be shared and restored with the back button. Unknown values are dropped.
 */
import {
  AGREEMENT_TYPES,
  type AgreementType,
  PARTNERSHIP_STATUSES,
  type PartnershipStatus,
} from '../../../shared/programs.ts';

export type PartnershipFilters = {
  q?: string | undefined;
  status?: PartnershipStatus[] | undefined;
  agreementType?: AgreementType[] | undefined;
  longTerm?: 'true' | 'false' | undefined;
};

function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] | undefined {
  if (!raw) return undefined;
  const values = [...new Set(raw.split(','))].filter((v): v is T =>
    (allowed as readonly string[]).includes(v),
  );
  return values.length > 0 ? values : undefined;
}

export function partnershipFiltersFromParams(params: URLSearchParams): PartnershipFilters {
  const q = params.get('q')?.trim().slice(0, 100);
  const longTerm = params.get('longTerm');
  return {
    q: q || undefined,
    status: listOf(params.get('status'), PARTNERSHIP_STATUSES),
    agreementType: listOf(params.get('agreementType'), AGREEMENT_TYPES),
    longTerm: longTerm === 'true' || longTerm === 'false' ? longTerm : undefined,
  };
}

/** The API query (lists comma-separated), also the URL query without the page. */
export function apiQueryOfPartnershipFilters(
  filters: PartnershipFilters,
): Record<string, string | undefined> {
  return {
    q: filters.q || undefined,
    status: filters.status?.length ? filters.status.join(',') : undefined,
    agreementType: filters.agreementType?.length ? filters.agreementType.join(',') : undefined,
    longTerm: filters.longTerm,
  };
}

export function paramsOfPartnershipFilters(filters: PartnershipFilters, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(apiQueryOfPartnershipFilters(filters))) {
    if (value) params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  return params;
}
