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
import { type IsoDate, parseDate, parsePeriod, type SheetCell } from '../normalise/dates.ts';
import { parseRupiah } from '../normalise/money.ts';
import { looksLikeTotalsRow } from '../normalise/totals.ts';
import { budgetUnitOf, cellText, columnLetterOf } from './columns.ts';
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

export interface Plan {
  programs: PlannedProgram[];
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

class Reporter {
  readonly problems: ImportProblem[] = [];
  readonly warnings: ImportWarning[] = [];
  private readonly answers = new Map<string, string>();

  constructor(
    private readonly columns: Partial<Record<ImportField, number>>,
    resolutions: PlanMapping['resolutions'],
  ) {
    for (const r of resolutions)
      this.answers.set(`${r.row}:${r.column.toUpperCase()}:${r.item ?? ''}`, r.value);
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

  problem(
    row: number,
    field: ImportField,
    code: string,
    message: string,
    extra: { item?: string | undefined; readings?: Reading[]; droppable?: boolean } = {},
  ): void {
    this.problems.push({
      row,
      column: this.letter(field),
      field,
      ...(extra.item === undefined ? {} : { item: extra.item }),
      code,
      message,
      ...(extra.readings ? { readings: extra.readings } : {}),
      ...(extra.droppable ? { droppable: true } : {}),
    });
  }

  warning(row: number, field: ImportField, code: string, message: string, item?: string): void {
    this.warnings.push({
      row,
      column: this.letter(field),
      field,
      ...(item === undefined ? {} : { item }),
      code,
      message,
    });
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
  const inherits = (field: ImportField) =>
    above !== null && text(field) === '' && answer(field) === undefined;

  // Title and reference.
  const title = (answer('title') ?? text('title')).replace(/\s+/g, ' ').trim();
  const reference = (answer('reference') ?? text('reference')).trim();

  // Owner: the cell, else the reporting organisation.
  let owner: KnownOrganisation | null = null;
  const ownerText = text('owner');
  const ownerAnswer = answer('owner');
  if (ownerAnswer !== undefined) {
    owner = context.organisationsById.get(ownerAnswer) ?? null;
    if (!owner)
      report.problem(row, 'owner', 'resolution_invalid', `"${ownerAnswer}" is not a known organisation`);
  } else if (ownerText) {
    const match = context.organisationsByName.get(normalizeAreaName(ownerText));
    if (match?.status === 'found') owner = match.organisation;
    else {
      report.problem(
        row,
        'owner',
        'owner_unknown',
        `no organisation is registered as "${ownerText}"${match?.candidates.length ? '; similar names are listed' : ''}: pick one, or register it first`,
        { readings: organisationReadings(match?.candidates ?? []) },
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
      const picked = answer(field, name);
      if (picked !== undefined) {
        if (picked.trim() === '') continue;
        const org = context.organisationsById.get(picked);
        if (org) partners.push({ organisation: org, role });
        else
          report.problem(row, field, 'resolution_invalid', `"${picked}" is not a known organisation`, {
            item: name,
          });
        continue;
      }
      const match = context.organisationsByName.get(normalizeAreaName(name));
      if (match?.status === 'found') partners.push({ organisation: match.organisation, role });
      else {
        report.problem(
          row,
          field,
          'partner_unknown',
          `no organisation is registered as "${name}": pick one or leave it out`,
          {
            item: name,
            readings: organisationReadings(match?.candidates ?? []),
            droppable: true,
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
    if (picked !== undefined) {
      if (picked.trim() === '') continue;
      if (context.issues.isActive(picked)) issues.push(picked);
      else
        report.problem(row, 'issues', 'resolution_invalid', `"${picked}" is not an issue code`, {
          item: piece,
        });
      continue;
    }
    const found = context.issues.readPiece(piece);
    if (found.length === 0) {
      report.problem(
        row,
        'issues',
        'issue_unknown',
        `"${piece}" is not an issue of the taxonomy: pick one or leave it out`,
        {
          item: piece,
          readings: context.issues.issues.map((issue) => ({ value: issue.code, label: issue.nameId })),
          droppable: true,
        },
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
    else report.problem(row, 'modality', 'resolution_invalid', `"${modalityAnswer}" is not a modality`);
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
      if (result.note) report.warning(row, field, noteCode(result.note), `"${written}": ${result.note}`);
      return { start: result.start, end: result.end };
    }
    if (result.status === 'ambiguous') {
      report.problem(row, field, result.code, result.message, {
        readings: result.readings.map((p) => ({
          value: `${p.start}/${p.end}`,
          label: `${p.start} – ${p.end}`,
        })),
      });
    } else if (result.status === 'invalid') {
      report.problem(row, field, result.code, result.message);
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
      const result = parseDate(given ?? toSheetCell(raw(field), date1904));
      if (result.status === 'ok') {
        if (result.note) report.warning(row, field, noteCode(result.note), result.note);
        return result.date;
      }
      if (result.status === 'invalid') report.problem(row, field, result.code, result.message);
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
      );
    }
    if (start) {
      const last = end ?? start;
      if (last < start)
        report.problem(row, 'periodEnd', 'period_end_before_start', `${last} is before ${start}`);
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
      );
    }
    if (typeof input === 'string' && EMPTY_MARK.test(input.trim())) return null;
    const result = parseRupiah(input);
    if (result.status === 'ok') {
      if (result.note) report.warning(row, field, noteCode(result.note), result.note);
      return result.value;
    }
    if (result.status === 'ambiguous') {
      report.problem(row, field, result.code, result.message, {
        readings: result.readings.map((value) => ({ value: String(value), label: formatRupiah(value) })),
      });
    } else if (result.status === 'invalid') {
      report.problem(row, field, result.code, result.message);
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
      report.problem(row, field, 'count_invalid', `"${answer(field) ?? text(field)}" is not a whole number`);
      return null;
    }
    return value;
  };
  const targetHouseholds = readCount('targetHouseholds');
  const targetPersons = readCount('targetPersons');

  // Location, inheriting the kabupaten and kecamatan of the row above when a continuation row leaves them out.
  const location = readLocation(
    context.areas,
    {
      // A row continuing the program above stays in its kabupaten unless it names another.
      kabupaten:
        text('kabupaten') ||
        (above && previousCells ? cellText(previousCells[mapping.columns.kabupaten ?? -1]) : ''),
      kecamatan: text('kecamatan'),
      villages: text('villages'),
      notes: text('notes'),
    },
    (field, item) => answer(field, item),
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
  if (issue.kind === 'warning') report.warning(row, issue.field, issue.code, issue.message, issue.item);
  else
    report.problem(row, issue.field, issue.code, issue.message, {
      item: issue.item,
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

/** Reads the sheet with the mapping and plans the programs. */
export function planImport(sheet: StoredSheet, mapping: PlanMapping, context: PlanContext): Plan {
  const report = new Reporter(mapping.columns, mapping.resolutions);
  const header = sheet.data.find((r) => r.r === mapping.headerRow)?.c ?? [];
  const headerText = (field: ImportField) => {
    const index = mapping.columns[field];
    return index === undefined ? '' : cellText(header[index]);
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
      const continues = above !== null && LOCATION_OR_MONEY.some(filled);
      if (!continues) {
        if (afterTotals) {
          // Signatures and notes under the table ("Mataram, 31 Desember 2025").
          skipped.push({ row, reason: 'after_totals' });
          continue;
        }
        report.problem(row, 'title', 'title_missing', 'the row has no program title');
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
      );
    }

    // Budget.
    const budgetAnswer = report.answer(firstRow, 'budgetPlanned', '#program');
    const budget = combineBudget(group, evidence, allRowsSum, budgetAnswer);
    if (budget.ask) {
      const amount = budget.value as number;
      const count = group.rows.filter((r) => r.budget !== null).length;
      report.problem(
        firstRow,
        'budgetPlanned',
        'budget_repeated',
        `rows ${group.rows.map((r) => r.row).join(', ')} of "${first.title}" all say ${formatRupiah(amount)}: is that the whole program, or each location?`,
        {
          item: '#program',
          readings: [
            { value: 'once', label: `${formatRupiah(amount)}` },
            { value: 'sum', label: `${count} × ${formatRupiah(amount)} = ${formatRupiah(amount * count)}` },
          ],
        },
      );
    } else if (budget.rule === 'summed') {
      report.warning(
        firstRow,
        'budgetPlanned',
        'budget_summed',
        `the amounts of rows ${group.rows.map((r) => r.row).join(', ')} differ by location and are added up`,
      );
    } else if (budget.rule === 'once' && budget.value !== null) {
      report.warning(
        firstRow,
        'budgetPlanned',
        'budget_once',
        `the same amount on rows ${group.rows.map((r) => r.row).join(', ')} is the program's total, counted once`,
      );
    }
    if (budget.value === null && !failed && report.letter('budgetPlanned')) {
      report.warning(
        firstRow,
        'budgetPlanned',
        'budget_missing',
        `no amount given for "${first.title}": recorded as not known (not Rp 0)`,
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
      owner: owner ? { id: owner.id, name: owner.name } : null,
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
        );
      }
      continue;
    }
    inputs.push({ rows: group.rows.map((r) => r.row), input: { ...parsed.data, key } });
  }

  const problems = sortByPlace(report.problems);
  return {
    programs,
    inputs: problems.length === 0 ? inputs : [],
    problems: capped(problems),
    warnings: sortByPlace(report.warnings),
    skipped,
    programRows: rows.length,
  };
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
    },
  ];
}
