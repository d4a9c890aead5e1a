/**
 * The directory's filters live in the URL (`/mitra?type=ngo&area=52.03&page=2`), so a filtered
 * list can be bookmarked, shared and restored with the back button. Unknown values are ignored
 * rather than sent to the server to be refused.
 */
import { isWellFormedAreaCode } from '../../../shared/area-code.ts';
import {
  OFFER_KINDS,
  type OfferKind,
  ORGANISATION_TYPES,
  type OrganisationType,
  VERIFICATION_STATUSES,
  type VerificationStatus,
} from '../../../shared/roles.ts';
import type { DirectoryFilters } from './api.ts';

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

export function filtersFromParams(params: URLSearchParams): DirectoryFilters {
  const q = params.get('q')?.trim().slice(0, 100);
  const issue = params.get('issue');
  const area = params.get('area');
  return {
    q: q || undefined,
    type: oneOf<OrganisationType>(ORGANISATION_TYPES, params.get('type')),
    issue: issue && /^[a-z][a-z0-9_]{1,40}$/.test(issue) ? issue : undefined,
    area: area && isWellFormedAreaCode(area) ? area : undefined,
    offer: oneOf<OfferKind>(OFFER_KINDS, params.get('offer')),
    verification: oneOf<VerificationStatus>(VERIFICATION_STATUSES, params.get('verification')),
    sort: params.get('sort') === 'updated' ? 'updated' : undefined,
  };
}

export function pageFromParams(params: URLSearchParams): number {
  return Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
}

/** The URL query for filters and a page; page 1 and empty filters are left out. */
export function paramsFromFilters(filters: DirectoryFilters, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'type', 'issue', 'area', 'offer', 'verification', 'sort'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  return params;
}

/** How many filters (besides the search text and sort order) are set: shown on the phone's filter button. */
export function activeFilterCount(filters: DirectoryFilters): number {
  return (['type', 'issue', 'area', 'offer', 'verification'] as const).filter((k) => filters[k]).length;
}
