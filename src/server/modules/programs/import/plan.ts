/**
 * From a stored sheet and the user's mapping to the programs a person would read from
 * it, with every problem by row and column. Pure: the caller loads areas, issues and
 * organisations first (see import-programs.ts), so this runs in unit tests without a
 * database and the commit job can re-run it on exactly the same inputs.
 *
 * Steps: read each row below the header (skipping blanks, headings and totals rows),
 * normalise its cells, attach rows without a title to the program above, group rows of
 * the same program, and combine each group into one program. Grouping and the budget
 * rule are described in docs/program-import.md.
 */

import { createHash } from 'node:crypto';
import { levelOfCode, normalizeAreaName } from '../../../../shared/area-code.ts';
import { TOO_LONG, textLimitOfIssue, tooLongMessage } from '../../../../shared/contracts/limits.ts';
import type {
  ImportField,
  ImportMapping,
  ImportProblem,
  ImportWarning,
  PlannedProgram,
  SKIP_REASONS,
  StoredCell,
} from '../../../../shared/contracts/program-import.ts';
import { createProgramBody, type ProgramInput } from '../../../../shared/contracts/programs.ts';
import { formatRupiah } from '../../../../shared/format.ts';
import { isProductive, MODALITIES, type Modality } from '../../../../shared/programs.ts';
import { LEVELLED_TYPES, ORGANISATION_TYPES, type OrganisationType } from '../../../../shared/roles.ts';
import { type IsoDate, parseDate, parsePeriod, type SheetCell } from '../normalise/dates.ts';
import { parseRupiah } from '../normalise/money.ts';
import { looksLikeTotalsRow } from '../normalise/totals.ts';
import { budgetUnitOf, cellText, columnLetterOf, headerTexts } from './columns.ts';
import { REJECT } from './corrections.ts';
import {
  type AreaIndex,
  areaLabel,
  type LocationIssue,
  type Reading,
  readLocation,
} from './read-location.ts';
import type { MergedRange, StoredSheet } from './read-workbook.ts';
import { type IssueVocabulary, readModality, splitIssueCell } from './vocabulary.ts';

export interface KnownOrganisation {
  id: string;
  key: string;
  name: string;
  /** Registered by this import when it is committed (answer "#new:TYPE"), of this type. */
  isNew?: boolean;
  type?: OrganisationType;
}

/** What a name written in an owner or partner cell matched: one organisation, or candidates to pick from. */
export type OrganisationMatch =
  | { status: 'found'; organisation: KnownOrganisation }
  | { status: 'unknown'; candidates: KnownOrganisation[] };

export interface PlanContext {
  areas: AreaIndex;
  issues: IssueVocabulary;
  /** By normalised name (normalizeAreaName), for every name the owner/partner cells hold. */
  organisationsByName: ReadonlyMap<string, OrganisationMatch>;
  /** The reporting organisation and every organisation id the resolutions name. */
  organisationsById: ReadonlyMap<string, KnownOrganisation>;
  /** May the importing user record a program of this owner in these villages (policies/programs.ts)? */
  mayRecord: (ownerOrgId: string, villageCodes: readonly string[]) => boolean;
  /** May the importing user register an organisation seated here (policies/organisations.ts)? */
  mayRegister?: (areaCode: string) => boolean;
  date1904?: boolean;
}

/** The mapping with columns as 0-based indexes. */
export interface PlanMapping {
  headerRow: number;
  columns: Partial<Record<ImportField, number>>;
  ownerOrgId?: string | undefined;
  defaults: ImportMapping['defaults'];
  resolutions: ImportMapping['resolutions'];
}

/** A program ready to write: the input for upsertProgramByKey, and the rows it came from. */
export interface ProgramToWrite {
  rows: number[];
  input: ProgramInput & { key: string };
}

/** An organisation the answers register when the import is committed. */
export interface NewOrganisation {
  /** The placeholder id the programs use until it is written. */
  id: string;
  key: string;
  name: string;
  type: OrganisationType;
  /** Seat: the kabupaten/kota of the first program naming it (or the province). */
  areaCode: string;
}

export interface Plan {
  programs: PlannedProgram[];
  newOrganisations: NewOrganisation[];
  /** Only when there are no problems. */
  inputs: ProgramToWrite[];
  problems: ImportProblem[];
  warnings: ImportWarning[];
  skipped: Array<{ row: number; reason: (typeof SKIP_REASONS)[number] }>;
  programRows: number;
}

/** Beyond this the list would only bury the first problems; the last entry says how many were left out. */
export const MAX_REPORTED_PROBLEMS = 1_000;

// ---------------------------------------------------------------------------------------------
// One row

interface RowValues {
  row: number;
  title: string;
  reference: string;
  ownerText: string;
  owner: KnownOrganisation | null;
  partners: Array<{ organisation: KnownOrganisation; role: 'implementer' | 'funder' }>;
  issues: string[];
  modality: Modality | null;
  /** The row wrote something in the issue / modality cell (so a missing value is that cell's problem). */
  issuesWritten: boolean;
  modalityWritten: boolean;
  period: { start: IsoDate; end: IsoDate } | null;
  budget: number | null;
  /** The merged range the budget cell lies in, when it spans several rows. */
  budgetMerge: MergedRange | null;
  budgetRealised: number | null;
  targetHouseholds: number | null;
  targetPersons: number | null;
  villages: string[];
  wholeAreas: string[];
  description: string;
  notes: string;
  /** Fields whose cell was empty and were taken from the row above (continuation rows). */
  continues: boolean;
  /** The row has a problem: its program is shown but not validated. */
  failed: boolean;
}

/** Cells people write for "same as above". */
const DITTO = /^(?:"|''|-"-|〃|idem|ditto|dto|sda|s\.d\.a\.?)$/i;

/** Values an empty-looking cell may hold: "-", "–", "Rp -". Money and counts treat them as empty too. */
const EMPTY_MARK = /^[-–—.]+$/;

const FIELDS_OF_PROGRAM_CONTENT: readonly ImportField[] = [
  'owner',
  'issues',
  'kabupaten',
  'kecamatan',
  'villages',
  'budgetPlanned',
  'budgetRealised',
  'period',
  'periodStart',
  'periodEnd',
  'modality',
  'targetHouseholds',
  'targetPersons',
  'partners',
  'funders',
];

const LOCATION_OR_MONEY: readonly ImportField[] = [
  'kabupaten',
  'kecamatan',
  'villages',
  'budgetPlanned',
  'targetHouseholds',
  'targetPersons',
];

/** What a problem or warning says besides its code: the values its sentence names, in both languages. */
export type Params = Record<string, string | number>;

interface ProblemExtra {
  item?: string | undefined;
  readings?: Reading[];
  droppable?: boolean;
  params?: Params;
}

class Reporter {
  readonly problems: ImportProblem[] = [];
  readonly warnings: ImportWarning[] = [];
  private readonly answers = new Map<string, string>();
  /** Answers for every row whose cell in a column says the same ("PT Baru" on rows 7, 9, 10). */
  private readonly valueAnswers = new Map<string, string>();
  /** Questions asked once per distinct value: the problem, to add more rows to. */
  private readonly asked = new Map<string, ImportProblem>();

