/**
 * The wizard's bookkeeping, kept out of the components so it can be tested: answers to
 * problems (one per cell and item), the column choices of the mapping step, and cells
 * as the user saw them in Excel.
 */
import type {
  ImportField,
  ImportProblem,
  ImportResolution,
  StoredCell,
} from '../../../../shared/contracts/program-import.ts';
import { formatDate, type Locale } from '../../../../shared/format.ts';

/** One answer per cell and item: "13:L:#scope". */
export function resolutionKey(place: {
  row: number;
  column: string;
  item?: string | undefined;
  allRows?: boolean | undefined;
}): string {
  return `${place.allRows ? '*' : place.row}:${place.column}:${place.item ?? ''}`;
}

/** The answers with `answer` added, replacing an earlier answer to the same cell and item. */
export function withResolution(
  list: readonly ImportResolution[],
  answer: ImportResolution,
): ImportResolution[] {
  const key = resolutionKey(answer);
  return [...list.filter((r) => resolutionKey(r) !== key), answer];
}

export function withoutResolution(list: readonly ImportResolution[], key: string): ImportResolution[] {
  return list.filter((r) => resolutionKey(r) !== key);
}

/** The answer a problem would take: its place, and the value chosen. Problems without a column cannot take one. */
export function answerTo(
  problem: Pick<ImportProblem, 'row' | 'column' | 'item' | 'allRows'>,
  value: string,
): ImportResolution | null {
  if (!problem.column) return null;
  return {
    row: problem.row,
    column: problem.column,
    ...(problem.item === undefined ? {} : { item: problem.item }),
    // A question asked once for a value: the answer settles every row holding it.
    ...(problem.allRows ? { allRows: true } : {}),
    value,
  };
}

/** The answer that refuses an automatic correction (the server then asks instead). */
export const REJECT = '#reject';

/** Excel letters → 0-based column index (A → 0). */
export function columnIndexOf(letters: string): number {
  let n = 0;
  for (const char of letters.toUpperCase()) n = n * 26 + (char.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based column index → Excel letters (0 → A, 26 → AA), as the server names columns. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A cell as Excel shows it: text, a number, a date the Indonesian way. */
export function cellDisplay(cell: StoredCell | undefined, locale: Locale): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return formatDate(cell.d, locale);
  return String(cell);
}

/** Choices for a field's column: every column of the sheet, with the header text it has in the chosen row. */
export function columnChoices(
  headerCells: readonly StoredCell[],
  columnCount: number,
  locale: Locale,
): Array<{ value: string; label: string }> {
  return Array.from({ length: Math.max(columnCount, headerCells.length) }, (_, index) => {
    const letter = columnLetter(index);
    const header = cellDisplay(headerCells[index], locale).trim();
    return { value: letter, label: header ? `${letter} · ${header}` : letter };
  });
}

/** Fields mapped to the same column twice: the second mapping is almost certainly a slip. */
export function doubleMapped(columns: Partial<Record<ImportField, string>>): ImportField[] {
  const seen = new Map<string, ImportField>();
  const doubles: ImportField[] = [];
  for (const [field, letter] of Object.entries(columns) as Array<[ImportField, string | undefined]>) {
    if (!letter) continue;
    if (seen.has(letter)) doubles.push(field);
    else seen.set(letter, field);
  }
  return doubles;
}
