/**
 * The import's error report: the problems of a checked file as a CSV the user opens beside
 * their spreadsheet (row and column as the spreadsheet shows them). Built in the browser from
 * the answer, so no second upload is needed.
 */
import type { TFunction } from 'i18next';
import type { ImportProblem } from '../../../shared/contracts/organisations.ts';

/** One CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180). */
export function csvField(value: string | number): string {
  const text = String(value);
  // A leading =, +, - or @ would be read as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export type ReportHeaders = { row: string; column: string; problem: string; detail: string; code: string };

/**
 * CSV text (UTF-8 with a byte-order mark so Excel reads accents) with one line per problem:
 * row, column, the problem in the reader's language, the value it names, and the code.
 */
export function problemsCsv(
  problems: readonly ImportProblem[],
  headers: ReportHeaders,
  describe: (problem: ImportProblem) => string,
): string {
  const lines = [[headers.row, headers.column, headers.problem, headers.detail, headers.code]];
  for (const p of problems) {
    // The detail is the value the problem names, not the server's English message: the report
    // is read in the user's language.
    const detail = String(p.params?.value ?? p.params?.count ?? '');
    lines.push([p.row > 0 ? String(p.row) : '', p.column, describe(p), detail, p.code]);
  }
  return `\uFEFF${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Offers text as a file download (an object URL on a temporary link). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The problem in the reader's language from its code and params: with the value it names
 * when the server gives one ("“52.99” bukan kode wilayah yang berlaku"), never the server's
 * English message (that is for API clients).
 */
export function describeProblem(t: TFunction, problem: Pick<ImportProblem, 'code' | 'params'>): string {
  const generic = t(`organisations.import.codes.${problem.code}`, {
    defaultValue: t('organisations.import.codes.invalid'),
  });
  if (!problem.params || Object.keys(problem.params).length === 0) return generic;
  return t(`organisations.import.codeDetails.${problem.code}`, { ...problem.params, defaultValue: generic });
}