  constructor(
    private readonly columns: Partial<Record<ImportField, number>>,
    resolutions: PlanMapping['resolutions'],
  ) {
    for (const r of resolutions) {
      const column = r.column.toUpperCase();
      if (r.allRows) this.valueAnswers.set(`${column}:${normalizeAreaName(r.item ?? '')}`, r.value);
      else this.answers.set(`${r.row}:${column}:${r.item ?? ''}`, r.value);
    }
  }

  letter(field: ImportField): string {
    const index = this.columns[field];
    return index === undefined ? '' : columnLetterOf(index);
  }

  answer(row: number, field: ImportField, item?: string): string | undefined {
    const letter = this.letter(field);
    if (!letter) return undefined;
    return this.answers.get(`${row}:${letter}:${item ?? ''}`);
  }

  /** The answer given for every row whose cell says `value`. */
  valueAnswer(field: ImportField, value: string): string | undefined {
    const letter = this.letter(field);
    if (!letter || !value) return undefined;
    return this.valueAnswers.get(`${letter}:${normalizeAreaName(value)}`);
  }

  problem(row: number, field: ImportField, code: string, message: string, extra: ProblemExtra = {}): void {
    this.problems.push(this.entry(row, field, code, message, extra));
  }

  /**
   * A question about a value rather than a cell: asked once, at the first row that holds
   * it, listing every row; one answer (`allRows`) settles all of them.
   */
  problemOnce(
    row: number,
    field: ImportField,
    value: string,
    code: string,
    message: string,
    extra: Omit<ProblemExtra, 'item'> = {},
  ): void {
    const key = `${field}:${normalizeAreaName(value)}`;
    const seen = this.asked.get(key);
    if (seen) {
      if (!seen.rows?.includes(row)) seen.rows = [...(seen.rows ?? [seen.row]), row];
      return;
    }
    const entry = {
      ...this.entry(row, field, code, message, { ...extra, item: value }),
      allRows: true,
      rows: [row],
    };
    this.asked.set(key, entry);
    this.problems.push(entry);
  }

  /** `reversible`: an automatic correction the user may refuse (answer "#reject" at its place). */
  warning(
    row: number,
    field: ImportField,
    code: string,
    message: string,
    extra: { item?: string | undefined; params?: Params; reversible?: boolean } = {},
  ): void {
    this.warnings.push({
      ...this.entry(row, field, code, message, extra),
      ...(extra.reversible ? { reversible: true } : {}),
    });
  }

  private entry(row: number, field: ImportField, code: string, message: string, extra: ProblemExtra) {
    return {
      row,
      column: this.letter(field),
      field,
      ...(extra.item === undefined ? {} : { item: extra.item }),
      code,
      message,
      params: extra.params ?? {},
      ...(extra.readings ? { readings: extra.readings } : {}),
      ...(extra.droppable ? { droppable: true } : {}),
    };
  }
}

/** The code a normaliser note becomes, so the client can say it in Indonesian. */
function noteCode(note: string): string {
  if (/only the start/.test(note)) return 'period_start_only';
  if (/Hijri/.test(note)) return 'period_hijri';
  if (/two-digit year/.test(note)) return 'date_two_digit_year';
  if (/Excel date number/.test(note)) return 'date_serial';
  if (/estimate/.test(note)) return 'money_estimate';
  if (/fraction of a rupiah/.test(note)) return 'money_rounded';
  if (/English style/.test(note)) return 'money_english_style';
  return 'note';
}

function toSheetCell(cell: StoredCell | undefined, date1904: boolean): SheetCell {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'object') return new Date(`${cell.d}T00:00:00Z`);
  if (typeof cell === 'number' && date1904 && cell > 3000 && cell < 80_000) {
    // A serial of the 1904 system counts 1,462 days fewer than Excel's usual one.
    return cell + 1462;
  }
  return cell;
}

/** Money in a cell, with the header's unit for cells that carry none ("450" under "Nilai (Rp juta)"). */
function moneyInput(
  cell: StoredCell | undefined,
  unit: ReturnType<typeof budgetUnitOf>,
): { input: string | number | null; unitIgnored: boolean } {
  if (cell === null || cell === undefined) return { input: null, unitIgnored: false };
  if (typeof cell === 'object') return { input: cellText(cell), unitIgnored: false };
  const bare = typeof cell === 'number' || /^\s*(?:rp\.?\s*)?[\d.,\s]+$/i.test(cell);
  if (!unit || !bare) return { input: cell, unitIgnored: false };
  // A full amount in a "(Rp juta)" column ("Rp 95.000.000"): no one means 95 million juta.
  const asWritten = parseRupiah(cell);
  if (unit !== 'ribu' && asWritten.status === 'ok' && asWritten.value >= 1_000_000) {
    return { input: cell, unitIgnored: true };
  }
  const word = unit === 'juta' ? 'jt' : unit === 'ribu' ? 'rb' : 'M';
  const text = typeof cell === 'number' ? String(cell).replace('.', ',') : cell;
  return { input: `${text} ${word}`, unitIgnored: false };
}

function parseCount(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '' || EMPTY_MARK.test(trimmed)) return null;
  const match =
    /^(\d{1,3}(?:[.,]\d{3})+|\d+)(?:\s*(?:kk|jiwa|orang|org|keluarga|unit|rt|ruta|penerima|peserta))?$/i.exec(
      trimmed,
    );
  if (!match?.[1]) return 'invalid';
  const value = Number(match[1].replace(/[.,]/g, ''));
  return Number.isSafeInteger(value) && value <= 100_000_000 ? value : 'invalid';
}

/** Splits an owner/partner cell into organisation names; "PT X, Tbk" stays one name. */
export function splitOrganisationNames(text: string): string[] {
  const parts = text
    .split(/[;\n\r]|,(?!\s*(?:tbk|ltd|inc|persero)\b)/i)
    .map((part) => part.replace(/^\s*(?:[-•*]|\d{1,2}[.)])\s*/, '').trim())
    .filter((part) => part !== '');
  return [...new Set(parts)];
}

/** The names of organisations the owner, partner and funder columns hold, for the caller to look up. */
export function organisationNamesIn(
  sheet: StoredSheet,
  mapping: Pick<PlanMapping, 'headerRow' | 'columns'>,
): string[] {
  const names = new Set<string>();
  for (const field of ['owner', 'partners', 'funders'] as const) {
    const index = mapping.columns[field];
    if (index === undefined) continue;
    for (const { r, c } of sheet.data) {
      if (r <= mapping.headerRow) continue;
      const text = cellText(c[index]);
      if (!text || DITTO.test(text)) continue;
      for (const name of field === 'owner' ? [text] : splitOrganisationNames(text)) names.add(name);
    }
  }
  return [...names];
}

/**
 * The answer "#new:TYPE" ("#new:private_company") registers the name as written as a new,
 * unverified organisation of that type when the import is committed, never before. Until
 * then it stands as a placeholder: an id made from the name (UUID-shaped, so the program
 * rules accept it) and a key made from the name; the commit job swaps in the real ones.
 */
