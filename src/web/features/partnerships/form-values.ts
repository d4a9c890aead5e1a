/**
 * The partnership form's values, their conversion to the API body, and validation with the
 * shared `createPartnershipBody`/`updatePartnershipBody` schemas, so the browser refuses what the
 * server would (two or more different parties, an end not before the start) and names the field.
 */
import type { z } from 'zod';
import {
  createPartnershipBody,
  type Partnership,
  updatePartnershipBody,
} from '../../../shared/contracts/partnerships.ts';
import type { AgreementType, PartyRole } from '../../../shared/programs.ts';
import { type DocumentRow, documentsOfRows } from '../../lib/document-links.ts';
import {
  type FieldProblems,
  type PathMapper,
  problemsFromApiError,
  problemsFromZod,
} from '../../lib/form-errors.ts';
import { type OrganisationRef, pickedOrganisation } from '../organisations/form-values.ts';
import { type NumberValue, numberOrNull } from '../programs/form-values.ts';

export type PartyRow = {
  organisation: OrganisationRef | null;
  role: PartyRole | '';
  commitmentMoney: NumberValue;
  commitmentInKind: string;
  commitmentExpertise: string;
  commitmentMonths: NumberValue;
};

/** A partnership or program chosen in a picker: the id is saved, the title shown. */
export type TitledRef = { id: string; title: string };

export type InitialPartnershipStatus = 'draft' | 'signed' | 'active';

export type PartnershipFormValues = {
  key: string;
  title: string;
  description: string;
  agreementType: AgreementType | '';
  agreementNumber: string;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  renews: TitledRef | null;
  parties: PartyRow[];
  programs: TitledRef[];
  documents: DocumentRow[];
  /** Only when creating: later changes go through the status buttons. */
  status: InitialPartnershipStatus;
};

export const EMPTY_PARTY: PartyRow = {
  organisation: null,
  role: '',
  commitmentMoney: '',
  commitmentInKind: '',
  commitmentExpertise: '',
  commitmentMonths: '',
};

/** A new partnership starts with two party rows (it needs at least two), the first one `first`. */
export function emptyPartnershipValues(first: OrganisationRef | null = null): PartnershipFormValues {
  return {
    key: '',
    title: '',
    description: '',
    agreementType: '',
    agreementNumber: '',
    signedOn: '',
    startsOn: '',
    endsOn: '',
    renews: null,
    parties: [{ ...EMPTY_PARTY, organisation: first, role: first ? 'lead' : '' }, { ...EMPTY_PARTY }],
    programs: [],
    documents: [],
    status: 'draft',
  };
}

const orEmpty = (value: number | null): NumberValue => (value === null ? '' : value);

export function valuesOfPartnership(p: Partnership): PartnershipFormValues {
  const renewed = p.renewsId ? p.chain.find((c) => c.id === p.renewsId) : undefined;
  return {
    key: p.key,
    title: p.title,
    description: p.description ?? '',
    agreementType: p.agreementType,
    agreementNumber: p.agreementNumber ?? '',
    signedOn: p.signedOn ?? '',
    startsOn: p.startsOn ?? '',
    endsOn: p.endsOn ?? '',
    renews: p.renewsId ? { id: p.renewsId, title: renewed?.title ?? p.renewsId } : null,
    parties: p.parties.map((party) => ({
      organisation: pickedOrganisation(party),
      role: party.role,
      commitmentMoney: orEmpty(party.commitmentMoney),
      commitmentInKind: party.commitmentInKind ?? '',
      commitmentExpertise: party.commitmentExpertise ?? '',
      commitmentMonths: orEmpty(party.commitmentMonths),
    })),
    programs: p.programs.map((program) => ({ id: program.id, title: program.title })),
    documents: p.documents.map((d) => ({ title: d.title, url: d.url })),
    status: 'draft',
  };
}

const optionalText = (text: string): string | null => (text.trim() === '' ? null : text.trim());
const optionalDate = (text: string): string | null => (text === '' ? null : text);

const partyIsBlank = (p: PartyRow) =>
  p.organisation === null &&
  p.role === '' &&
  numberOrNull(p.commitmentMoney) === null &&
  numberOrNull(p.commitmentMonths) === null &&
  p.commitmentInKind.trim() === '' &&
  p.commitmentExpertise.trim() === '';

export type CreatePartnershipBody = z.input<typeof createPartnershipBody>;
export type UpdatePartnershipBody = z.input<typeof updatePartnershipBody>;
type CommonBody = Omit<CreatePartnershipBody, 'status'>;

