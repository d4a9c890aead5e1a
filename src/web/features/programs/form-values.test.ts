import { describe, expect, it } from 'vitest';
import type { Program } from '../../../shared/contracts/programs.ts';
import { ApiError } from '../../lib/api-client.ts';
import {
  bodyOfValues,
  createBodyOf,
  emptyProgramValues,
  firstStepWithProblem,
  type ProgramFormValues,
  problemsOfStep,
  serverProblems,
  updateBodyOf,
  validateProgramValues,
  valuesOfProgram,
} from './form-values.ts';

const OWNER = '11111111-1111-4111-8111-111111111111';
const PARTNER = '22222222-2222-4222-8222-222222222222';

function filled(patch: Partial<ProgramFormValues> = {}): ProgramFormValues {
  return {
    ...emptyProgramValues({ id: OWNER, legalName: 'Yayasan Peduli Anak Sasak' }),
    title: 'Pendampingan gizi balita',
    issues: ['tengkes'],
    modality: 'training',
    villages: [{ code: '52.03.01.2002', name: 'Ekas Buana', targetHouseholds: 40, targetPersons: '' }],
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    budgetPlanned: 250_000_000,
    ...patch,
  };
}

describe('program form values → request body', () => {
  it('sends empty numbers as null, trims text, leaves blank rows out and keeps row numbers for errors', () => {
    const { body, partnerRows, documentRows } = bodyOfValues(
      filled({
        title: '  Pendampingan gizi balita ',
        description: '   ',
        partners: [
          { organisation: null, role: '', contributionMoney: '', contributionInKind: '' },
          {
            organisation: { id: PARTNER, legalName: 'PT X' },
            role: 'funder',
            contributionMoney: 5000,
            contributionInKind: ' ',
          },
        ],
        documents: [
          { title: '', url: '' },
          { title: ' Proposal ', url: 'https://contoh.id/p.pdf' },
        ],
        wholeAreas: [{ code: '52.03.02', name: 'Keruak' }],
      }),
    );
    expect(body).toMatchObject({
      ownerOrgId: OWNER,
      title: 'Pendampingan gizi balita',
      description: null,
      villages: [{ code: '52.03.01.2002', targetHouseholds: 40, targetPersons: null }],
      wholeAreas: ['52.03.02'],
      partners: [
        { organisationId: PARTNER, role: 'funder', contributionMoney: 5000, contributionInKind: null },
      ],
      documents: [{ title: 'Proposal', url: 'https://contoh.id/p.pdf' }],
      budgetPlanned: 250_000_000,
      budgetRealised: null,
      targetHouseholds: null,
    });
    expect(body).not.toHaveProperty('key');
    expect(partnerRows).toEqual([1]);
    expect(documentRows).toEqual([1]);
  });

  it('adds the initial status when creating and the version when updating', () => {
    expect(createBodyOf(filled({ status: 'planned' })).status).toBe('planned');
    const update = updateBodyOf(filled({ key: 'ypas-gizi-2025' }), 4);
    expect(update).toMatchObject({ version: 4, key: 'ypas-gizi-2025' });
    expect(update).not.toHaveProperty('status');
  });

  it('reads a saved program back into the same values', () => {
    const program = {
      key: 'ypas-gizi-2025',
      owner: { id: OWNER, name: 'Yayasan Peduli Anak Sasak', type: 'ngo' },
      title: 'Pendampingan gizi balita',
      description: null,
      issues: ['tengkes'],
      modality: 'training',
      villages: [
        {
          code: '52.03.01.2002',
          name: 'Ekas Buana',
          kind: 'desa',
          districtCode: '52.03.01',
          districtName: 'Jerowaru',
          regencyCode: '52.03',
          regencyName: 'Kabupaten Lombok Timur',
          targetHouseholds: 40,
          targetPersons: null,
        },
      ],
      partners: [],
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      budgetPlanned: 250_000_000,
      budgetRealised: null,
      targetHouseholds: null,
      targetPersons: null,
      reachedHouseholds: null,
      reachedPersons: null,
      documents: [],
    } as unknown as Program;
    const values = valuesOfProgram(program);
    expect(values.villages[0]).toMatchObject({
      districtName: 'Jerowaru',
      targetHouseholds: 40,
      targetPersons: '',
    });
    expect(bodyOfValues(values).body.villages).toEqual([
      { code: '52.03.01.2002', targetHouseholds: 40, targetPersons: null },
    ]);
  });
});