export const NEW_ORGANISATION = '#new:';

/** Types an import may register: the levelled ones (government, LKKS) need a level a cell does not give. */
export const REGISTRABLE_TYPES = ORGANISATION_TYPES.filter((type) => !LEVELLED_TYPES.includes(type));

export function newOrganisationOf(name: string, type: OrganisationType): KnownOrganisation {
  const hex = createHash('sha256')
    .update(`new-organisation:${normalizeAreaName(name)}`)
    .digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const key = slug(name).slice(0, 60).replace(/-+$/, '');
  return {
    id,
    key: key.length >= 3 ? key : 'org-baru',
    name: name.replace(/\s+/g, ' ').trim(),
    isNew: true,
    type,
  };
}

function organisationAnswered(context: PlanContext, value: string, name: string): KnownOrganisation | null {
  const answer = value.trim();
  if (answer.startsWith(NEW_ORGANISATION)) {
    const type = answer.slice(NEW_ORGANISATION.length) as OrganisationType;
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!REGISTRABLE_TYPES.includes(type) || clean.length < 3 || clean.length > 200) return null;
    return newOrganisationOf(clean, type);
  }
  return context.organisationsById.get(answer) ?? null;
}

function organisationReadings(candidates: KnownOrganisation[]): Reading[] {
  return candidates.map((org) => ({ value: org.id, label: org.name }));
}

interface RowReader {
  sheet: StoredSheet;
  mapping: PlanMapping;
  context: PlanContext;
  report: Reporter;
  budgetUnit: ReturnType<typeof budgetUnitOf>;
  realisedUnit: ReturnType<typeof budgetUnitOf>;
}

function mergeAt(sheet: StoredSheet, row: number, index: number): MergedRange | null {
  const column = index + 1;
  return (
    sheet.merges.find(
      (m) => m.top <= row && row <= m.bottom && m.left <= column && column <= m.right && m.bottom > m.top,
    ) ?? null
  );
}

