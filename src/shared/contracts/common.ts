import { z } from 'zod';
import { isWellFormedAreaCode } from '../area-code.ts';

/** Hard maximum page size for every list (STYLE.md habit 9). */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
/** Offsets past this are refused: deep offset paging is slow and no person pages that far. */
export const MAX_OFFSET = 100_000;

export const pagingQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Page size, 1–${MAX_PAGE_SIZE}`),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0).describe('Rows to skip'),
};

export const pageInfo = z.object({
  limit: z.number().int(),
  offset: z.number().int(),
  total: z.number().int().describe('Rows matching the filters, ignoring paging'),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), page: pageInfo });
}

/** A Kemendagri code in a query string or path; shape is checked here, existence by the handler. */
export const areaCodeParam = z
  .string()
  .max(20)
  .refine(isWellFormedAreaCode, { message: 'AREA_CODE_MALFORMED' })
  .describe('Kemendagri code, e.g. 52.03.01.2002');

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional().describe('e.g. too_long, too_small, invalid_format'),
          limit: z.number().int().optional().describe('For too_long: the most characters accepted'),
        }),
      )
      .optional(),
  }),
});
