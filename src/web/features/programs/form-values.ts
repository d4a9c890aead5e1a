/**
 * The program form's values, their conversion to the API body, and validation with the shared
 * `createProgramBody`/`updateProgramBody` schemas (the ones the server validates with), so the
 * browser refuses exactly what the server would and names the same fields. The form is a
 * stepper: each problem belongs to the step that shows its field.
 */
import type { z } from 'zod';
import {
  type CreateProgramInput,
  createProgramBody,
  type Program,
  updateProgramBody,
} from '../../../shared/contracts/programs.ts';
import type { Modality, PartnerRole, ProgramStatus } from '../../../shared/programs.ts';
import { type DocumentRow, documentsOfRows } from '../../lib/document-links.ts';
import {
  type FieldProblems,
  type PathMapper,
  problemsFromApiError,
  problemsFromZod,
} from '../../lib/form-errors.ts';
import { type AreaRef, type OrganisationRef, pickedOrganisation } from '../organisations/form-values.ts';

/** A number field: a number, or '' when left empty (what Mantine's NumberInput gives). */
export type NumberValue = number | string;

export type VillageRow = {
  code: string;
  name: string;
  districtName?: string;
  regencyName?: string;
  targetHouseholds: NumberValue;
  targetPersons: NumberValue;
};

export type PartnerRow = {
  organisation: OrganisationRef | null;
  role: PartnerRole | '';
  contributionMoney: NumberValue;
  contributionInKind: string;
};

export type InitialStatus = 'draft' | 'planned' | 'active';

export type ProgramFormValues = {
  key: string;
  owner: OrganisationRef | null;
  title: string;
  description: string;
  issues: string[];
  modality: Modality | '';
  /** Only when creating: later changes go through the status buttons. */
  status: InitialStatus;
  villages: VillageRow[];
  wholeAreas: AreaRef[];
  partners: PartnerRow[];
  periodStart: string;
  periodEnd: string;
  budgetPlanned: NumberValue;
  budgetRealised: NumberValue;
  targetHouseholds: NumberValue;
  targetPersons: NumberValue;
  reachedHouseholds: NumberValue;
  reachedPersons: NumberValue;
  documents: DocumentRow[];
};

export const EMPTY_PARTNER: PartnerRow = {
  organisation: null,
  role: '',
  contributionMoney: '',
  contributionInKind: '',
};

export function emptyProgramValues(owner: OrganisationRef | null = null): ProgramFormValues {
  return {
    key: '',
    owner,
    title: '',
    description: '',
    issues: [],
    modality: '',
    status: 'draft',
    villages: [],
    wholeAreas: [],
    partners: [],
    periodStart: '',
    periodEnd: '',
    budgetPlanned: '',
    budgetRealised: '',
    targetHouseholds: '',
    targetPersons: '',
    reachedHouseholds: '',
    reachedPersons: '',
    documents: [],
  };
}

const numberOrEmpty = (value: number | null): NumberValue => (value === null ? '' : value);

export function valuesOfProgram(program: Program): ProgramFormValues {
  return {
    key: program.key,
    owner: pickedOrganisation(program.owner),
    title: program.title,
    description: program.description ?? '',
    issues: [...program.issues],
    modality: program.modality,
    status: 'draft',
    villages: program.villages.map((v) => ({
      code: v.code,
      name: v.name,
      districtName: v.districtName,
      regencyName: v.regencyName,
      targetHouseholds: numberOrEmpty(v.targetHouseholds),
      targetPersons: numberOrEmpty(v.targetPersons),
    })),
    wholeAreas: [],
    partners: program.partners.map((p) => ({
      organisation: pickedOrganisation(p.organisation),
      role: p.role,
      contributionMoney: numberOrEmpty(p.contributionMoney),
      contributionInKind: p.contributionInKind ?? '',
    })),
    periodStart: program.periodStart,
    periodEnd: program.periodEnd,
    budgetPlanned: numberOrEmpty(program.budgetPlanned),
    budgetRealised: numberOrEmpty(program.budgetRealised),
    targetHouseholds: numberOrEmpty(program.targetHouseholds),
    targetPersons: numberOrEmpty(program.targetPersons),
    reachedHouseholds: numberOrEmpty(program.reachedHouseholds),
    reachedPersons: numberOrEmpty(program.reachedPersons),
    documents: program.documents.map((d) => ({ title: d.title, url: d.url })),
  };
}