/** Reads one program row's cells into values, reporting what it cannot read. */
function readRow(
  reader: RowReader,
  row: number,
  cells: StoredCell[],
  above: RowValues | null,
  previousCells: StoredCell[] | null,
): RowValues {
  const { mapping, context, report } = reader;
  const problemsBefore = report.problems.length;
  const date1904 = context.date1904 ?? false;
  const raw = (field: ImportField): StoredCell | undefined => {
    const index = mapping.columns[field];
    return index === undefined ? undefined : cells[index];
  };
  // "Same as above" marks take the previous program row's cell.
  const text = (field: ImportField): string => {
    const value = cellText(raw(field));
    if (!DITTO.test(value)) return value;
    const index = mapping.columns[field];
    const previous = index === undefined || !previousCells ? '' : cellText(previousCells[index]);
    return DITTO.test(previous) ? '' : previous;
  };
  const answer = (field: ImportField, item?: string) => report.answer(row, field, item);
  /** An answer for this cell, else one given for every row holding the same value. */
  const answerOrValue = (field: ImportField, value: string, item?: string) =>
    answer(field, item) ?? report.valueAnswer(field, value);
  const inherits = (field: ImportField) =>
    above !== null && text(field) === '' && answer(field) === undefined;

  // Title and reference.
  const title = (answer('title') ?? text('title')).replace(/\s+/g, ' ').trim();
  const reference = (answer('reference') ?? text('reference')).trim();

  // Owner: the cell, else the reporting organisation.
  let owner: KnownOrganisation | null = null;
  const ownerText = text('owner');
  const ownerAnswer = ownerText ? answerOrValue('owner', ownerText, ownerText) : answer('owner');
  if (ownerAnswer !== undefined) {
    owner = organisationAnswered(context, ownerAnswer, ownerText);
    if (!owner)
      report.problem(row, 'owner', 'resolution_invalid', `"${ownerAnswer}" is not a known organisation`, {
        params: { value: ownerAnswer },
      });
  } else if (ownerText) {
    const match = context.organisationsByName.get(normalizeAreaName(ownerText));
    if (match?.status === 'found') owner = match.organisation;
    else {
      // Asked once per name, answered for every row that names it.
      report.problemOnce(
        row,
        'owner',
        ownerText,
        'owner_unknown',
        `no organisation is registered as "${ownerText}"${match?.candidates.length ? '; similar names are listed' : ''}: pick one, or register it as a new organisation`,
        { readings: organisationReadings(match?.candidates ?? []), params: { name: ownerText } },
      );
    }
  } else if (above && inherits('owner')) {
    owner = above.owner;
  } else if (mapping.ownerOrgId) {
    owner = context.organisationsById.get(mapping.ownerOrgId) ?? null;
  } else {
    report.problem(
      row,
      'owner',
      'owner_missing',
      'no owner organisation: choose the reporting organisation, or map the column that names it',
    );
  }

  // Partners and funders: names matched to registered organisations; unknown ones asked about.
  const partners: RowValues['partners'] = [];
  for (const [field, role] of [
    ['partners', 'implementer'],
    ['funders', 'funder'],
  ] as const) {
    for (const name of splitOrganisationNames(text(field))) {
      const picked = answerOrValue(field, name, name);
      if (picked !== undefined) {
        if (picked.trim() === '') continue;
        const org = organisationAnswered(context, picked, name);
        if (org) partners.push({ organisation: org, role });
        else
          report.problem(row, field, 'resolution_invalid', `"${picked}" is not a known organisation`, {
            item: name,
            params: { value: picked },
          });
        continue;
      }
      const match = context.organisationsByName.get(normalizeAreaName(name));
      if (match?.status === 'found') partners.push({ organisation: match.organisation, role });
      else {
        report.problemOnce(
          row,
          field,
          name,
          'partner_unknown',
          `no organisation is registered as "${name}": pick one, register it, or leave it out`,
          {
            readings: organisationReadings(match?.candidates ?? []),
            droppable: true,
            params: { name },
          },
        );
      }
    }
  }

  // Issues: each piece of the cell must name one.
  const issues: string[] = [];
  const issueText = text('issues');
  for (const piece of issueText ? splitIssueCell(issueText) : []) {
    const picked = answer('issues', piece);
    if (picked !== undefined && picked !== REJECT) {
      if (picked.trim() === '') continue;
      if (context.issues.isActive(picked)) issues.push(picked);
      else
        report.problem(row, 'issues', 'resolution_invalid', `"${picked}" is not an issue code`, {
          item: piece,
          params: { value: picked },
        });
      continue;
    }
    let found = context.issues.readPiece(piece);
    // A typo of an issue's name ("PENDIDKAN") is read as that issue, shown, and may be refused.
    const corrected = found.length === 0 ? context.issues.correctTypo(piece) : null;
    if (corrected && picked !== REJECT) {
      found = [corrected];
      report.warning(row, 'issues', 'issue_typo_corrected', `"${piece}" read as the issue ${corrected}`, {
        item: piece,
        params: { text: piece, issue: corrected },
        reversible: true,
      });
    }
    if (found.length === 0) {
      const readings = context.issues.issues.map((issue) => ({ value: issue.code, label: issue.nameId }));
      if (corrected) readings.sort((a, b) => Number(b.value === corrected) - Number(a.value === corrected));
      report.problem(
        row,
        'issues',
        'issue_unknown',
        `"${piece}" is not an issue of the taxonomy: pick one or leave it out`,
        { item: piece, readings, droppable: true, params: { text: piece } },
      );
    }
    for (const code of found) if (!issues.includes(code)) issues.push(code);
  }

  // Modality.
  let modality: Modality | null = null;
  const modalityText = text('modality');
  const modalityAnswer = answer('modality');
  if (modalityAnswer !== undefined) {
    if ((MODALITIES as readonly string[]).includes(modalityAnswer)) modality = modalityAnswer as Modality;
    else
      report.problem(row, 'modality', 'resolution_invalid', `"${modalityAnswer}" is not a modality`, {
        params: { value: modalityAnswer },
      });
  } else if (modalityText) {
    const reading = readModality(modalityText);
    if (reading.status === 'ok') {
      modality = reading.modality;
      if (reading.alsoNamed.length > 0) {
        report.warning(
          row,
          'modality',
          'modality_first_named',
          `"${modalityText}" names ${[reading.modality, ...reading.alsoNamed].join(' and ')}; read as ${reading.modality}, the first named (both count the same way, productive or not)`,
          { params: { text: modalityText, modality: reading.modality } },
        );
      }
    } else if (reading.status === 'ambiguous') {
      report.problem(
        row,
        'modality',
        'modality_ambiguous',
        `"${modalityText}" names forms of aid that count differently: pick the main one`,
        {
          readings: reading.modalities.map((m) => ({ value: m, label: m })),
          params: { text: modalityText },
        },
      );
    } else {
      report.problem(
        row,
        'modality',
        'modality_unknown',
        `"${modalityText}" is not a form of aid the platform knows: pick one`,
        {
          readings: MODALITIES.map((m) => ({ value: m, label: m })),
          params: { text: modalityText },
        },
      );
    }
  } else if (above && inherits('modality')) {
    modality = above.modality;
  }

  // Period: one cell, or start and end columns.
  let period: RowValues['period'] = null;
  const periodAnswer = answer('period');
  const readPeriodCell = (field: ImportField, cell: SheetCell, written: string) => {
    const result = parsePeriod(cell);
    if (result.status === 'ok') {
      if (result.note)
        report.warning(row, field, noteCode(result.note), `"${written}": ${result.note}`, {
          params: { text: written },
        });
      return { start: result.start, end: result.end };
    }
    if (result.status === 'ambiguous') {
      report.problem(row, field, result.code, result.message, {
        readings: result.readings.map((p) => ({
          value: `${p.start}/${p.end}`,
          label: `${p.start} – ${p.end}`,
        })),
        params: { text: written },
      });
    } else if (result.status === 'invalid') {
      report.problem(row, field, result.code, result.message, { params: { text: written } });
    }
    return null;
  };
  if (periodAnswer !== undefined) {
    const span = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(periodAnswer.trim());
    period = span
      ? { start: span[1] as string, end: span[2] as string }
      : readPeriodCell('period', periodAnswer, periodAnswer);
  } else if (mapping.columns.period !== undefined && text('period')) {
    period = readPeriodCell('period', toSheetCell(raw('period'), date1904), text('period'));
  } else if (mapping.columns.periodStart !== undefined && (text('periodStart') || answer('periodStart'))) {
    const dateOf = (field: 'periodStart' | 'periodEnd') => {
      const given = answer(field);
      const written = given ?? text(field);
      const result = parseDate(given ?? toSheetCell(raw(field), date1904));
      if (result.status === 'ok') {
        // A bare number in a date column (a cell whose date format was lost) is read as an
        // Excel serial: shown, as any reading a person would not see in the cell.
        const serial = given === undefined && typeof raw(field) === 'number';
        const note =
          result.note ?? (serial ? `read ${written} as an Excel date number (${result.date})` : null);
        if (note)
          report.warning(row, field, serial ? 'date_serial' : noteCode(note), note, {
            params: { text: written, date: result.date },
          });
        return result.date;
      }
      if (result.status === 'invalid')
        report.problem(row, field, result.code, result.message, { params: { text: written } });
      return null;
    };
    const start = dateOf('periodStart');
    const end = mapping.columns.periodEnd !== undefined ? dateOf('periodEnd') : null;
    if (start && !end && !text('periodEnd')) {
      report.warning(
        row,
        'periodStart',
        'period_start_only',
        'no end date: read as a one-day period, but it may be only the start',
        { params: { date: start ?? '' } },
      );
    }
    if (start) {
      const last = end ?? start;
      if (last < start)
        report.problem(row, 'periodEnd', 'period_end_before_start', `${last} is before ${start}`, {
          params: { start, end: last },
        });
      else period = { start, end: last };
    }
  } else if (above && inherits('period')) {
    period = above.period;
  } else if (mapping.defaults.year) {
    const year = mapping.defaults.year;
    period = { start: `${year}-01-01`, end: `${year}-12-31` };
    report.warning(
      row,
      'period',
      'period_default_year',
      `no period given: read as the whole of ${year}, the default year`,
      { params: { year } },
    );
  } else {
    report.problem(
      row,
      'period',
      'period_missing',
      'no period: write when the program runs, or choose a default year',
    );
  }

  // Money.
  const readMoney = (field: 'budgetPlanned' | 'budgetRealised', unit: ReturnType<typeof budgetUnitOf>) => {
    // An answer is whole rupiah in digits (as the readings are), or an amount with its own unit.
    const given = answer(field)?.trim();
    const cell = given === undefined ? moneyInput(raw(field), unit) : null;
    const input = given === undefined ? (cell?.input ?? null) : /^\d+$/.test(given) ? Number(given) : given;
    if (cell?.unitIgnored) {
      report.warning(
        row,
        field,
        'budget_unit_ignored',
        `"${text(field)}" is a full amount; the header's unit is not applied`,
        { params: { text: text(field) } },
      );
    }
    if (typeof input === 'string' && EMPTY_MARK.test(input.trim())) return null;
    const result = parseRupiah(input);
    const written = given ?? text(field);
    if (result.status === 'ok') {
      if (result.note)
        report.warning(row, field, noteCode(result.note), result.note, {
          params: { text: written, amount: result.value },
        });
      return result.value;
    }
    if (result.status === 'ambiguous') {
      report.problem(row, field, result.code, result.message, {
        readings: result.readings.map((value) => ({ value: String(value), label: formatRupiah(value) })),
        params: { text: written },
      });
    } else if (result.status === 'invalid') {
      report.problem(row, field, result.code, result.message, { params: { text: written } });
    }
    return null;
  };
  const budget = readMoney('budgetPlanned', reader.budgetUnit);
  const budgetRealised = readMoney('budgetRealised', reader.realisedUnit);
  const budgetIndex = mapping.columns.budgetPlanned;
  const budgetMerge = budgetIndex === undefined ? null : mergeAt(reader.sheet, row, budgetIndex);

  // Counts.
  const readCount = (field: 'targetHouseholds' | 'targetPersons') => {
    const value = parseCount(answer(field) ?? text(field));
    if (value === 'invalid') {
      report.problem(row, field, 'count_invalid', `"${answer(field) ?? text(field)}" is not a whole number`, {
        params: { text: answer(field) ?? text(field) },
      });
      return null;
    }
    return value;
  };
  const targetHouseholds = readCount('targetHouseholds');
  const targetPersons = readCount('targetPersons');

  // Location, inheriting the kabupaten of the row above when a continuation row leaves it out
  // (a correction of that inherited name was shown at the row that wrote it).
  const ownKabupaten = text('kabupaten');
  const location = readLocation(
    context.areas,
    {
      kabupaten:
        ownKabupaten ||
        (above && previousCells ? cellText(previousCells[mapping.columns.kabupaten ?? -1]) : ''),
      kabupatenInherited: ownKabupaten === '',
      kecamatan: text('kecamatan'),
      villages: text('villages'),
      notes: text('notes'),
    },
    // An inherited kabupaten takes the answer given where it was written (a refused alias, a pick).
    (field, item) =>
      answer(field, item) ??
      (field === 'kabupaten' && ownKabupaten === '' && above
        ? report.answer(above.row, 'kabupaten')
        : undefined),
    mapping.defaults.kabupaten ?? null,
  );
  for (const issue of location.issues) addLocationIssue(report, row, issue);

  return {
    row,
    title,
    reference,
    ownerText,
    owner,
    partners,
    issues,
    modality,
    issuesWritten: issueText !== '',
    modalityWritten: modalityText !== '',
    period,
    budget,
    budgetMerge,
    budgetRealised,
    targetHouseholds,
    targetPersons,
    villages: location.villages,
    wholeAreas: location.wholeAreas,
    description: text('description'),
    notes: text('notes'),
    continues: false,
    failed: report.problems.length > problemsBefore,
  };
}

