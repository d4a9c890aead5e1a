import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client.ts';
import {
  createPartnershipBodyOf,
  EMPTY_PARTY,
  emptyPartnershipValues,
  type PartnershipFormValues,
  type PartyRow,
  partnershipServerProblems,
  updatePartnershipBodyOf,
  validatePartnershipValues,
} from './form-values.ts';

const A = { id: '11111111-1111-4111-8111-111111111111', legalName: 'LKKS NTB' };
const B = { id: '22222222-2222-4222-8222-222222222222', legalName: 'PT Tambang Sumbawa Lestari' };
const PROGRAM = '33333333-3333-4333-8333-333333333333';

const LEAD: PartyRow = { ...EMPTY_PARTY, organisation: A, role: 'lead' };
const FUNDER: PartyRow = {
  ...EMPTY_PARTY,
  organisation: B,
  role: 'funder',
  commitmentMoney: 1_000_000_000,
  commitmentMonths: 24,
};

function filled(patch: Partial<PartnershipFormValues> = {}): PartnershipFormValues {
  return {
    ...emptyPartnershipValues(A),
    title: 'MoU penanganan tengkes',
    agreementType: 'mou',
    startsOn: '2025-01-01',
    parties: [LEAD, FUNDER],
    ...patch,
  };
}

describe('partnership form values', () => {
  it('start with two party rows, the first the user’s organisation as lead', () => {
    const values = emptyPartnershipValues(A);
    expect(values.parties).toHaveLength(2);
    expect(values.parties[0]).toMatchObject({ organisation: A, role: 'lead' });
  });

  it('become a body: empty dates and texts null, blank rows left out, pickers as ids', () => {
    const body = createPartnershipBodyOf(
      filled({
        programs: [{ id: PROGRAM, title: 'Program X' }],
        renews: { id: PROGRAM, title: 'x' },
        parties: [
          ...filled().parties,
          {
            organisation: null,
            role: '',
            commitmentMoney: '',
            commitmentInKind: '',
            commitmentExpertise: '',
            commitmentMonths: '',
          },
        ],
      }),
    );
    expect(body).toMatchObject({
      title: 'MoU penanganan tengkes',
      signedOn: null,
      endsOn: null,
      agreementNumber: null,
      renewsId: PROGRAM,
      programIds: [PROGRAM],
      status: 'draft',
    });
    expect(body.parties).toEqual([
      {
        organisationId: A.id,
        role: 'lead',
        commitmentMoney: null,
        commitmentInKind: null,
        commitmentExpertise: null,
        commitmentMonths: null,
      },
      {
        organisationId: B.id,
        role: 'funder',
        commitmentMoney: 1_000_000_000,
        commitmentInKind: null,
        commitmentExpertise: null,
        commitmentMonths: 24,
      },
    ]);
    expect(updatePartnershipBodyOf(filled(), 3)).toMatchObject({ version: 3 });
  });

  it('accept a valid partnership and ask for two different parties', () => {
    expect(validatePartnershipValues(filled())).toEqual({});
    const one = filled({ parties: [LEAD] });
    expect(validatePartnershipValues(one).parties).toEqual({ code: 'too_few' });
    const twice = filled({ parties: [LEAD, FUNDER, { ...FUNDER, role: 'technical', organisation: A }] });
    expect(validatePartnershipValues(twice).parties).toEqual({ code: 'duplicate' });
  });

  it('name empty fields, an end before the start and a negative commitment', () => {
    expect(
      validatePartnershipValues(
        filled({
          title: '',
          agreementType: '',
          endsOn: '2024-01-01',
          parties: [LEAD, { ...FUNDER, role: '', commitmentMoney: -1 }],
        }),
      ),
    ).toEqual({
      title: { code: 'required' },
      agreementType: { code: 'required' },
      'parties.1.role': { code: 'required' },
      'parties.1.commitmentMoney': { code: 'negative' },
    });
    expect(validatePartnershipValues(filled({ endsOn: '2024-01-01' }))).toEqual({
      endsOn: { code: 'before_start' },
    });
  });

  it('map server problems onto the pickers', () => {
    const error = new ApiError('VALIDATION_FAILED', 400, 'bad', 'r', [
      { path: 'body.renewsId', message: 'cycle', code: 'invalid_renewal' },
      { path: 'body.programIds.0', message: 'unknown', code: 'unknown_program' },
      { path: 'body.parties.1.organisationId', message: 'unknown', code: 'unknown_organisation' },
    ]);
    expect(partnershipServerProblems(error, filled())).toEqual({
      renews: { code: 'invalid_renewal' },
      programs: { code: 'unknown_program' },
      'parties.1.organisation': { code: 'unknown_organisation' },
    });
  });
});