const optionalText = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * A number field for the API: null when empty. A value that is not a number (a stray character)
 * stays NaN so the schema reports it instead of it being dropped silently.
 */
export function numberOrNull(value: NumberValue): number | null {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (text === '') return null;
  return Number(text);
}

const partnerIsBlank = (p: PartnerRow) =>
  p.organisation === null &&
  p.role === '' &&
  numberOrNull(p.contributionMoney) === null &&
  p.contributionInKind.trim() === '';

export type ProgramBody = Omit<CreateProgramInput, 'status'>;

/**
 * The API body for the form's values. Blank partner and document rows are left out;
 * `partnerRows[i]`/`documentRows[i]` is the form row of the body's i-th item, so errors on
 * `partners.i` land on the right row.
 */
export function bodyOfValues(values: ProgramFormValues): {
  body: ProgramBody;
  partnerRows: number[];
  documentRows: number[];
} {
  const partnerRows: number[] = [];
  const partners = values.partners.flatMap((p, row) => {
    if (partnerIsBlank(p)) return [];
    partnerRows.push(row);
    return [
      {
        // An unchosen organisation or role is sent as '' so the schema reports it like any bad value.
        organisationId: p.organisation?.id ?? '',
        role: p.role as PartnerRole,
        contributionMoney: numberOrNull(p.contributionMoney),
        contributionInKind: optionalText(p.contributionInKind),
      },
    ];
  });
  const { documents, documentRows } = documentsOfRows(values.documents);
  const budgetPlanned = numberOrNull(values.budgetPlanned);
  const body: ProgramBody = {
    ownerOrgId: values.owner?.id ?? '',
    title: values.title.trim(),
    description: optionalText(values.description),
    issues: values.issues,
    villages: values.villages.map((v) => ({
      code: v.code,
      targetHouseholds: numberOrNull(v.targetHouseholds),
      targetPersons: numberOrNull(v.targetPersons),
    })),
    wholeAreas: values.wholeAreas.map((a) => a.code),
    partners,
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
    // An empty planned budget is "none yet": the schema's default of 0.
    // Empty stays empty: an unknown budget is sent as null, never as 0.
    budgetPlanned,
    budgetRealised: numberOrNull(values.budgetRealised),
    modality: values.modality as Modality,
    targetHouseholds: numberOrNull(values.targetHouseholds),
    targetPersons: numberOrNull(values.targetPersons),
    reachedHouseholds: numberOrNull(values.reachedHouseholds),
    reachedPersons: numberOrNull(values.reachedPersons),
    documents,
  };
  if (values.key.trim() !== '') body.key = values.key.trim();
  return { body, partnerRows, documentRows };
}

export type CreateBody = z.input<typeof createProgramBody>;
export type UpdateBody = z.input<typeof updateProgramBody>;

export function createBodyOf(values: ProgramFormValues): CreateBody {
  return { ...bodyOfValues(values).body, status: values.status };
}

export function updateBodyOf(values: ProgramFormValues, version: number): UpdateBody {
  return { ...bodyOfValues(values).body, version };
}

/** Body paths to form paths: rows renumbered past blank ones, lists of codes shown as a whole. */
function pathMapper(partnerRows: number[], documentRows: number[]): PathMapper {
  return (path) => {
    const [field, index, sub] = path;
    if (field === 'ownerOrgId') return 'owner';
    if (field === 'partners' && typeof index === 'number' && sub !== undefined) {
      const column = sub === 'organisationId' ? 'organisation' : String(sub);
      return `partners.${partnerRows[index] ?? index}.${column}`;
    }
    if (field === 'documents' && typeof index === 'number' && sub !== undefined) {
      return `documents.${documentRows[index] ?? index}.${String(sub)}`;
    }
    if (field === 'villages' && typeof index === 'number') {
      return sub === undefined || sub === 'code' ? `villages.${index}` : `villages.${index}.${String(sub)}`;
    }
    if (['issues', 'wholeAreas', 'partners', 'documents', 'villages'].includes(String(field))) {
      return String(field);
    }
    return path.map(String).join('.');
  };
}

const NUMBER_FIELD =
  /^(budgetPlanned|budgetRealised|targetHouseholds|targetPersons|reachedHouseholds|reachedPersons|villages\.\d+\.target(Households|Persons)|partners\.\d+\.contributionMoney)$/;

/**
 * Gives the schema's generic codes the words a person needs: an empty required field reads
 * "required", a negative amount "must not be negative", and the period rule says which part failed.
 */