/** The API body; `partyRows[i]`/`documentRows[i]` is the form row of the body's i-th item. */
export function bodyOfPartnershipValues(values: PartnershipFormValues): {
  body: CommonBody;
  partyRows: number[];
  documentRows: number[];
} {
  const partyRows: number[] = [];
  const parties = values.parties.flatMap((p, row) => {
    if (partyIsBlank(p)) return [];
    partyRows.push(row);
    return [
      {
        organisationId: p.organisation?.id ?? '',
        role: p.role as PartyRole,
        commitmentMoney: numberOrNull(p.commitmentMoney),
        commitmentInKind: optionalText(p.commitmentInKind),
        commitmentExpertise: optionalText(p.commitmentExpertise),
        commitmentMonths: numberOrNull(p.commitmentMonths),
      },
    ];
  });
  const { documents, documentRows } = documentsOfRows(values.documents);
  const body: CommonBody = {
    title: values.title.trim(),
    description: optionalText(values.description),
    agreementType: values.agreementType as AgreementType,
    agreementNumber: optionalText(values.agreementNumber),
    signedOn: optionalDate(values.signedOn),
    startsOn: optionalDate(values.startsOn),
    endsOn: optionalDate(values.endsOn),
    renewsId: values.renews?.id ?? null,
    parties,
    programIds: values.programs.map((p) => p.id),
    documents,
  };
  if (values.key.trim() !== '') body.key = values.key.trim();
  return { body, partyRows, documentRows };
}

export function createPartnershipBodyOf(values: PartnershipFormValues): CreatePartnershipBody {
  return { ...bodyOfPartnershipValues(values).body, status: values.status };
}

export function updatePartnershipBodyOf(
  values: PartnershipFormValues,
  version: number,
): UpdatePartnershipBody {
  return { ...bodyOfPartnershipValues(values).body, version };
}

function pathMapper(partyRows: number[], documentRows: number[]): PathMapper {
  return (path) => {
    const [field, index, sub] = path;
    if (field === 'renewsId') return 'renews';
    if (field === 'programIds') return 'programs';
    if (field === 'parties' && typeof index === 'number' && sub !== undefined) {
      const column = sub === 'organisationId' ? 'organisation' : String(sub);
      return `parties.${partyRows[index] ?? index}.${column}`;
    }
    if (field === 'documents' && typeof index === 'number' && sub !== undefined) {
      return `documents.${documentRows[index] ?? index}.${String(sub)}`;
    }
    if (field === 'parties' || field === 'documents') return String(field);
    return path.map(String).join('.');
  };
}

function refine(problems: FieldProblems, values: PartnershipFormValues): FieldProblems {
  const chosen = values.parties.flatMap((p) => (p.organisation ? [p.organisation.id] : []));
  const empty: Record<string, boolean> = {
    title: values.title.trim() === '',
    agreementType: values.agreementType === '',
  };
  for (const [path, problem] of Object.entries(problems)) {
    const partyField = /^parties\.(\d+)\.(organisation|role)$/.exec(path);
    const documentField = /^documents\.(\d+)\.(title|url)$/.exec(path);
    let isEmpty = empty[path] ?? false;
    if (partyField) {
      const row = values.parties[Number(partyField[1])];
      isEmpty = partyField[2] === 'organisation' ? row?.organisation === null : row?.role === '';
    } else if (documentField) {
      const row = values.documents[Number(documentField[1])];
      isEmpty = (documentField[2] === 'title' ? row?.title : row?.url)?.trim() === '';
    }
    if (isEmpty) problems[path] = { code: 'required' };
    else if (path === 'parties') {
      problems[path] = { code: new Set(chosen).size < 2 ? 'too_few' : 'duplicate' };
    } else if (/^parties\.\d+\.commitmentMoney$/.test(path) && problem.code === 'too_small') {
      problems[path] = { code: 'negative' };
    } else if (path === 'endsOn' && problem.code === 'custom') problems[path] = { code: 'before_start' };
  }
  return problems;
}

export function validatePartnershipValues(values: PartnershipFormValues, version?: number): FieldProblems {
  const { partyRows, documentRows } = bodyOfPartnershipValues(values);
  const result =
    version === undefined
      ? createPartnershipBody.safeParse(createPartnershipBodyOf(values))
      : updatePartnershipBody.safeParse(updatePartnershipBodyOf(values, version));
  if (result.success) return {};
  return refine(problemsFromZod(result.error.issues, pathMapper(partyRows, documentRows)), values);
}

export function partnershipServerProblems(error: unknown, values: PartnershipFormValues): FieldProblems {
  const { partyRows, documentRows } = bodyOfPartnershipValues(values);
  return refine(problemsFromApiError(error, pathMapper(partyRows, documentRows)), values);
}
