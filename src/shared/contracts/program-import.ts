/**
 * The program recap import (issue 4): upload a workbook, pick the sheet and header row,
 * map columns, preview the programs read from it with every problem by row and column,
 * resolve those, then commit as a job. See docs/program-import.md.
 */
import { z } from 'zod';
import { isWellFormedAreaCode } from '../area-code.ts';
import { MODALITIES } from '../programs.ts';

/**
 * What a column of a recap can hold. `owner` is the organisation that runs the program
 * (a multi-organisation recap names it per row); `partners` are implementing partners and
 * `funders` partners that fund it; `notes` (Keterangan) is read for place hints only and
 * kept as the description when no description column is mapped.
 */
export const IMPORT_FIELDS = [
  'reference',
  'owner',
  'title',
  'description',
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
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const importField = z.enum(IMPORT_FIELDS);

/** A column as Excel names it: A, B, … Z, AA … */
export const columnLetter = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,3}$/, { message: 'use a column letter such as C' });

/**
 * A stored cell: text, a number, a calendar date (`{ d: "2025-04-01" }`, from a date
 * cell) or nothing. Formulas are stored as their cached result, or as "=FORMULA" text
 * when the file has none.
 */
export const sheetCell = z.union([z.string(), z.number(), z.object({ d: z.string() }), z.null()]);
export type StoredCell = z.infer<typeof sheetCell>;

export const sheetSummary = z.object({
  name: z.string(),
  /** Number of the last row holding anything. */
  rows: z.number().int(),
  columns: z.number().int(),
});

export const guessedMapping = z.object({
  headerRow: z.number().int().nullable().describe('The row that looks like the header, or null'),
  columns: z.partialRecord(importField, columnLetter).describe('Field → column letter read from the header'),
  /**
   * Each column's header as read for the guess, from column A: a two-row header gives
   * "ANGGARAN (RP) › RENCANA" (the parent merged above, then the column's own name).
   */
  headers: z.array(z.string()),
  /** A year named in the title rows ("TAHUN 2025"), offered as the default year. */
  year: z.number().int().nullable(),
});

export const sheetPreview = z.object({
  name: z.string(),
  rows: z.number().int(),
  columns: z.number().int(),
  /** The first rows of the sheet as stored, for picking the header row. */
  grid: z.array(z.object({ row: z.number().int(), cells: z.array(sheetCell) })),
  guess: guessedMapping,
});
export type SheetPreview = z.infer<typeof sheetPreview>;

export const IMPORT_STATES = ['uploaded', 'queued', 'running', 'done', 'failed'] as const;
export const importState = z.enum(IMPORT_STATES);

export const uploadedWorkbook = z.object({
  importId: z.uuid(),
  fileName: z.string(),
  expiresAt: z.string(),
  sheets: z.array(sheetSummary),
  /** The first sheet. */
  preview: sheetPreview,
});
export type UploadedWorkbook = z.infer<typeof uploadedWorkbook>;

export const sheetQuery = z.object({ name: z.string().min(1).max(200).describe('Sheet name') }).strict();

const areaCode = z.string().trim().refine(isWellFormedAreaCode, { message: 'AREA_CODE_MALFORMED' });

export const importResolution = z.object({
  row: z.number().int().min(1),
  column: columnLetter,
  /**
   * Which part of the cell: a place or issue as written in a list cell, or "#program"
   * for a question about the whole program (budget rule, conflicting modality), "#scope"
   * for where a row without villages runs. Omitted for the whole cell.
   */
  item: z.string().max(300).optional(),
  /**
   * The answer: a code (area, issue, modality), an organisation id, an amount, a
   * period "2025-01-01/2025-12-31", corrected text; "" drops a list item (a village,
   * an issue, a partner).
   */
  value: z.string().max(500),
  /**
   * The answer holds for every row whose cell in this column says `item` (a question
   * asked once per value, such as an unknown owner on several rows); `row` is then the
   * first of them.
   */
  allRows: z.boolean().optional(),
});
export type ImportResolution = z.infer<typeof importResolution>;

