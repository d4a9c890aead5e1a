/**
 * Programs (4W+); partnerships are in ./partnerships.ts, the who-does-what-where views in
 * ./who-what-where.ts. The
 * create/update schemas are shared with the web forms so the browser shows the same
 * rules inline. Money is whole rupiah (integers); dates are ISO calendar dates.
 */
import { z } from 'zod';
import { isWellFormedAreaCode } from '../area-code.ts';
import {
  MODALITIES,
  PARTNER_ROLES,
  PARTNERSHIP_STATUSES,
  PROGRAM_STATUSES,
  PROGRAM_YEAR_MAX,
  PROGRAM_YEAR_MIN,
} from '../programs.ts';
import { ORGANISATION_TYPES } from '../roles.ts';
import { pageOf, pagingQuery } from './common.ts';
import { boundedText, TEXT_LIMITS } from './limits.ts';

export const programStatus = z.enum(PROGRAM_STATUSES);
export const modality = z.enum(MODALITIES);
export const partnerRole = z.enum(PARTNER_ROLES);

const areaCode = z.string().trim().refine(isWellFormedAreaCode, { message: 'AREA_CODE_MALFORMED' });
const issueCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,40}$/, { message: 'invalid issue code' });
/** Whole rupiah, never negative, within the exact range of a JavaScript number. */
export const rupiah = z
  .number()
  .int()
  .min(0, { message: 'must not be negative' })
  .max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().min(0, { message: 'must not be negative' }).max(100_000_000);
export const isoDate = z.iso.date({ message: 'use a date like 2025-03-31' });

/** Stable key used to upsert on re-import: lower-case letters, digits, dots and dashes. */
export const recordKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9.-]{1,98}[a-z0-9]$/, {
    message: 'use 3–100 lower-case letters, digits, dots or dashes',
  });

export const documentLink = z.object({
  title: boundedText(TEXT_LIMITS.documentTitle).min(1),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) address' }).max(TEXT_LIMITS.documentUrl),
});
export type DocumentLink = z.infer<typeof documentLink>;

export const programVillageInput = z.object({
  code: areaCode,
  targetHouseholds: count.optional().nullable(),
  targetPersons: count.optional().nullable(),
});

export const programPartnerInput = z.object({
  organisationId: z.uuid(),
  role: partnerRole,
  contributionMoney: rupiah.optional().nullable(),
  contributionInKind: boundedText(TEXT_LIMITS.commitment).optional().nullable(),
});

function periodRule(value: { periodStart?: string; periodEnd?: string }, ctx: z.RefinementCtx) {
  if (value.periodStart && value.periodEnd && value.periodEnd < value.periodStart) {
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'ends before it starts' });
  }
  for (const [field, date] of [
    ['periodStart', value.periodStart],
    ['periodEnd', value.periodEnd],
  ] as const) {
    const year = date ? Number(date.slice(0, 4)) : undefined;
    if (year !== undefined && (year < PROGRAM_YEAR_MIN || year > PROGRAM_YEAR_MAX)) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `must fall in ${PROGRAM_YEAR_MIN}–${PROGRAM_YEAR_MAX}`,
      });
    }
  }
}

const programFields = {
  key: recordKey.optional().describe('Stable key (e.g. your own reference); generated when omitted'),
  ownerOrgId: z.uuid().describe('The organisation that runs the program and answers for it'),
  title: boundedText(TEXT_LIMITS.title).min(3),
  description: boundedText(TEXT_LIMITS.description).optional().nullable(),
  issues: z.array(issueCode).min(1, { message: 'pick at least one issue' }).max(12),
  villages: z
    .array(programVillageInput)
    .max(1200)
    .default([])
    .describe('Target villages (desa/kelurahan codes) with optional per-village targets'),
  wholeAreas: z
    .array(areaCode)
    .max(50)
    .default([])
    .describe('Kecamatan or kabupaten codes: every current village in them is added'),
  partners: z.array(programPartnerInput).max(50).default([]),
  periodStart: isoDate,
  periodEnd: isoDate,
  budgetPlanned: rupiah
    .nullable()
    .default(null)
    .describe('Whole rupiah; null or omitted = not known (left out of sums, never taken as 0)'),
  budgetRealised: rupiah.optional().nullable().describe('Whole rupiah; null = not known'),
  modality,
  targetHouseholds: count.optional().nullable(),
  targetPersons: count.optional().nullable(),
  reachedHouseholds: count.optional().nullable(),
  reachedPersons: count.optional().nullable(),
  documents: z.array(documentLink).max(30).default([]),
};