function refine(problems: FieldProblems, values: ProgramFormValues): FieldProblems {
  const empty: Record<string, boolean> = {
    owner: values.owner === null,
    title: values.title.trim() === '',
    modality: values.modality === '',
    periodStart: values.periodStart === '',
    periodEnd: values.periodEnd === '',
    issues: values.issues.length === 0,
  };
  for (const [path, problem] of Object.entries(problems)) {
    const partnerField = /^partners\.(\d+)\.(organisation|role)$/.exec(path);
    const documentField = /^documents\.(\d+)\.(title|url)$/.exec(path);
    let isEmpty = empty[path] ?? false;
    if (partnerField) {
      const row = values.partners[Number(partnerField[1])];
      isEmpty = partnerField[2] === 'organisation' ? row?.organisation === null : row?.role === '';
    } else if (documentField) {
      const row = values.documents[Number(documentField[1])];
      isEmpty = (documentField[2] === 'title' ? row?.title : row?.url)?.trim() === '';
    }
    if (isEmpty) problems[path] = { code: 'required' };
    else if (NUMBER_FIELD.test(path) && problem.code === 'too_small') problems[path] = { code: 'negative' };
    else if (NUMBER_FIELD.test(path) && problem.code === 'invalid_type')
      problems[path] = { code: 'not_whole' };
    else if (path === 'periodEnd' && problem.code === 'end_before_start')
      problems[path] = { code: 'before_start' };
    else if ((path === 'periodStart' || path === 'periodEnd') && problem.code === 'custom') {
      const beforeStart =
        path === 'periodEnd' && values.periodStart !== '' && values.periodEnd < values.periodStart;
      problems[path] = { code: beforeStart ? 'before_start' : 'year_range' };
    }
  }
  return problems;
}

/** The program being edited, as far as validation needs it. */
export type EditedProgram = { version: number; status: ProgramStatus };

/**
 * Checks the values with the shared schema, plus the server's rule that a program past the draft
 * stage has at least one village; an empty object when the server would accept them.
 */
export function validateProgramValues(values: ProgramFormValues, edited?: EditedProgram): FieldProblems {
  const { partnerRows, documentRows } = bodyOfValues(values);
  const result =
    edited === undefined
      ? createProgramBody.safeParse(createBodyOf(values))
      : updateProgramBody.safeParse(updateBodyOf(values, edited.version));
  const problems = result.success
    ? {}
    : refine(problemsFromZod(result.error.issues, pathMapper(partnerRows, documentRows)), values);
  const status = edited?.status ?? values.status;
  if (status !== 'draft' && values.villages.length === 0 && values.wholeAreas.length === 0) {
    problems.villages ??= { code: 'required' };
  }
  return problems;
}

/** Field problems from the server's answer to a body built from these values. */
export function serverProblems(error: unknown, values: ProgramFormValues): FieldProblems {
  const { partnerRows, documentRows } = bodyOfValues(values);
  return refine(problemsFromApiError(error, pathMapper(partnerRows, documentRows)), values);
}

/** The form's steps, in order; "review" shows everything and has no fields of its own. */
export const PROGRAM_STEPS = ['basics', 'where', 'who', 'money', 'results', 'review'] as const;
export type ProgramStep = (typeof PROGRAM_STEPS)[number];

/** The step whose fields include `path`. */
export function stepOfPath(path: string): ProgramStep {
  const field = path.split('.')[0] ?? '';
  if (['villages', 'wholeAreas'].includes(field)) return 'where';
  if (field === 'partners') return 'who';
  if (['periodStart', 'periodEnd', 'budgetPlanned', 'budgetRealised'].includes(field)) return 'money';
  if (
    ['targetHouseholds', 'targetPersons', 'reachedHouseholds', 'reachedPersons', 'documents'].includes(field)
  )
    return 'results';
  return 'basics';
}

/** The problems that belong to one step. */
export function problemsOfStep(problems: FieldProblems, step: ProgramStep): FieldProblems {
  return Object.fromEntries(Object.entries(problems).filter(([path]) => stepOfPath(path) === step));
}

/** The first step with a problem, or null. */
export function firstStepWithProblem(problems: FieldProblems): ProgramStep | null {
  const steps = new Set(Object.keys(problems).map(stepOfPath));
  return PROGRAM_STEPS.find((s) => steps.has(s)) ?? null;
}