export const importMappingBody = z
  .object({
    sheet: z.string().min(1).max(200),
    headerRow: z.number().int().min(1).max(100_000),
    columns: z
      .partialRecord(importField, z.union([columnLetter, z.number().int().min(1).max(16_384)]))
      .describe('Field → column letter (or 1-based index)'),
    ownerOrgId: z
      .uuid()
      .optional()
      .describe('The reporting organisation: owner of every row whose owner cell is empty or unmapped'),
    defaults: z
      .object({
        kabupaten: areaCode.optional().describe('For rows that name no kabupaten/kota'),
        status: z.enum(['draft', 'planned', 'active']).default('active'),
        modality: z.enum(MODALITIES).optional(),
        issues: z
          .array(z.string().regex(/^[a-z][a-z0-9_]{1,40}$/))
          .max(12)
          .optional(),
        year: z.number().int().min(2000).max(2100).optional().describe('For rows with an empty period'),
      })
      .strict()
      .default({ status: 'active' }),
    resolutions: z.array(importResolution).max(5_000).default([]),
  })
  .strict();
export type ImportMappingBody = z.input<typeof importMappingBody>;
export type ImportMapping = z.output<typeof importMappingBody>;

export const importReading = z.object({ value: z.string(), label: z.string() });

export const importProblem = z.object({
  row: z.number().int().describe('Excel row number (1-based)'),
  column: z.string().describe('Column letter; empty when no column holds the field'),
  field: z.string(),
  item: z.string().optional(),
  code: z.string().describe('Stable code the client translates'),
  /**
   * The values the code's sentence names (the cell as written, the area found, an
   * amount in rupiah …): the client says the whole sentence in the reader's language
   * from `code` and `params`.
   */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string().describe('The same in English, for API clients and logs of the caller'),
  /** For ambiguous cells: the choices, each a `value` to send back as a resolution. */
  readings: z.array(importReading).optional(),
  /** True when the answer may be "" (leave this item out). */
  droppable: z.boolean().optional(),
  /**
   * Asked once for a value that several rows hold: `rows` lists them and the answer is
   * sent with `allRows: true` and `item` (the value), settling every row.
   */
  allRows: z.boolean().optional(),
  rows: z.array(z.number().int()).optional(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const importWarning = importProblem
  .omit({ readings: true, droppable: true, allRows: true, rows: true })
  .extend({
    /** An automatic correction (a typo, an alias): answering "#reject" at its place asks instead. */
    reversible: z.boolean().optional(),
  });
export type ImportWarning = z.infer<typeof importWarning>;

export const SKIP_REASONS = ['totals', 'heading', 'after_totals'] as const;

export const plannedProgram = z.object({
  key: z.string(),
  /** Excel rows this program was read from. */
  rows: z.array(z.number().int()),
  exists: z.boolean().describe('A program with this key exists: committing updates it'),
  title: z.string(),
  /** `isNew`: registered (unverified) by this import when it is committed. */
  owner: z.object({ id: z.string(), name: z.string(), isNew: z.boolean().optional() }).nullable(),
  /** Rows without a title read as more of this program (same owner, nothing contradicting). */
  continuedRows: z.array(z.number().int()),
  issues: z.array(z.string()),
  modality: z.enum(MODALITIES).nullable(),
  status: z.string(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  budgetPlanned: z.number().int().nullable(),
  budgetRealised: z.number().int().nullable(),
  /** How the amounts of several rows were combined. */
  budgetRule: z.enum(['single', 'summed', 'once']),
  villages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      district: z.string(),
      regency: z.string(),
      targetHouseholds: z.number().int().nullable(),
      targetPersons: z.number().int().nullable(),
    }),
  ),
  wholeAreas: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  partners: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.enum(['implementer', 'funder']),
      isNew: z.boolean().optional(),
    }),
  ),
  targetHouseholds: z.number().int().nullable(),
  targetPersons: z.number().int().nullable(),
  description: z.string().nullable(),
});
export type PlannedProgram = z.infer<typeof plannedProgram>;

export const importPreview = z.object({
  importId: z.uuid(),
  sheet: z.string(),
  headerRow: z.number().int(),
  /** The mapping used (letters), after guessing for fields the request left out. */
  columns: z.partialRecord(importField, columnLetter),
  /** The headers of the header row used, read with their parents ("PERIODE › MULAI"). */
  headers: z.array(z.string()),
  guess: guessedMapping,
  programs: z.array(plannedProgram),
  problems: z.array(importProblem),
  warnings: z.array(importWarning),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.enum(SKIP_REASONS) })),
  /** Rows read as programs (after skipping blanks, headings and totals). */
  programRows: z.number().int(),
  valid: z.boolean().describe('No problems: commit will be accepted'),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importStatus = z.object({
  importId: z.uuid(),
  fileName: z.string(),
  state: importState,
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  result: z
    .object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
    .nullable(),
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      details: z
        .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
        .optional(),
    })
    .nullable(),
  expiresAt: z.string(),
});
export type ImportStatus = z.infer<typeof importStatus>;
