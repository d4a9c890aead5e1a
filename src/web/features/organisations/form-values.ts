/**
 * The organisation form's values, their conversion to the API body, and validation with the
 * shared `createOrganisationBody` schema (the one the server validates with), so the browser
 * refuses exactly what the server would and names the same fields.
 */
import {
  type CreateOrganisationInput,
  createOrganisationBody,
  type Organisation,
} from '../../../shared/contracts/organisations.ts';
import {
  LEVELLED_TYPES,
  type OfferKind,
  type OrganisationLevel,
  type OrganisationType,
} from '../../../shared/roles.ts';
import {
  type FieldProblems,
  type PathMapper,
  problemsFromApiError,
  problemsFromZod,
} from '../../lib/form-errors.ts';

/** An area chosen in a picker: the code is what is saved, the name what is shown. */
export type AreaRef = { code: string; name: string };
export type OrganisationRef = { id: string; legalName: string };

export type ContactRow = { name: string; position: string; phone: string; email: string };

export type OrganisationFormValues = {
  legalName: string;
  shortName: string;
  type: OrganisationType | '';
  level: OrganisationLevel | '';
  parentId: OrganisationRef | null;
  areaCode: AreaRef | null;
  address: string;
  website: string;
  description: string;
  issues: string[];
  coverageAreas: AreaRef[];
  offers: OfferKind[];
  contacts: ContactRow[];
};

export const EMPTY_CONTACT: ContactRow = { name: '', position: '', phone: '', email: '' };

export function emptyOrganisationValues(): OrganisationFormValues {
  return {
    legalName: '',
    shortName: '',
    type: '',
    level: '',
    parentId: null,
    areaCode: null,
    address: '',
    website: '',
    description: '',
    issues: [],
    coverageAreas: [],
    offers: [],
    contacts: [],
  };
}

export function valuesOfOrganisation(org: Organisation): OrganisationFormValues {
  return {
    legalName: org.legalName,
    shortName: org.shortName ?? '',
    type: org.type,
    level: org.level ?? '',
    parentId: org.parent ? { id: org.parent.id, legalName: org.parent.legalName } : null,
    areaCode: { code: org.areaCode, name: org.areaName },
    address: org.address ?? '',
    website: org.website ?? '',
    description: org.description ?? '',
    issues: [...org.issues],
    coverageAreas: org.coverageAreas.map((a) => ({ code: a.code, name: a.name })),
    offers: [...org.offers],
    contacts: org.contacts.map((c) => ({
      name: c.name,
      position: c.position ?? '',
      phone: c.phone ?? '',
      email: c.email ?? '',
    })),
  };
}

export function isLevelledType(type: string): boolean {
  return (LEVELLED_TYPES as readonly string[]).includes(type);
}

const optional = (text: string): string | null => (text.trim() === '' ? null : text.trim());
const contactIsBlank = (c: ContactRow) =>
  !c.name.trim() && !c.position.trim() && !c.phone.trim() && !c.email.trim();

export type OrganisationBody = Omit<CreateOrganisationInput, 'confirmDuplicate'>;

/**
 * The API body for the form's values. Blank contact rows are left out; `contactRows[i]` is the
 * form row of the body's i-th contact, so errors on `contacts.i` land on the right row.
 */
export function bodyOfValues(values: OrganisationFormValues): {
  body: OrganisationBody;
  contactRows: number[];
} {
  const contactRows: number[] = [];
  const contacts = values.contacts.flatMap((c, row) => {
    if (contactIsBlank(c)) return [];
    contactRows.push(row);
    return [
      {
        name: c.name.trim(),
        position: optional(c.position),
        phone: optional(c.phone),
        email: optional(c.email),
      },
    ];
  });
  const body: OrganisationBody = {
    legalName: values.legalName.trim(),
    shortName: optional(values.shortName),
    // An unchosen type is sent as '' so the schema reports it like any other bad value.
    type: values.type as OrganisationType,
    level: isLevelledType(values.type) && values.level ? values.level : null,
    parentId: values.parentId?.id ?? null,
    areaCode: values.areaCode?.code ?? '',
    address: optional(values.address),
    website: optional(values.website),
    description: optional(values.description),
    issues: values.issues,
    coverageAreas: values.coverageAreas.map((a) => a.code),
    offers: values.offers,
    contacts,
  };
  return { body, contactRows };
}

/** Lists of codes show one message for the whole picker; contacts keep their row and field. */
function pathMapper(contactRows: number[]): PathMapper {
  return (path) => {
    const [field, index, sub] = path;
    if (field === 'contacts' && typeof index === 'number' && sub !== undefined) {
      return `contacts.${contactRows[index] ?? index}.${String(sub)}`;
    }
    if (field === 'issues' || field === 'coverageAreas' || field === 'offers' || field === 'contacts') {
      return String(field);
    }
    return path.map(String).join('.');
  };
}

/** An empty required field reads "required", whatever check the schema tripped on. */
function markEmptyAsRequired(problems: FieldProblems, values: OrganisationFormValues): FieldProblems {
  const empty: Record<string, boolean> = {
    legalName: values.legalName.trim() === '',
    type: values.type === '',
    level: values.level === '',
    areaCode: values.areaCode === null,
  };
  for (const [path, problem] of Object.entries(problems)) {
    const contactName = /^contacts\.(\d+)\.name$/.exec(path);
    const isEmpty = contactName
      ? values.contacts[Number(contactName[1])]?.name.trim() === ''
      : (empty[path] ?? false);
    if (isEmpty) problems[path] = { code: 'required' };
    else if (path === 'level' && problem.code === 'custom') problems[path] = { code: 'not_allowed' };
  }
  return problems;
}

/** Checks the values with the shared schema; an empty object when the server would accept them. */
export function validateOrganisationValues(values: OrganisationFormValues): FieldProblems {
  const { body, contactRows } = bodyOfValues(values);
  const result = createOrganisationBody.safeParse(body);
  if (result.success) return {};
  return markEmptyAsRequired(problemsFromZod(result.error.issues, pathMapper(contactRows)), values);
}

/** Field problems from the server's answer to a body built from these values. */
export function serverProblems(error: unknown, values: OrganisationFormValues): FieldProblems {
  const { contactRows } = bodyOfValues(values);
  return problemsFromApiError(error, pathMapper(contactRows));
}

/**
 * True when the edit changes a legal field (legal name, type, level, seat): the server then returns
 * a verified organisation to review unless the editor may verify it (docs/organisations.md).
 */
export function changesLegalFields(initial: OrganisationFormValues, values: OrganisationFormValues): boolean {
  return (
    initial.legalName.trim() !== values.legalName.trim() ||
    initial.type !== values.type ||
    initial.level !== values.level ||
    (initial.areaCode?.code ?? null) !== (values.areaCode?.code ?? null)
  );
}

/**
 * A named organisation of an answer as a picker value; null for one withheld from the reader (only
 * visitors get those, and they edit nothing).
 */
export function pickedOrganisation(org: { id: string | null; name: string | null }): OrganisationRef | null {
  return org.id !== null && org.name !== null ? { id: org.id, legalName: org.name } : null;
}