describe('program form validation (the shared schema, by step)', () => {
  it('accepts a complete program', () => {
    expect(validateProgramValues(filled())).toEqual({});
  });

  it('names empty required fields "required" on the basics step', () => {
    const problems = validateProgramValues(
      filled({ owner: null, title: '', issues: [], modality: '', periodStart: '', periodEnd: '' }),
    );
    expect(problemsOfStep(problems, 'basics')).toEqual({
      owner: { code: 'required' },
      title: { code: 'required' },
      issues: { code: 'required' },
      modality: { code: 'required' },
    });
    expect(problemsOfStep(problems, 'money')).toEqual({
      periodStart: { code: 'required' },
      periodEnd: { code: 'required' },
    });
    expect(firstStepWithProblem(problems)).toBe('basics');
  });

  it('says an end before the start, and negative money, in words of their own', () => {
    expect(validateProgramValues(filled({ periodEnd: '2024-12-31' }))).toEqual({
      periodEnd: { code: 'before_start' },
    });
    expect(validateProgramValues(filled({ budgetPlanned: -5, budgetRealised: -1 }))).toEqual({
      budgetPlanned: { code: 'negative' },
      budgetRealised: { code: 'negative' },
    });
    expect(validateProgramValues(filled({ periodStart: '2010-01-01' }))).toEqual({
      periodStart: { code: 'year_range' },
    });
  });

  it('puts a partner row problem on the row the reader sees', () => {
    const problems = validateProgramValues(
      filled({
        partners: [
          { organisation: null, role: '', contributionMoney: '', contributionInKind: '' },
          { organisation: null, role: 'funder', contributionMoney: -1, contributionInKind: '' },
        ],
      }),
    );
    expect(problems).toEqual({
      'partners.1.organisation': { code: 'required' },
      'partners.1.contributionMoney': { code: 'negative' },
    });
    expect(firstStepWithProblem(problems)).toBe('who');
  });

  it('asks for a village once the program is past the draft stage', () => {
    expect(validateProgramValues(filled({ villages: [] }))).toEqual({});
    expect(validateProgramValues(filled({ villages: [], status: 'active' }))).toEqual({
      villages: { code: 'required' },
    });
    expect(
      validateProgramValues(
        filled({ villages: [], wholeAreas: [{ code: '52.03', name: 'Lotim' }], status: 'active' }),
      ),
    ).toEqual({});
    expect(validateProgramValues(filled({ villages: [] }), { version: 2, status: 'planned' })).toEqual({
      villages: { code: 'required' },
    });
  });

  it('maps the server’s field problems (body paths) onto form fields and rows', () => {
    const values = filled({
      partners: [
        { organisation: null, role: '', contributionMoney: '', contributionInKind: '' },
        {
          organisation: { id: PARTNER, legalName: 'PT X' },
          role: 'funder',
          contributionMoney: '',
          contributionInKind: '',
        },
      ],
    });
    const error = new ApiError('VALIDATION_FAILED', 400, 'invalid', 'r1', [
      { path: 'body.periodEnd', message: 'ends before it starts', code: 'end_before_start' },
      { path: 'body.villages.0.code', message: 'unknown', code: 'unknown_area' },
      { path: 'body.partners.0.organisationId', message: 'owner', code: 'partner_is_owner' },
      { path: 'body.issues.0', message: 'unknown issue', code: 'unknown_issue' },
    ]);
    expect(serverProblems(error, values)).toEqual({
      periodEnd: { code: 'before_start' },
      'villages.0': { code: 'unknown_area' },
      'partners.1.organisation': { code: 'partner_is_owner' },
      issues: { code: 'unknown_issue' },
    });
    expect(serverProblems(new ApiError('VERSION_CONFLICT', 409, 'stale', 'r2'), values)).toEqual({});
  });
});
