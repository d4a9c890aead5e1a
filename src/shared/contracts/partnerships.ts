/**
 * Partnerships (Kemitraan): agreements between organisations, their parties' answers and the
 * durability measures. Shared with the web form so the browser shows the same rules inline.
 * The building blocks every registry record uses (keys, dates, rupiah, document links,
 * organisation references) come from ./programs.ts, where programs defined them first.
 */
import { z } from 'zod';
import { AGREEMENT_TYPES, PARTNERSHIP_STATUSES, PARTY_CONFIRMATIONS, PARTY_ROLES } from '../programs.ts';
import { pageOf, pagingQuery } from './common.ts';
import { boundedText, TEXT_LIMITS } from './limits.ts';
import { csv, documentLink, isoDate, organisationRef, programStatus, recordKey, rupiah } from './programs.ts';

export const agreementType = z.enum(AGREEMENT_TYPES);
export const partnershipStatus = z.enum(PARTNERSHIP_STATUSES);
export const partyRole = z.enum(PARTY_ROLES);
export const partyConfirmation = z
  .enum(PARTY_CONFIRMATIONS)
  .describe('invited until the organisation confirms; only confirmed parties count in durability');

export const partyInput = z.object({
  organisationId: z.uuid(),
  role: partyRole,
  commitmentMoney: rupiah.optional().nullable(),
  commitmentInKind: boundedText(TEXT_LIMITS.commitment).optional().nullable(),
  commitmentExpertise: boundedText(TEXT_LIMITS.commitment).optional().nullable(),
  commitmentMonths: z.number().int().min(1).max(600).optional().nullable(),
});

function partnershipRule(
  value: { parties?: { organisationId: string }[]; startsOn?: string | null; endsOn?: string | null },
  ctx: z.RefinementCtx,
) {
  if (value.parties) {
    const distinct = new Set(value.parties.map((p) => p.organisationId));
    if (distinct.size < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['parties'],
        message: 'a partnership needs at least two different organisations',
      });
    }
    if (distinct.size !== value.parties.length) {
      ctx.addIssue({ code: 'custom', path: ['parties'], message: 'an organisation is listed twice' });
    }
  }
  if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'ends before it starts' });
  }
}

const partnershipFields = {
  key: recordKey.optional(),
  title: boundedText(TEXT_LIMITS.title).min(3),
  description: boundedText(TEXT_LIMITS.description).optional().nullable(),
  agreementType: agreementType,
  agreementNumber: boundedText(TEXT_LIMITS.agreementNumber).optional().nullable(),
  signedOn: isoDate.optional().nullable(),
  startsOn: isoDate.optional().nullable(),
  endsOn: isoDate.optional().nullable(),
  renewsId: z.uuid().optional().nullable().describe('The agreement this one renews'),
  parties: z.array(partyInput).min(2, { message: 'a partnership needs at least two parties' }).max(50),
  programIds: z.array(z.uuid()).max(500).default([]),
  documents: z.array(documentLink).max(30).default([]),
};

export const createPartnershipBody = z
  .object({ ...partnershipFields, status: z.enum(['draft', 'signed', 'active']).default('draft') })
  .strict()
  .superRefine(partnershipRule);
export type PartnershipInput = z.output<typeof createPartnershipBody>;

export const updatePartnershipBody = z
  .object({ ...partnershipFields, version: z.number().int().min(1) })
  .strict()
  .superRefine(partnershipRule);

export const partnershipStatusBody = z
  .object({ status: partnershipStatus, on: isoDate.optional(), version: z.number().int().min(1) })
  .strict();

/** Confirming or declining a party: the version of the partnership you answered. */
export const partyResponseBody = z.object({ version: z.number().int().min(1) }).strict();

export const durability = z.object({
  /** Years from the first agreement's start in the renewal chain to its end (or today). */
  ageYears: z.number(),
  /** Agreements in the chain after the first. */
  renewals: z.number().int(),
  /** Villages where the chain's programs ran in two or more different years. */
  repeatVillages: z.number().int(),
  sameVillagesAcrossYears: z.boolean(),
  linkedPrograms: z.number().int(),
  sectors: z.array(z.string()),
  longTerm: z.boolean(),
});
export type Durability = z.infer<typeof durability>;

export const partnershipSummary = z.object({
  id: z.uuid(),
  key: z.string(),
  title: z.string(),
  agreementType,
  status: partnershipStatus,
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  parties: z.array(organisationRef.extend({ role: partyRole, confirmation: partyConfirmation })),
  renewsId: z.string().nullable(),
  durability,
  updatedAt: z.string(),
});
export type PartnershipSummary = z.infer<typeof partnershipSummary>;
export const partnershipPage = pageOf(partnershipSummary);

export const partnership = partnershipSummary.extend({
  description: z.string().nullable(),
  agreementNumber: z.string().nullable(),
  signedOn: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  parties: z.array(
    organisationRef.extend({
      role: partyRole,
      confirmation: partyConfirmation,
      commitmentMoney: z.number().int().nullable(),
      commitmentInKind: z.string().nullable(),
      commitmentExpertise: z.string().nullable(),
      commitmentMonths: z.number().int().nullable(),
      /** May the caller confirm or decline on this organisation's behalf? */
      canRespond: z.boolean(),
    }),
  ),
  programs: z.array(z.object({ id: z.uuid(), title: z.string(), status: programStatus })),
  /** Earlier and later agreements of the same chain, oldest first (this one included). */
  chain: z.array(
    z.object({ id: z.uuid(), title: z.string(), status: partnershipStatus, startsOn: z.string().nullable() }),
  ),
  documents: z.array(documentLink),
  version: z.number().int(),
  createdAt: z.string(),
  canEdit: z.boolean(),
});
export type Partnership = z.infer<typeof partnership>;

export const listPartnershipsQuery = z
  .object({
    ...pagingQuery,
    organisationId: z.uuid().optional(),
    status: csv(partnershipStatus).optional(),
    agreementType: csv(agreementType).optional(),
    q: z.string().trim().max(100).optional(),
    longTerm: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const organisationDurability = z.object({
  organisationId: z.uuid(),
  /** Renewal chains the organisation is a party to (a renewed MoU is one collaboration). */
  collaborations: z.number().int(),
  longTerm: z.number().int(),
  oneOff: z.number().int(),
  longTermShare: z.number().nullable(),
  averageAgeYears: z.number().nullable(),
  renewals: z.number().int(),
  linkedPrograms: z.number().int(),
  /** Sectors of the organisations it partners with (itself excluded). */
  partnerSectors: z.array(z.string()),
});