export const createProgramBody = z
  .object({
    ...programFields,
    status: z.enum(['draft', 'planned', 'active']).default('draft').describe('Initial status'),
  })
  .strict()
  .superRefine(periodRule);
export type CreateProgramInput = z.input<typeof createProgramBody>;
export type ProgramInput = z.output<typeof createProgramBody>;

/** A full replacement of the editable fields (the form always sends the whole program). */
export const updateProgramBody = z
  .object({
    ...programFields,
    version: z.number().int().min(1).describe('The version you edited; a newer one is a conflict'),
  })
  .strict()
  .superRefine(periodRule);
export type UpdateProgramInput = z.output<typeof updateProgramBody>;

export const programStatusBody = z
  .object({
    status: programStatus,
    on: isoDate.optional().describe('Date of the change; today when omitted'),
    version: z.number().int().min(1),
  })
  .strict();

/**
 * An organisation named by a program, partnership or figure. Visitors get unverified organisations
 * without name and id (both null): shown as "an unverified partner" (docs/access.md).
 */
export const organisationRef = z.object({
  id: z.uuid().nullable().describe('null: an unverified organisation, withheld from visitors'),
  name: z.string().nullable().describe('null: an unverified organisation, withheld from visitors'),
  type: z.enum(ORGANISATION_TYPES),
});
export type OrganisationRef = z.infer<typeof organisationRef>;

export const programSummary = z.object({
  id: z.uuid(),
  key: z.string(),
  title: z.string(),
  owner: organisationRef,
  status: programStatus,
  modality,
  productive: z.boolean(),
  issues: z.array(z.string()),
  periodStart: z.string(),
  periodEnd: z.string(),
  /** Null = not known (shown as "Belum diketahui", never as Rp 0). */
  budgetPlanned: z.number().int().nullable(),
  budgetRealised: z.number().int().nullable(),
  villageCount: z.number().int(),
  /** Names of the kabupaten/kota the villages lie in. */
  regencies: z.array(z.object({ code: z.string(), name: z.string() })),
  partnerCount: z.number().int(),
  updatedAt: z.string(),
});
export type ProgramSummary = z.infer<typeof programSummary>;
export const programPage = pageOf(programSummary);

export const program = programSummary.extend({
  description: z.string().nullable(),
  villages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      districtCode: z.string(),
      districtName: z.string(),
      regencyCode: z.string(),
      regencyName: z.string(),
      targetHouseholds: z.number().int().nullable(),
      targetPersons: z.number().int().nullable(),
    }),
  ),
  partners: z.array(
    z.object({
      organisation: organisationRef,
      role: partnerRole,
      contributionMoney: z.number().int().nullable(),
      contributionInKind: z.string().nullable(),
    }),
  ),
  targetHouseholds: z.number().int().nullable(),
  targetPersons: z.number().int().nullable(),
  reachedHouseholds: z.number().int().nullable(),
  reachedPersons: z.number().int().nullable(),
  plannedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  documents: z.array(documentLink),
  partnerships: z.array(z.object({ id: z.uuid(), title: z.string(), status: z.enum(PARTNERSHIP_STATUSES) })),
  source: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  canEdit: z.boolean(),
});
export type Program = z.infer<typeof program>;

/** A comma-separated query parameter of `item`s (`?status=draft,active`). */
export const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v),
    z.array(item).max(20),
  );

/** Filters shared by the program list, the map, the dashboard and the export. */
export const programFilterQuery = {
  area: areaCode.optional().describe('Programs with a village in this area (any level)'),
  issue: csv(issueCode).optional().describe('Comma-separated issue codes (any of them)'),
  orgType: csv(z.enum(ORGANISATION_TYPES)).optional().describe('Owner organisation types'),
  modality: csv(modality).optional(),
  status: csv(programStatus).optional(),
  year: z.coerce
    .number()
    .int()
    .min(PROGRAM_YEAR_MIN)
    .max(PROGRAM_YEAR_MAX)
    .optional()
    .describe('Programs whose period touches this calendar year'),
};

export const listProgramsQuery = z
  .object({
    ...pagingQuery,
    ...programFilterQuery,
    q: z.string().trim().max(100).optional().describe('Words in the title'),
    organisationId: z.uuid().optional().describe('Owner or partner'),
    sort: z.enum(['period', 'title', 'budget', 'updated']).default('period'),
  })
  .strict();
export type ListProgramsQuery = z.infer<typeof listProgramsQuery>;

export const exportProgramsQuery = z
  .object({
    ...programFilterQuery,
    q: z.string().trim().max(100).optional(),
    organisationId: z.uuid().optional(),
    format: z.enum(['xlsx', 'csv']).default('xlsx'),
  })
  .strict();
