/**
 * Contracts of the who-does-what-where figures: the map, the dashboard and the area panel
 * (docs/figures.md). Their filters are the program list's (`programFilterQuery`).
 */
import { z } from 'zod';
import { MAPPED_STATUSES } from '../programs.ts';
import { ancestorNames } from './areas.ts';
import { MAX_PAGE_SIZE, pageInfo, pageOf, pagingQuery } from './common.ts';
import { csv, modality, organisationRef, programFilterQuery, programStatus } from './programs.ts';

export const mapLevel = z.enum(['regency', 'district', 'village']);
export const mappedStatus = z.enum(MAPPED_STATUSES);

export const whoWhatWhereQuery = z
  .object({
    ...programFilterQuery,
    status: csv(mappedStatus).optional().describe('Default: planned, active, completed'),
  })
  .strict();
export type WhoWhatWhereFilter = z.infer<typeof whoWhatWhereQuery>;

export const mapQuery = whoWhatWhereQuery.extend({ level: mapLevel.default('regency') }).strict();

export const mapCell = z.object({
  areaCode: z.string(),
  programs: z.number().int(),
  /** Programs whose planned budget is not known: left out of the budget sums. */
  programsWithoutBudget: z.number().int(),
  organisations: z.number().int(),
  budgetPlanned: z.number().int(),
  budgetRealised: z.number().int(),
  productiveBudget: z.number().int(),
  /** productiveBudget / budgetPlanned, 0–1; null when no budget. */
  productiveShare: z.number().nullable(),
});
export const mapResponse = z.object({
  level: mapLevel,
  year: z.number().int().nullable(),
  cells: z.array(mapCell),
  max: z.object({
    programs: z.number().int(),
    organisations: z.number().int(),
    budgetPlanned: z.number().int(),
  }),
});
export type MapResponse = z.infer<typeof mapResponse>;

const breakdown = z.array(
  z.object({
    key: z.string(),
    programs: z.number().int(),
    budgetPlanned: z.number().int(),
    productiveBudget: z.number().int(),
  }),
);
export const dashboardResponse = z.object({
  year: z.number().int().nullable(),
  totals: z.object({
    programs: z.number().int(),
    /** Programs whose planned budget is not known: left out of every budget figure. */
    programsWithoutBudget: z.number().int(),
    organisations: z.number().int(),
    villages: z.number().int(),
    budgetPlanned: z.number().int(),
    budgetRealised: z.number().int(),
    productiveBudget: z.number().int(),
    productiveShare: z.number().nullable(),
    targetHouseholds: z.number().int(),
    reachedHouseholds: z.number().int(),
  }),
  /** A program with several issues counts under each, so these rows overlap. */
  byIssue: breakdown,
  byOrganisationType: breakdown,
  byModality: breakdown,
  byStatus: breakdown,
  byYear: z.array(
    z.object({
      year: z.number().int(),
      programs: z.number().int(),
      budgetPlanned: z.number().int(),
      productiveBudget: z.number().int(),
      consumptiveBudget: z.number().int(),
    }),
  ),
  topContributors: z.array(
    z.object({
      organisation: organisationRef,
      programs: z.number().int(),
      budgetPlanned: z.number().int(),
    }),
  ),
});
export type DashboardResponse = z.infer<typeof dashboardResponse>;

/** Organisations listed per page in the area panel unless asked otherwise. */
export const AREA_ORGANISATIONS_PAGE = 100;

export const areaActivityQuery = whoWhatWhereQuery
  .extend({
    limit: pagingQuery.limit,
    offset: pagingQuery.offset,
    organisationsLimit: pagingQuery.limit
      .default(AREA_ORGANISATIONS_PAGE)
      .describe(`Organisations per page, 1–${MAX_PAGE_SIZE} (default ${AREA_ORGANISATIONS_PAGE})`),
    organisationsOffset: pagingQuery.offset.describe('Organisations to skip'),
  })
  .strict();
export const areaActivity = z.object({
  area: z.object({
    code: z.string(),
    name: z.string(),
    level: z.string(),
    ancestors: ancestorNames,
  }),
  totals: mapCell.omit({ areaCode: true }),
  programs: pageOf(
    z.object({
      id: z.uuid(),
      title: z.string(),
      owner: organisationRef,
      status: programStatus,
      modality,
      issues: z.array(z.string()),
      periodStart: z.string(),
      periodEnd: z.string(),
      /** The program's budget that falls in this area (and year, when filtered); null = not known. */
      budgetInArea: z.number().int().nullable(),
    }),
  ),
  /** One page of the organisations involved, most programs first; `organisationsPage.total` = totals.organisations. */
  organisations: z.array(organisationRef.extend({ programs: z.number().int() })),
  organisationsPage: pageInfo,
});
export type AreaActivity = z.infer<typeof areaActivity>;
