/**
 * Organisation registry (Mitra) and the issue taxonomy. The create/update schemas
 * are shared with the web forms so the browser shows the same rules inline.
 */
import { z } from 'zod';
import { isWellFormedAreaCode } from '../area-code.ts';
import {
  LEVELLED_TYPES,
  OFFER_KINDS,
  ORGANISATION_LEVELS,
  ORGANISATION_TYPES,
  VERIFICATION_STATUSES,
} from '../roles.ts';
import { pageOf, pagingQuery } from './common.ts';
import { boundedText, TEXT_LIMITS } from './limits.ts';

export const organisationType = z.enum(ORGANISATION_TYPES);
export const organisationLevel = z.enum(ORGANISATION_LEVELS);
export const offerKind = z.enum(OFFER_KINDS);
export const verificationStatus = z.enum(VERIFICATION_STATUSES);

const areaCode = z.string().trim().refine(isWellFormedAreaCode, { message: 'AREA_CODE_MALFORMED' });
const issueCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,40}$/, { message: 'invalid issue code' });

/** Stable key used to upsert on import: lower-case letters, digits and dashes. */
export const organisationKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, { message: 'use 3–64 lower-case letters, digits or dashes' });

export const contactPerson = z.object({
  name: boundedText(TEXT_LIMITS.personName).min(2),
  position: boundedText(TEXT_LIMITS.position).optional().nullable(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, { message: 'invalid phone number' })
    .optional()
    .nullable(),
  email: z.email().max(TEXT_LIMITS.email).optional().nullable(),
});
export type ContactPerson = z.infer<typeof contactPerson>;

const organisationFields = {
  key: organisationKey.optional().describe('Stable key; generated from the name when omitted'),
  legalName: boundedText(TEXT_LIMITS.legalName).min(3),
  shortName: boundedText(TEXT_LIMITS.shortName).optional().nullable(),
  type: organisationType,
  level: organisationLevel
    .optional()
    .nullable()
    .describe('Required for government agencies and LKKS chapters'),
  parentId: z.uuid().optional().nullable(),
  issues: z.array(issueCode).max(20).default([]),
  coverageAreas: z.array(areaCode).max(200).default([]),
  contacts: z.array(contactPerson).max(10).default([]),
  address: boundedText(TEXT_LIMITS.address).optional().nullable(),
  areaCode: areaCode.describe('Seat of the organisation: the most precise known area (province … village)'),
  website: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) address' })
    .max(TEXT_LIMITS.website)
    .optional()
    .nullable(),
  description: boundedText(TEXT_LIMITS.description).optional().nullable(),
  offers: z.array(offerKind).max(OFFER_KINDS.length).default([]),
};

function levelRule<T extends { type?: string; level?: string | null }>(value: T, ctx: z.RefinementCtx) {
  if (value.type === undefined) return;
  const levelled = (LEVELLED_TYPES as readonly string[]).includes(value.type);
  if (levelled && !value.level) {
    ctx.addIssue({ code: 'custom', path: ['level'], message: 'required for this organisation type' });
  }
  if (!levelled && value.level) {
    ctx.addIssue({
      code: 'custom',
      path: ['level'],
      message: 'only for government agencies and LKKS chapters',
    });
  }
}

export const createOrganisationBody = z
  .object({
    ...organisationFields,
    confirmDuplicate: z.boolean().default(false).describe('Create even though similar names exist'),
  })
  .strict()
  .superRefine(levelRule);
export type CreateOrganisationInput = z.input<typeof createOrganisationBody>;

export const updateOrganisationBody = z
  .object({
    // Without the create defaults: a list left out of a PATCH must stay as it is, not become [].
    ...Object.fromEntries(
      Object.entries(organisationFields).map(([k, v]) => [
        k,
        (v instanceof z.ZodDefault ? v.unwrap() : v).optional(),
      ]),
    ),
    version: z
      .number()
      .int()
      .min(1)
      .describe('The version you edited; a newer one on the server is a conflict'),
  })
  .strict() as unknown as z.ZodType<Partial<z.infer<typeof createOrganisationBody>> & { version: number }>;

