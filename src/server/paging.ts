/** Pagination in one place (STYLE.md habit 9): the limits live in src/shared/contracts/common.ts. */
export interface Paging {
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  page: { limit: number; offset: number; total: number };
}

export function pageOf<T>(items: T[], paging: Paging, total: number): Page<T> {
  return { items, page: { limit: paging.limit, offset: paging.offset, total } };
}