function addLocationIssue(report: Reporter, row: number, issue: LocationIssue): void {
  if (issue.kind === 'warning')
    report.warning(row, issue.field, issue.code, issue.message, {
      item: issue.item,
      params: issue.params,
      ...(issue.reversible ? { reversible: true } : {}),
    });
  else
    report.problem(row, issue.field, issue.code, issue.message, {
      item: issue.item,
      params: issue.params,
      ...(issue.readings ? { readings: issue.readings } : {}),
      ...(issue.droppable ? { droppable: true } : {}),
    });
}

// ---------------------------------------------------------------------------------------------
// Programs from rows

/** Lower-case words of a title or reference, for grouping ("Bedah Rumah (RTLH)" = "bedah rumah rtlh"). */
const normaliseTitle = (title: string) => normalizeAreaName(title);

function slug(text: string): string {
  return normalizeAreaName(text)
    .replace(/[^a-z0-9 ]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

/**
 * The program key on re-import: the owner's key, then the file's own reference when it
 * has one, else the title and the year the program starts. Within the 100 characters a
 * key may have; a long title is cut and a short hash of the whole title keeps keys apart.
 */
export function programKeyOf(
  ownerKey: string,
  title: string,
  startYear: number | null,
  reference: string,
): string {
  const tail = reference ? slug(reference) : `${slug(title)}${startYear ? `.${startYear}` : ''}`;
  let key = `${ownerKey}.${tail}`.replace(/^[-.]+|[-.]+$/g, '');
  if (key.length > 100) {
    const hash = createHash('sha256')
      .update(normaliseTitle(reference || title))
      .digest('hex')
      .slice(0, 8);
    const room = 100 - ownerKey.length - 2 - hash.length - (reference || !startYear ? 0 : 5);
    const cut = slug(reference || title)
      .slice(0, Math.max(room, 1))
      .replace(/-+$/, '');
    key = `${ownerKey}.${cut}-${hash}${reference || !startYear ? '' : `.${startYear}`}`;
  }
  return key;
}

interface Group {
  rows: RowValues[];
}

function groupKey(values: RowValues): string {
  const owner = values.owner?.id ?? `?${normalizeAreaName(values.ownerText)}`;
  if (values.reference) return `${owner}|ref|${normaliseTitle(values.reference)}`;
  return `${owner}|${normaliseTitle(values.title)}|${values.period?.start.slice(0, 4) ?? '?'}`;
}

type BudgetRule = PlannedProgram['budgetRule'];

interface TotalsEvidence {
  /** Amounts written in totals rows' budget cells. */
  amounts: number[];
  /** Row ranges summed by "=SUM(I5:I14)" in a totals row's budget cell. */
  sumRanges: Array<{ from: number; to: number }>;
}

/**
 * How the amounts of a program's rows combine. Different amounts split the program's
 * money by location: summed. The same amount on every row is either the total repeated or
 * an equal split; the file decides when it can: a budget cell merged over the rows, or a
 * totals row that adds the rows up (=SUM over them, or a total equal to the plain sum of
 * all rows), or equal to the sum with this amount counted once. Otherwise the user is asked.
 */
function combineBudget(
  group: Group,
  evidence: TotalsEvidence,
  allRowsSum: number,
  answer: string | undefined,
): { rule: BudgetRule; value: number | null; ask: boolean } {
  const withAmount = group.rows.filter((r) => r.budget !== null);
  const amounts = withAmount.map((r) => r.budget as number);
  if (amounts.length === 0)
    return { rule: group.rows.length > 1 ? 'once' : 'single', value: null, ask: false };
  const sum = amounts.reduce((a, b) => a + b, 0);
  if (group.rows.length === 1) return { rule: 'single', value: sum, ask: false };
  if (amounts.length === 1) return { rule: 'once', value: amounts[0] as number, ask: false };
  const first = amounts[0] as number;
  if (amounts.some((a) => a !== first)) return { rule: 'summed', value: sum, ask: false };
  if (answer === 'once') return { rule: 'once', value: first, ask: false };
  if (answer === 'sum') return { rule: 'summed', value: sum, ask: false };
  const merge = withAmount[0]?.budgetMerge;
  if (merge && withAmount.every((r) => r.budgetMerge === merge))
    return { rule: 'once', value: first, ask: false };
  const rows = withAmount.map((r) => r.row);
  const covered = evidence.sumRanges.some((range) => rows.every((r) => range.from <= r && r <= range.to));
  if (covered || evidence.amounts.includes(allRowsSum)) return { rule: 'summed', value: sum, ask: false };
  if (evidence.amounts.includes(allRowsSum - sum + first)) return { rule: 'once', value: first, ask: false };
  return { rule: 'once', value: first, ask: true };
}

function totalsEvidence(
  rows: Array<{ row: number; cells: StoredCell[] }>,
  budgetIndex: number | undefined,
): TotalsEvidence {
  const evidence: TotalsEvidence = { amounts: [], sumRanges: [] };
  if (budgetIndex === undefined) return evidence;
  const letter = columnLetterOf(budgetIndex);
  for (const { cells } of rows) {
    const cell = cells[budgetIndex];
    if (typeof cell === 'string' && cell.trim().startsWith('=')) {
      const sum = new RegExp(
        `^=\\s*SUM\\(\\s*\\$?${letter}\\$?(\\d+)\\s*:\\s*\\$?${letter}\\$?(\\d+)\\s*\\)$`,
        'i',
      ).exec(cell.trim());
      if (sum) evidence.sumRanges.push({ from: Number(sum[1]), to: Number(sum[2]) });
      continue;
    }
    const amount = parseRupiah(typeof cell === 'object' || cell === undefined ? null : cell);
    if (amount.status === 'ok') evidence.amounts.push(amount.value);
  }
  return evidence;
}

const sumOrNull = (values: Array<number | null>) =>
  values.some((v) => v !== null) ? values.reduce<number>((a, b) => a + (b ?? 0), 0) : null;

/** Fields a row continuing the program above may not write differently: they belong to the program. */
const PROGRAM_FIELDS: readonly ImportField[] = [
  'owner',
  'reference',
  'issues',
  'modality',
  'period',
  'periodStart',
  'periodEnd',
];

/**
 * Why a row without a title is not more of the program above (the first field it writes
 * differently from the row above), or null when it may continue it. Empty and "same as
 * above" cells agree; so does the same text (case and punctuation aside).
 */
function contradictsAbove(
  mapping: PlanMapping,
  cells: StoredCell[],
  previousCells: StoredCell[],
): ImportField | null {
  for (const field of PROGRAM_FIELDS) {
    const index = mapping.columns[field];
    if (index === undefined) continue;
    const own = cellText(cells[index]);
    if (own === '' || DITTO.test(own)) continue;
    if (normalizeAreaName(own) !== normalizeAreaName(cellText(previousCells[index]))) return field;
  }
  return null;
}

/** Reads the sheet with the mapping and plans the programs. */
export function planImport(sheet: StoredSheet, mapping: PlanMapping, context: PlanContext): Plan {
  const report = new Reporter(mapping.columns, mapping.resolutions);
  const header = headerTexts(sheet, mapping.headerRow);
  const headerText = (field: ImportField) => {
    const index = mapping.columns[field];
    return index === undefined ? '' : (header[index] ?? '');
  };
  const reader: RowReader = {
    sheet,
    mapping,
    context,
    report,
    budgetUnit: budgetUnitOf(headerText('budgetPlanned')),
    realisedUnit: budgetUnitOf(headerText('budgetRealised')),
  };
  if (reader.budgetUnit) {
    report.warning(
      mapping.headerRow,
      'budgetPlanned',
      'budget_unit_from_header',
      `amounts without a unit are read in ${reader.budgetUnit}, as the header "${headerText('budgetPlanned')}" says`,
      { params: { unit: reader.budgetUnit, header: headerText('budgetPlanned') } },
    );
  }

  const mapped = Object.values(mapping.columns);
  const skipped: Plan['skipped'] = [];
  const totalsRows: Array<{ row: number; cells: StoredCell[] }> = [];
  const rows: RowValues[] = [];
  let above: RowValues | null = null;
  let previousCells: StoredCell[] | null = null;
  let afterTotals = false;
  for (const { r: row, c: cells } of sheet.data) {
    if (row <= mapping.headerRow) continue;
    const filled = (field: ImportField) => {
      const index = mapping.columns[field];
      return index !== undefined && cellText(cells[index]) !== '';
    };
    if (!mapped.some((index) => cellText(cells[index]) !== '')) continue;
    const texts = cells.map((cell) => cellText(cell));
    if (looksLikeTotalsRow(texts)) {
      skipped.push({ row, reason: 'totals' });
      totalsRows.push({ row, cells });
      afterTotals = true;
      above = null;
      previousCells = null;
      continue;
    }
    const hasTitle = filled('title') || report.answer(row, 'title') !== undefined;
    const hasContent = FIELDS_OF_PROGRAM_CONTENT.some(filled);
    if (hasTitle && !hasContent) {
      // A section heading ("A. BIDANG KESEHATAN") or a title without anything else.
      skipped.push({ row, reason: afterTotals ? 'after_totals' : 'heading' });
      continue;
    }
    if (!hasTitle) {
      const placeOrMoney = LOCATION_OR_MONEY.some(filled);
      if (!(above && placeOrMoney) && afterTotals) {
        // Signatures and notes under the table ("Mataram, 31 Desember 2025").
        skipped.push({ row, reason: 'after_totals' });
        continue;
      }
      // A row without a title is more of the program above only when nothing in it says
      // otherwise: the same owner and no other program field of its own. Anything else is
      // a title left out, never a silent merge into someone else's program.
      const contradiction =
        above && previousCells && placeOrMoney
          ? contradictsAbove(mapping, cells, previousCells)
          : 'no_program';
      if (contradiction) {
        const fieldName = contradiction === 'no_program' ? null : contradiction;
        report.problem(
          row,
          'title',
          fieldName ? 'title_missing_not_continuation' : 'title_missing',
          fieldName && above
            ? `the row has no program title, and its ${fieldName} differs from row ${above.row} ("${above.title}"), so it is not more of that program: write its title`
            : 'the row has no program title',
          {
            params:
              fieldName && above ? { field: fieldName, aboveRow: above.row, aboveTitle: above.title } : {},
          },
        );
        continue;
      }
    }
    const values = readRow(reader, row, cells, hasTitle ? null : above, previousCells);
    if (!hasTitle && above) {
      values.title = above.title;
      values.reference ||= above.reference;
      values.ownerText ||= above.ownerText;
      values.continues = true;
      if (values.issues.length === 0) values.issues = above.issues;
      report.warning(
        row,
        'title',
        'row_continues_above',
        `no title: read as more of "${above.title}" (row ${above.row})`,
        { params: { aboveRow: above.row, aboveTitle: above.title } },
      );
    }
    rows.push(values);
    above = values;
    previousCells = cells;
  }

  // Group rows of the same program, in the order they first appear.
  const groups = new Map<string, Group>();
  for (const values of rows) {
    const key = groupKey(values);
    const group = groups.get(key);
    if (group) group.rows.push(values);
    else groups.set(key, { rows: [values] });
  }

  const evidence = totalsEvidence(totalsRows, mapping.columns.budgetPlanned);
  const allRowsSum = rows.reduce((sum, r) => sum + (r.budget ?? 0), 0);
  const programs: PlannedProgram[] = [];
  const inputs: ProgramToWrite[] = [];
  const keys = new Map<string, number>();
  for (const group of groups.values()) {
    const first = group.rows[0] as RowValues;
    const firstRow = first.row;
    const failed = group.rows.some((r) => r.failed);

    // Issues: the cells, else the defaults, else words in the title.
    let issues = [...new Set(group.rows.flatMap((r) => r.issues))];
    if (issues.length === 0 && !group.rows.some((r) => r.issuesWritten)) {
      const answered = report.answer(firstRow, 'issues', '#program');
      const defaults = (mapping.defaults.issues ?? []).filter((code) => context.issues.isActive(code));
      if (answered && context.issues.isActive(answered)) issues = [answered];
      else if (defaults.length > 0) issues = defaults;
      else {
        issues = context.issues.findIn(first.title);
        if (issues.length > 0) {
          report.warning(
            firstRow,
            'title',
            'issues_from_title',
            `no issue given: read ${issues.join(', ')} from the title`,
            { params: { title: first.title, issues: issues.join(', ') } },
          );
        } else {
          report.problem(
            firstRow,
            'issues',
            'issues_missing',
            `no issue given for "${first.title}": pick one or set default issues`,
            {
              item: '#program',
              readings: context.issues.issues.map((issue) => ({ value: issue.code, label: issue.nameId })),
              params: { title: first.title },
            },
          );
        }
      }
    }

    // Modality: one per program.
    let modality: Modality | null = null;
    const modalities = [
      ...new Set(group.rows.map((r) => r.modality).filter((m): m is Modality => m !== null)),
    ];
    const modalityAnswer = report.answer(firstRow, 'modality', '#program');
    if (modalityAnswer && (MODALITIES as readonly string[]).includes(modalityAnswer)) {
      modality = modalityAnswer as Modality;
    } else if (modalities.length === 1) {
      modality = modalities[0] as Modality;
    } else if (modalities.length > 1) {
      const [head] = modalities as [Modality];
      if (modalities.every((m) => isProductive(m) === isProductive(head))) {
        modality = head;
        report.warning(
          firstRow,
          'modality',
          'modality_differs',
          `the rows of "${first.title}" name ${modalities.join(', ')}; ${head} taken`,
          { params: { title: first.title, modality: head } },
        );
      } else {
        report.problem(
          firstRow,
          'modality',
          'modality_conflict',
          `the rows of "${first.title}" name forms of aid that count differently: pick one`,
          {
            item: '#program',
            readings: modalities.map((m) => ({ value: m, label: m })),
            params: { title: first.title },
          },
        );
      }
    } else if (!group.rows.some((r) => r.modalityWritten)) {
      if (mapping.defaults.modality) modality = mapping.defaults.modality;
      else {
        const fromTitle = readModality(first.title);
        if (fromTitle.status === 'ok') {
          modality = fromTitle.modality;
          report.warning(
            firstRow,
            'title',
            'modality_from_title',
            `no form of aid given: read ${modality} from the title`,
            { params: { title: first.title, modality } },
          );
        } else {
          report.problem(
            firstRow,
            'modality',
            'modality_missing',
            `no form of aid given for "${first.title}": pick one or set a default`,
            {
              item: '#program',
              readings: MODALITIES.map((m) => ({ value: m, label: m })),
              params: { title: first.title },
            },
          );
        }
      }
    }

    // Period: from the first start to the last end.
    const periods = group.rows.map((r) => r.period).filter((p): p is NonNullable<typeof p> => p !== null);
    const periodStart = periods.length ? (periods.map((p) => p.start).sort()[0] ?? null) : null;
    const periodEnd = periods.length
      ? (periods
          .map((p) => p.end)
          .sort()
          .at(-1) ?? null)
      : null;
    if (new Set(periods.map((p) => `${p.start}/${p.end}`)).size > 1) {
      report.warning(
        firstRow,
        'period',
        'period_combined',
        `the rows of "${first.title}" give different periods; read as ${periodStart} – ${periodEnd}`,
        { params: { title: first.title, start: periodStart ?? '', end: periodEnd ?? '' } },
      );
    }

    // Budget.
    const budgetAnswer = report.answer(firstRow, 'budgetPlanned', '#program');
    const budget = combineBudget(group, evidence, allRowsSum, budgetAnswer);
    const rowList = group.rows.map((r) => r.row).join(', ');
    if (budget.ask) {
      const amount = budget.value as number;
      const count = group.rows.filter((r) => r.budget !== null).length;
      report.problem(
        firstRow,
        'budgetPlanned',
        'budget_repeated',
        `rows ${rowList} of "${first.title}" all say ${formatRupiah(amount)}: is that the whole program, or each location?`,
        {
          item: '#program',
          readings: [
            { value: 'once', label: `${formatRupiah(amount)}` },
            { value: 'sum', label: `${count} × ${formatRupiah(amount)} = ${formatRupiah(amount * count)}` },
          ],
          params: { title: first.title, rows: rowList, amount },
        },
      );
    } else if (budget.rule === 'summed') {
      report.warning(
        firstRow,
        'budgetPlanned',
        'budget_summed',
        `the amounts of rows ${rowList} differ by location and are added up`,
        { params: { rows: rowList, amount: budget.value ?? 0 } },
      );
    } else if (budget.rule === 'once' && budget.value !== null) {
      report.warning(
        firstRow,
        'budgetPlanned',
        'budget_once',
        `the same amount on rows ${rowList} is the program's total, counted once`,
        { params: { rows: rowList, amount: budget.value } },
      );
    }
    if (budget.value === null && !failed && report.letter('budgetPlanned')) {
      report.warning(
        firstRow,
        'budgetPlanned',
        'budget_missing',
        `no amount given for "${first.title}": recorded as not known (not Rp 0)`,
        { params: { title: first.title } },
      );
    }
    const realisedValues = group.rows.map((r) => r.budgetRealised);
    const budgetRealised =
      budget.rule === 'once' ? (realisedValues.find((v) => v !== null) ?? null) : sumOrNull(realisedValues);

    // Villages with per-village targets (a row naming one village gives it the row's targets).
    const villageTargets = new Map<string, { households: number | null; persons: number | null }>();
    for (const r of group.rows) {
      for (const code of r.villages) {
        const seen = villageTargets.get(code) ?? { households: null, persons: null };
        if (r.villages.length === 1) {
          seen.households = sumOrNull([seen.households, r.targetHouseholds]);
          seen.persons = sumOrNull([seen.persons, r.targetPersons]);
        }
        villageTargets.set(code, seen);
      }
    }
    // A province-wide row covers each of its kabupaten/kota (programs list kecamatan or kabupaten as whole areas).
    const wholeAreas = [
      ...new Set(
        group.rows
          .flatMap((r) => r.wholeAreas)
          .flatMap((code) =>
            levelOfCode(code) === 'province'
              ? context.areas.areas
                  .filter((a) => a.level === 'regency' && a.parentCode === code)
                  .map((a) => a.code)
              : [code],
          ),
      ),
    ];
    const partnerList = new Map<
      string,
      { organisation: KnownOrganisation; role: 'implementer' | 'funder' }
    >();
    for (const r of group.rows) {
      for (const p of r.partners) {
        // An owner named again as its own partner adds nothing.
        if (p.organisation.id !== r.owner?.id) partnerList.set(`${p.organisation.id}:${p.role}`, p);
      }
    }
    const describe = (values: string[]) => [...new Set(values.filter(Boolean))];
    const descriptions = describe(group.rows.map((r) => r.description));
    const notes = describe(group.rows.map((r) => r.notes));
    const description =
      (descriptions.length
        ? descriptions.join('\n')
        : mapping.columns.description === undefined
          ? notes.join('; ')
          : '') || null;
    const reference = group.rows.find((r) => r.reference)?.reference ?? '';
    const owner = first.owner;
    const key = owner
      ? programKeyOf(owner.key, first.title, periodStart ? Number(periodStart.slice(0, 4)) : null, reference)
      : '';
    const targetHouseholds = sumOrNull(group.rows.map((r) => r.targetHouseholds));
    const targetPersons = sumOrNull(group.rows.map((r) => r.targetPersons));

    const villages = [...villageTargets].map(([code, targets]) => {
      const area = context.areas.byCode.get(code);
      const district = area?.parentCode ? context.areas.byCode.get(area.parentCode) : undefined;
      const regency = district?.parentCode ? context.areas.byCode.get(district.parentCode) : undefined;
      return {
        code,
        name: area?.name ?? code,
        district: district?.name ?? '',
        regency: regency?.name ?? '',
        targetHouseholds: targets.households,
        targetPersons: targets.persons,
      };
    });
    programs.push({
      key,
      rows: group.rows.map((r) => r.row),
      exists: false,
      title: first.title,
      owner: owner ? { id: owner.id, name: owner.name, ...(owner.isNew ? { isNew: true } : {}) } : null,
      continuedRows: group.rows.filter((r) => r.continues).map((r) => r.row),
      issues,
      modality,
      status: mapping.defaults.status,
      periodStart,
      periodEnd,
      budgetPlanned: budget.value,
      budgetRealised,
      budgetRule: budget.rule,
      villages,
      wholeAreas: wholeAreas.map((code) => ({
        code,
        name:
          levelOfCode(code) === 'province'
            ? (context.areas.byCode.get(code)?.name ?? code)
            : areaLabel(context.areas, code),
        level: levelOfCode(code),
      })),
      partners: [...partnerList.values()].map((p) => ({
        id: p.organisation.id,
        name: p.organisation.name,
        role: p.role,
        ...(p.organisation.isNew ? { isNew: true } : {}),
      })),
      targetHouseholds,
      targetPersons,
      description,
    });

    if (owner && !failed) {
      const codes = [
        ...villages.map((v) => v.code),
        ...wholeAreas.flatMap((area) =>
          context.areas.areas
            .filter((a) => a.level === 'village' && a.code.startsWith(`${area}.`))
            .map((a) => a.code),
        ),
      ];
      if (!context.mayRecord(owner.id, codes)) {
        report.problem(
          firstRow,
          'owner',
          'owner_not_permitted',
          `you may not record programs of ${owner.name} in these villages`,
          { params: { name: owner.name } },
        );
        continue;
      }
    }
    if (failed || !owner || !modality || !periodStart || !periodEnd || issues.length === 0 || budget.ask)
      continue;
    const duplicate = keys.get(key);
    if (duplicate !== undefined) {
      report.problem(
        firstRow,
        reference ? 'reference' : 'title',
        'duplicate_key',
        `this program has the same key as the one in row ${duplicate}; give them different titles or references`,
        { params: { otherRow: duplicate } },
      );
      continue;
    }
    keys.set(key, firstRow);
    const parsed = createProgramBody.safeParse({
      key,
      ownerOrgId: owner.id,
      title: first.title,
      description: description ?? null,
      issues,
      villages: villages.map((v) => ({
        code: v.code,
        targetHouseholds: v.targetHouseholds,
        targetPersons: v.targetPersons,
      })),
      wholeAreas,
      partners: [...partnerList.values()].map((p) => ({ organisationId: p.organisation.id, role: p.role })),
      periodStart,
      periodEnd,
      budgetPlanned: budget.value,
      budgetRealised,
      modality,
      targetHouseholds,
      targetPersons,
      status: mapping.defaults.status,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = FIELD_OF_INPUT[String(issue.path[0])] ?? 'title';
        const limit = textLimitOfIssue(issue);
        report.problem(
          firstRow,
          field,
          limit === null ? 'invalid_value' : TOO_LONG,
          `${String(issue.path[0] ?? 'program')}: ${limit === null ? issue.message : tooLongMessage(limit)}`,
          { params: { field: String(issue.path[0] ?? 'program'), ...(limit === null ? {} : { limit }) } },
        );
      }
      continue;
    }
    inputs.push({ rows: group.rows.map((r) => r.row), input: { ...parsed.data, key } });
  }

  // New organisations, seated in the kabupaten/kota where they first run a program.
  const newOrganisations = new Map<string, NewOrganisation>();
  for (const program of programs) {
    const place = program.villages[0]?.code ?? program.wholeAreas[0]?.code ?? '';
    const regency = place.split('.').slice(0, 2).join('.');
    const areaCode = context.areas.byCode.has(regency)
      ? regency
      : (context.areas.areas.find((a) => a.level === 'province')?.code ?? '52');
    const named = [
      ...(program.owner?.isNew ? [program.owner.id] : []),
      ...program.partners.filter((p) => p.isNew).map((p) => p.id),
    ];
    for (const id of named) {
      if (newOrganisations.has(id)) continue;
      const organisation = findNew(rows, id);
      if (!organisation?.type) continue;
      newOrganisations.set(id, {
        id,
        key: organisation.key,
        name: organisation.name,
        type: organisation.type,
        areaCode,
      });
      if (context.mayRegister && !context.mayRegister(areaCode)) {
        report.problem(
          program.rows[0] as number,
          program.owner?.id === id ? 'owner' : 'partners',
          'organisation_register_not_permitted',
          `you may not register a new organisation seated in ${areaLabel(context.areas, areaCode)}`,
          { params: { name: organisation.name, area: areaLabel(context.areas, areaCode) } },
        );
      }
    }
  }

  const problems = sortByPlace(report.problems);
  return {
    programs,
    newOrganisations: [...newOrganisations.values()],
    inputs: problems.length === 0 ? inputs : [],
    problems: capped(problems),
    warnings: sortByPlace(report.warnings),
    skipped,
    programRows: rows.length,
  };
}

function findNew(rows: RowValues[], id: string): KnownOrganisation | undefined {
  for (const r of rows) {
    if (r.owner?.id === id) return r.owner;
    const partner = r.partners.find((p) => p.organisation.id === id);
    if (partner) return partner.organisation;
  }
  return undefined;
}

/** Which column to point at when the shared program rules refuse a field. */
const FIELD_OF_INPUT: Record<string, ImportField> = {
  title: 'title',
  description: 'description',
  issues: 'issues',
  villages: 'villages',
  wholeAreas: 'villages',
  partners: 'partners',
  periodStart: 'period',
  periodEnd: 'period',
  budgetPlanned: 'budgetPlanned',
  budgetRealised: 'budgetRealised',
  modality: 'modality',
  targetHouseholds: 'targetHouseholds',
  targetPersons: 'targetPersons',
  key: 'reference',
};

function sortByPlace<T extends { row: number; column: string }>(list: T[]): T[] {
  const order = (letter: string) =>
    letter ? letter.length * 1000 + letter.charCodeAt(letter.length - 1) : 0;
  return [...list].sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
}

function capped(problems: ImportProblem[]): ImportProblem[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_REPORTED_PROBLEMS),
    {
      row: 0,
      column: '',
      field: '',
      code: 'too_many_problems',
      message: `${problems.length - MAX_REPORTED_PROBLEMS} more problem(s) not listed; fix these first`,
      params: { count: problems.length - MAX_REPORTED_PROBLEMS },
    },
  ];
}