export const organisationSummary = z.object({
  id: z.uuid(),
  key: z.string(),
  legalName: z.string(),
  shortName: z.string().nullable(),
  type: organisationType,
  level: organisationLevel.nullable(),
  areaCode: z.string(),
  areaName: z.string(),
  issues: z.array(z.string()),
  offers: z.array(offerKind),
  verificationStatus: verificationStatus,
});
export type OrganisationSummary = z.infer<typeof organisationSummary>;

export const organisation = organisationSummary.extend({
  parent: z.object({ id: z.uuid(), legalName: z.string() }).nullable(),
  coverageAreas: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  contacts: z.array(contactPerson).describe('Only for signed-in users; personal data, reads are audited'),
  address: z.string().nullable(),
  website: z.string().nullable(),
  description: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean().describe('Whether the caller may edit this organisation'),
});
export type Organisation = z.infer<typeof organisation>;

export const listOrganisationsQuery = z
  .object({
    ...pagingQuery,
    q: z.string().trim().min(1).max(100).optional(),
    type: organisationType.optional(),
    issue: issueCode.optional(),
    area: areaCode.optional().describe('Seat or coverage within this area'),
    offer: offerKind.optional(),
    verification: verificationStatus.optional(),
    sort: z.enum(['name', 'updated']).default('name'),
  })
  .strict();
export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuery>;
export const organisationPage = pageOf(organisationSummary);

export const similarOrganisationsQuery = z
  .object({ name: boundedText(TEXT_LIMITS.legalName).min(3) })
  .strict();
export const similarOrganisations = z.object({
  items: z.array(organisationSummary.extend({ similarity: z.number() })),
});

export const verificationBody = z
  .object({ status: verificationStatus, version: z.number().int().min(1) })
  .strict();

export const issue = z.object({
  code: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  descriptionId: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type Issue = z.infer<typeof issue>;
export const issueList = z.object({ items: z.array(issue) });
export const createIssueBody = z
  .object({
    code: issueCode,
    nameId: boundedText(TEXT_LIMITS.issueName).min(2),
    nameEn: boundedText(TEXT_LIMITS.issueName).min(2),
    descriptionId: boundedText(TEXT_LIMITS.issueDescription).optional().nullable(),
    descriptionEn: boundedText(TEXT_LIMITS.issueDescription).optional().nullable(),
    sortOrder: z.number().int().min(0).max(1000).default(100),
  })
  .strict();
export const updateIssueBody = z
  .object({
    nameId: boundedText(TEXT_LIMITS.issueName).min(2).optional(),
    nameEn: boundedText(TEXT_LIMITS.issueName).min(2).optional(),
    descriptionId: boundedText(TEXT_LIMITS.issueDescription).optional().nullable(),
    descriptionEn: boundedText(TEXT_LIMITS.issueDescription).optional().nullable(),
    sortOrder: z.number().int().min(0).max(1000).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export const issueParams = z.object({ code: issueCode }).strict();

/** One problem in an import file, addressed the way a spreadsheet user finds it. */
export const importProblem = z.object({
  row: z.number().int().describe('Row number as shown in the spreadsheet (header is row 1)'),
  column: z.string().describe('Column header'),
  message: z.string().describe('English, for API clients; the web app says it from code and params'),
  code: z.string(),
  /** The value the problem names (`value`: the cell; `otherRow`, `count`), for a sentence in the reader's language. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportProblem = z.infer<typeof importProblem>;
/** A row left out on purpose, e.g. one of the template's fictional example rows. */
export const importSkippedRow = z.object({
  row: z.number().int().describe('Row number as shown in the spreadsheet (header is row 1)'),
  kode: z.string(),
  code: z.enum(['template_example']).describe('template_example: an example row of the downloaded template'),
});
export type ImportSkippedRow = z.infer<typeof importSkippedRow>;
export const importResult = z.object({
  committed: z.boolean(),
  rows: z.number().int().describe('Data rows read, not counting the skipped ones'),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  problems: z.array(importProblem),
  skipped: z.array(importSkippedRow).describe('Rows never imported: the template’s example rows'),
});
export type ImportResult = z.infer<typeof importResult>;
